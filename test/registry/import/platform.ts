// The platform for import/export API tests: the shared test platform, with optional config overrides
// (e.g. a small upload limit).
import type { Config } from '../../../src/core/config.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';

export type ImportTestPlatform = TestPlatform;

export function startImportTestPlatform(overrides: Partial<Config> = {}): Promise<ImportTestPlatform> {
  return startTestPlatform({ config: overrides });
}

/** A multipart/form-data body with text fields and at most one file. */
export function multipartBody(fields: Record<string, string>, file?: { name: string; content: Buffer | string; field?: string; type?: string }): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----cooperando' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

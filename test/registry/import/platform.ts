// The platform for import/export API tests: like startTestPlatform, plus the import and export routes when the
// registry module does not register them (yet) itself, so these tests run before and after they are wired in.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/core/config.ts';
import { createHttp, type App } from '../../../src/core/http.ts';
import type { Database } from '../../../src/core/db.ts';
import { MODULES } from '../../../src/app.ts';
import { registerImportRoutes } from '../../../src/modules/registry/import/routes.ts';
import { registerExportRoutes } from '../../../src/modules/registry/export/routes.ts';
import { freshDatabase } from '../../support/database.ts';

export interface ImportTestPlatform {
  app: App;
  database: Database;
  config: Config;
  signIn(email: string, password: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startImportTestPlatform(overrides: Partial<Config> = {}): Promise<ImportTestPlatform> {
  const fresh = await freshDatabase();
  const database = fresh.database;
  const config = loadConfig(
    {},
    {
      dataDir: mkdtempSync(join(tmpdir(), 'coop-import-api-')),
      sessionSecret: 'test-secret-test-secret-test-secret',
      databaseUrl: fresh.url,
      logLevel: 'silent',
      ...overrides,
    },
  );
  const app = await createHttp({ config, logger: false, readiness: async () => ({ ok: true }) });
  const seen = new Set<string>();
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) seen.add(`${String(m)} ${r.url}`);
  });
  for (const m of MODULES) await m.register({ app, database, config });
  await app.after();
  if (!seen.has('POST /api/v1/imports')) registerImportRoutes(app, database, config);
  if (!seen.has('GET /api/v1/cooperatives/export')) registerExportRoutes(app, database);
  await app.ready();
  return {
    app,
    database,
    config,
    async signIn(email: string, password: string) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'coop_session');
      if (!cookie) throw new Error('no session cookie');
      const body = res.json() as { csrfToken: string };
      return { cookie: `coop_session=${cookie.value}`, 'x-csrf-token': body.csrfToken };
    },
    async close() {
      await app.close();
      await fresh.close();
    },
  };
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

// Shared setup of the mutuality API tests: the platform on a fresh database, the small federation, a signed-in
// session per role, and short-hands for requests.
import { inflateSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';

export type Who = 'anonymous' | 'admin' | 'staffBologna' | 'staffSociali' | 'adminC1' | 'adminC3' | 'member' | 'outsider';
export const ROLES: Who[] = ['anonymous', 'admin', 'staffBologna', 'staffSociali', 'adminC1', 'adminC3', 'member', 'outsider'];

export interface Ctx {
  p: TestPlatform;
  f: SmallFederation;
  headers: Record<Who, Record<string, string>>;
  req(who: Who, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<{ statusCode: number; body: string; headers: Record<string, unknown>; json(): any; rawPayload: Buffer }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are inspected field by field
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export async function setup(): Promise<Ctx> {
  const p = await startTestPlatform();
  const f = await seedSmallFederation(p.database);
  const headers = { anonymous: {} } as Record<Who, Record<string, string>>;
  for (const who of ROLES) if (who !== 'anonymous') headers[who] = await p.signIn(f.accounts[who].email, f.accounts[who].password);
  return {
    p,
    f,
    headers,
    req: (who, method, url, payload) =>
      p.app.inject({ method, url, headers: headers[who], ...(payload !== undefined ? { payload: payload as object } : {}) }) as never,
    async count(sql, params = []) {
      const { rows } = await p.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
      return rows[0]?.n ?? 0;
    },
    close: () => p.close(),
  };
}

/** Asserts a problem+json answer with `status` and, when given, an error naming `field`. */
export function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }, status: number, field?: string): void {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  if (field) {
    const errors = ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
    assert.ok(errors.includes(field), `expected an error on ${field}, got ${JSON.stringify(errors)}`);
  }
}

export const work = (membershipId: string, occurredOn: string, hours: number, wagesCents: number, extra: Record<string, unknown> = {}) => ({
  membershipId,
  kind: 'work',
  occurredOn,
  quantity: hours,
  valueCents: wagesCents,
  ...extra,
});

/** A multipart/form-data body with text fields and at most one file. */
export function multipartBody(fields: Record<string, string>, file?: { name: string; content: Buffer | string; type?: string }): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----mutuality' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The text a PDF draws, page by page: pdfkit deflates each content stream and writes the standard fonts' text as
 * hex strings inside TJ arrays (split where it kerns), so inflate, then join each array's pieces into one line.
 */
export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated stream (fonts, images)
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const pieces = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'));
      lines.push(pieces.join(''));
    }
  }
  // WinAnsi: the euro sign is byte 0x80, typographic quotes 0x91–0x94.
  return lines.join('\n').replace(/\x80/g, '€').replace(/[\x91\x92]/g, '’');
}

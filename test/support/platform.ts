// Starts the whole platform on a fresh database for API tests (requests go through Fastify's inject).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { createPlatform, type Platform } from '../../src/app.ts';
import { freshDatabase } from './database.ts';

export interface TestPlatform extends Platform {
  /** Signs in and returns the headers (cookie + CSRF token) for later requests. */
  signIn(email: string, password: string): Promise<Record<string, string>>;
}

export async function startTestPlatform(opts: { serveWeb?: boolean; config?: Partial<Config> } = {}): Promise<TestPlatform> {
  const fresh = await freshDatabase();
  const config = loadConfig(
    {},
    {
      dataDir: mkdtempSync(join(tmpdir(), 'coop-test-')),
      sessionSecret: 'test-secret-test-secret-test-secret',
      databaseUrl: fresh.url,
      logLevel: 'silent',
      ...opts.config,
    },
  );
  const platform = await createPlatform({ config, database: fresh.database, logger: false, serveWeb: opts.serveWeb ?? false });
  return {
    ...platform,
    async close() {
      await platform.close();
      await fresh.close();
    },
    async signIn(email: string, password: string) {
      const res = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'coop_session');
      if (!cookie) throw new Error('no session cookie');
      const body = res.json() as { csrfToken: string };
      return { cookie: `coop_session=${cookie.value}`, 'x-csrf-token': body.csrfToken };
    },
  };
}

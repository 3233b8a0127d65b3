// Register page benchmark: GET /api/v1/cooperatives/:id/members?page=N&pageSize=100 of the biggest co-op, signed in
// as a platform admin, under autocannon load over a real socket on 127.0.0.1 — beside a bare Fastify route in the
// same process that returns a static JSON body of the same size (the HTTP floor of this machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/core/config.ts';
import type { Database } from '../src/core/db.ts';
import { createPlatform, type Platform } from '../src/app.ts';
import { hashPassword } from '../src/modules/identity/password.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { ratio } from './lib/stats.ts';

export interface BiggestCoop {
  id: string;
  name: string;
  members: number;
}

export interface RegisterPageResult {
  label: string;
  page: number;
  pageSize: number;
  url: string;
  bodyBytes: number;
  real: LoadResult;
  bare: LoadResult;
  /** real req/s ÷ bare req/s. */
  rpsRatio: number | null;
  /** real p99 ÷ bare p99. */
  p99Ratio: number | null;
}

export interface RegisterResult {
  coop: BiggestCoop;
  connections: number;
  durationS: number;
  pages: RegisterPageResult[];
}

export interface RunningPlatform {
  platform: Platform;
  baseUrl: string;
  /** Cookie header of a platform admin's session. */
  headers: Record<string, string>;
  close(): Promise<void>;
}

const ADMIN_EMAIL = 'bench.admin@example.it';
const ADMIN_PASSWORD = 'bench-password-2026-!';

/** Starts the whole platform on `database` listening on 127.0.0.1 and signs in a platform admin over the socket. */
export async function startPlatform(database: Database, databaseUrl: string | undefined): Promise<RunningPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coop-bench-app-'));
  const config = loadConfig({}, { dataDir, sessionSecret: 'bench-secret-bench-secret-bench-secret', databaseUrl, logLevel: 'silent', port: 0, host: '127.0.0.1' });
  const platform = await createPlatform({ config, database, logger: false, serveWeb: false });
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = platform.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const hash = await hashPassword(ADMIN_PASSWORD);
  const { rows } = await database.query<{ id: string }>(
    `INSERT INTO accounts (email, password_hash, display_name) VALUES ($1, $2, 'Benchmark admin')
     ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
    [ADMIN_EMAIL, hash],
  );
  const accountId = rows[0]?.id;
  if (!accountId) throw new Error('benchmark admin not created');
  await database.query(
    `INSERT INTO role_grants (account_id, role, organisation_id) SELECT $1, 'platform_admin', NULL
      WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE account_id = $1 AND role = 'platform_admin')`,
    [accountId],
  );
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c?.startsWith('coop_session='));
  if (!cookie) throw new Error('sign-in returned no coop_session cookie');
  return {
    platform,
    baseUrl,
    headers: { cookie },
    async close() {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The co-op with the most members today (from the roll-up aggregates). */
export async function biggestCoop(database: Database): Promise<BiggestCoop | null> {
  const { rows } = await database.query<BiggestCoop>(`
    SELECT o.id, o.name, sum(s.members)::float8 AS members
      FROM coop_member_stats s JOIN organisations o ON o.id = s.cooperative_id
     WHERE s.year = 9999 AND s.member_type = '*'
     GROUP BY o.id, o.name ORDER BY members DESC LIMIT 1`);
  return rows[0] ?? null;
}

export interface RegisterBenchOptions {
  connections: number;
  duration: number;
  log?: (msg: string) => void;
}

export async function benchRegister(running: RunningPlatform, coop: BiggestCoop, o: RegisterBenchOptions): Promise<RegisterResult> {
  const log = o.log ?? (() => {});
  const pageSize = 100;
  const lastPage = Math.max(1, Math.ceil(coop.members / pageSize));
  const pages = [
    { label: 'middle page', page: Math.max(1, Math.ceil(lastPage / 2)) },
    { label: 'first page', page: 1 },
  ];
  const out: RegisterPageResult[] = [];
  for (const { label, page } of pages) {
    const path = `/api/v1/cooperatives/${coop.id}/members?page=${page}&pageSize=${pageSize}`;
    const url = running.baseUrl + path;
    const probe = await fetch(url, { headers: running.headers });
    const body = await probe.text();
    if (probe.status !== 200) throw new Error(`register page ${page}: ${probe.status} ${body.slice(0, 300)}`);
    const items = (JSON.parse(body) as { items: unknown[] }).items.length;
    if (items !== pageSize && page !== lastPage) throw new Error(`register page ${page} returned ${items} rows, expected ${pageSize}`);
    // The floor: a bare Fastify app in this process serving the same bytes, pre-serialised.
    const bare = Fastify({ logger: false });
    bare.get('/static', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const barePort = (bare.server.address() as AddressInfo).port;
    try {
      log(`  ${label} (page ${page}, ${Buffer.byteLength(body)} bytes): platform route, ${o.connections} connections × ${o.duration} s …`);
      const real = await runLoad({ url, headers: running.headers, connections: o.connections, duration: o.duration });
      // Requests still queued when autocannon stops keep the server busy (on PGlite, its one thread): one more
      // request on the same route returns only once they are done, so the next measurement starts on an idle server.
      await (await fetch(url, { headers: running.headers })).arrayBuffer();
      log(`  ${label}: bare Fastify route with the same body …`);
      const bareRes = await runLoad({ url: `http://127.0.0.1:${barePort}/static`, connections: o.connections, duration: o.duration });
      out.push({
        label,
        page,
        pageSize,
        url: path,
        bodyBytes: Buffer.byteLength(body),
        real,
        bare: bareRes,
        rpsRatio: ratio(real.rps, bareRes.rps),
        p99Ratio: ratio(real.latencyMs.p99, bareRes.latencyMs.p99),
      });
    } finally {
      await bare.close();
    }
  }
  return { coop, connections: o.connections, durationS: o.duration, pages: out };
}

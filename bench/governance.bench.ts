// Governance benchmark on PostgreSQL (standalone: `node bench/governance.bench.ts [--quick] [--members N]
// [--pg-url URL] [--connections C] [--duration S]`), in a scratch database it creates and drops:
//   1. a co-op of N members generated with generate_series (2.8M by default: a consumer co-op the size of the largest);
//   2. the electoral roll of an assembly of that co-op, computed set-based (goal < 10 s), and the convocation notices;
//   3. votes cast per second through the HTTP API (a real socket, autocannon; each vote passes the eligibility,
//      presence/postal and one-vote checks) beside raw single-row INSERTs into PostgreSQL in the same run
//      (goal ≥ 0.4 of raw), with the p99 latency of casting under load;
//   4. the count of a ballot every member voted in (N votes), closing included (goal < 10 s).
// Prints a table and writes bench/results/governance.json.
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openScratch, DEFAULT_PG_URL, type ScratchDatabase } from './lib/backend.ts';
import { summarize, fmtMs, fmtRate, humanCount, type Summary } from './lib/stats.ts';
import { hashPassword } from '../src/modules/identity/password.ts';
import type { Principal } from '../src/core/http.ts';
import { governance } from '../src/modules/governance/index.ts';
import { DEFAULT_STATUTE } from '../src/modules/governance/domain/statute.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    members: { type: 'string' },
    'pg-url': { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: node bench/governance.bench.ts [--quick] [--members N] [--pg-url URL] [--connections C] [--duration S]');
  process.exit(0);
}
const quick = args.quick ?? false;
const members = Number((args.members ?? (quick ? '100000' : '2800000')).replace(/[_,]/g, ''));
const connections = Number(args.connections ?? 10);
const duration = Number(args.duration ?? (quick ? 5 : 15));
const pgUrl = args['pg-url'] ?? process.env.BENCH_PG_URL ?? DEFAULT_PG_URL;
if (!Number.isInteger(members) || members < 1000) throw new Error('--members must be an integer ≥ 1000');

const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${m}\n`);
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const s = performance.now();
  const v = await fn();
  return [v, performance.now() - s];
};

interface Result {
  members: number;
  setupSeconds: number;
  convene: { ms: number; notices: number; roll: { members: number; voters: number; votes: number } };
  roll: Summary;
  rollRecompute: Summary;
  live: Summary;
  votes: { rps: number; requests: number; non2xx: number; errors: number; latencyMs: { p50: number; p90: number; p99: number; max: number } };
  batch: { votesPerSecond: number; requests: number; non2xx: number; latencyMs: { p50: number; p99: number } };
  floor: { rps: number; p99: number };
  raw: { rps: number; inserts: number; latencyMs: { p50: number; p99: number } };
  ratio: number;
  tally: { ms: number; votes: number; outcome: string };
}

/** A co-op with `n` members: 2% financing, 1% legal persons, 3% admitted in the last 90 days (not yet voting). */
async function generate(s: ScratchDatabase, n: number): Promise<string> {
  const q = (text: string, params: unknown[] = []) => s.database.query(text, params);
  const orgs = await q(`WITH a AS (INSERT INTO organisations (kind, name) VALUES ('alliance', 'Alleanza') RETURNING id),
    t AS (INSERT INTO organisations (kind, name, parent_id) SELECT 'territorial', 'Territorio', id FROM a RETURNING id)
    INSERT INTO organisations (kind, name, parent_id) SELECT 'cooperative', 'Coop dei Consumatori', id FROM t RETURNING id`);
  const coopId = (orgs.rows[0] as { id: string }).id;
  await q(`INSERT INTO cooperatives (organisation_id, codice_fiscale) VALUES ($1, '00000000000')`, [coopId]);
  await q(`CREATE UNLOGGED TABLE bench_gen AS SELECT i, gen_random_uuid() AS id FROM generate_series(1, $1::int) i`, [n]);
  await q(`INSERT INTO people (id, kind, given_name, family_name, legal_name)
    SELECT id, CASE WHEN i % 100 = 7 THEN 'legal' ELSE 'natural' END,
           CASE WHEN i % 100 = 7 THEN NULL ELSE 'Socio' END, CASE WHEN i % 100 = 7 THEN NULL ELSE 'N' || i END,
           CASE WHEN i % 100 = 7 THEN 'Impresa ' || i END FROM bench_gen`);
  await q(`INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, subscribed_cents, paid_cents)
    SELECT $1, id, i, CASE WHEN i % 50 = 3 THEN '{sovventore}'::text[] ELSE '{utente}'::text[] END,
           d, d, 2500, 2500
      FROM (SELECT i, id, CASE WHEN i % 100 < 3 THEN current_date - (i % 80) ELSE date '2000-01-01' + (i % 9000) END AS d FROM bench_gen) x`, [coopId]);
  await q('DROP TABLE bench_gen');
  await q('ANALYZE people, memberships');
  return coopId;
}

async function startServer(url: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(HERE, 'lib', 'serve.ts')], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { port, child };
}

async function rawInserts(url: string, seconds: number, conns: number): Promise<Result['raw']> {
  const pool = new pg.Pool({ connectionString: url, max: conns });
  await pool.query('CREATE TABLE bench_raw_votes (ballot_id uuid NOT NULL, voter_id uuid NOT NULL, choice text NOT NULL, PRIMARY KEY (ballot_id, voter_id))');
  const ballot = '00000000-0000-0000-0000-000000000001';
  const until = performance.now() + seconds * 1000;
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: conns }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        await pool.query('INSERT INTO bench_raw_votes (ballot_id, voter_id, choice) VALUES ($1, gen_random_uuid(), $2)', [ballot, 'yes']);
        lat.push(performance.now() - s);
      }
    }),
  );
  await pool.end();
  const sm = summarize(lat);
  return { rps: lat.length / seconds, inserts: lat.length, latencyMs: { p50: sm.p50, p99: sm.p99 } };
}

async function main(): Promise<void> {
  log(`PostgreSQL at ${pgUrl}; ${humanCount(members)} members; ${connections} connections × ${duration} s`);
  const s = await openScratch('postgres', 'gov', pgUrl);
  let server: ChildProcess | null = null;
  try {
    const db = s.database.db;
    const [coopId, setupMs] = await timed(() => generate(s, members));
    log(`generated ${humanCount(members)} members in ${(setupMs / 1000).toFixed(1)} s`);
    const hash = await hashPassword('bench-password-2026-!');
    const acc = await s.database.query<{ id: string }>(`INSERT INTO accounts (email, password_hash, display_name) VALUES ('chair@bench.example', $1, 'Chair') RETURNING id`, [hash]);
    const accountId = (acc.rows[0] as { id: string }).id;
    await s.database.query(`INSERT INTO role_grants (account_id, role, organisation_id) VALUES ($1, 'coop_admin', $2)`, [accountId, coopId]);
    const principal: Principal = { accountId, personId: null, email: 'chair@bench.example', displayName: 'Chair', locale: 'it', grants: [{ role: 'coop_admin', organisationId: coopId }], sessionIdHash: '', csrfToken: '' };
    const actor = { principal, requestId: 'bench' };
    await governance.putStatute(db, actor, coopId, { ...DEFAULT_STATUTE, postalVotingAllowed: true, remoteVotingAllowed: true, remoteParticipationAllowed: true }, null);
    const first = new Date(Date.now() + 16 * 86_400_000);
    first.setUTCHours(16, 0, 0, 0);
    const id = await governance.createAssembly(db, actor, coopId, {
      kind: 'ordinary',
      title: 'Assemblea generale',
      mode: 'hybrid',
      firstCallAt: first.toISOString(),
      secondCallAt: new Date(first.getTime() + 86_400_000).toISOString(),
      items: [
        { kind: 'resolution', title: 'Delibera sotto carico', ballot: { method: 'yes_no' } },
        { kind: 'resolution', title: 'Delibera di tutti i soci', ballot: { method: 'yes_no' } },
      ],
    });
    log('convening (roll + notices) …');
    const [notices, conveneMs] = await timed(() => governance.convene(db, actor, id, 'http://localhost'));
    const roll = (await governance.getAssembly(db, principal, id, 'it')).roll;
    log(`convened in ${(conveneMs / 1000).toFixed(1)} s: ${roll.voters} voters, ${roll.votes} votes, ${notices.notices} notices`);
    // The roll alone, as at a convocation: computed for new assemblies of the same co-op (drafts, so no notices go).
    const rollMs: number[] = [];
    for (let i = 0; i < (quick ? 2 : 3); i++) {
      const extra = await governance.createAssembly(db, actor, coopId, { kind: 'ordinary', title: `Assemblea ${i + 2}`, mode: 'in_person', firstCallAt: first.toISOString(), items: [{ kind: 'information', title: 'x' }] });
      await s.database.query('UPDATE assemblies SET record_date = $2, statute = (SELECT statute FROM assemblies WHERE id = $3) WHERE id = $1', [extra, first.toISOString().slice(0, 10), id]);
      await s.database.query('CHECKPOINT');
      const [, ms] = await timed(() => db.transaction(async (tx) => governance.computeRoll(tx as unknown as typeof db, await governance.rollContext(tx as unknown as typeof db, extra))));
      rollMs.push(ms);
      log(`  roll computed in ${(ms / 1000).toFixed(2)} s`);
    }
    const recompute: number[] = [];
    for (let i = 0; i < (quick ? 1 : 2); i++) {
      const [, ms] = await timed(() => governance.recomputeRoll(db, actor, id, 'http://localhost'));
      recompute.push(ms);
      log(`  roll recomputed (delete + insert) in ${(ms / 1000).toFixed(2)} s`);
    }
    await s.database.rawTransaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(`UPDATE assemblies SET first_call_at = now() - interval '1 day', second_call_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    });
    await governance.openSession(db, actor, id, 'second', 'it');
    const detail = await governance.getAssembly(db, principal, id, 'it');
    const [loadBallot, allBallot] = detail.items.map((i) => i.ballot?.id as string) as [string, string];
    await governance.openBallot(db, actor, loadBallot, 'it');
    await governance.openBallot(db, actor, allBallot, 'it');
    const live: number[] = [];
    for (let i = 0; i < 5; i++) live.push((await timed(() => governance.liveSnapshot(db, principal, id, 'it')))[1]);

    // Voters for the load: eligible members in random order (each votes once: a repeat would be a 409).
    const voters = (await s.database.query<{ id: string }>(`SELECT person_id AS id FROM assembly_roll WHERE assembly_id = $1 AND eligible ORDER BY md5(person_id::text) LIMIT 400000`, [id])).rows.map((r) => r.id);
    log('starting the platform process …');
    const started = await startServer(s.url as string);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'chair@bench.example', password: 'bench-password-2026-!' }) });
    if (signIn.status !== 200) throw new Error(`sign-in ${signIn.status}`);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    let next = 0;
    log(`casting postal votes through the API for ${duration} s …`);
    const ac = await autocannon({
      url: base,
      connections,
      duration,
      timeout: 60,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          path: `/api/v1/ballots/${loadBallot}/votes`,
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ vote: next % 3 === 0 ? 'no' : 'yes', voters: [voters[next++ % voters.length]], postal: true }) }),
        },
      ],
    });
    const votes: Result['votes'] = {
      rps: ac.requests.total / ac.duration,
      requests: ac.requests.total,
      non2xx: ac.non2xx,
      errors: ac.errors + ac.timeouts,
      latencyMs: { p50: ac.latency.p50, p90: ac.latency.p90, p99: ac.latency.p99, max: ac.latency.max },
    };
    log(`  API: ${fmtRate(votes.rps)} votes/s, p99 ${votes.latencyMs.p99} ms, non-2xx ${votes.non2xx}`);
    // The same, 50 postal ballots per request (the chair's staff entering a stack of postal votes).
    const BATCH = 50;
    const acBatch = await autocannon({
      url: base,
      connections,
      duration,
      timeout: 60,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          path: `/api/v1/ballots/${loadBallot}/postal-votes`,
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ ballots: Array.from({ length: BATCH }, () => ({ voter: voters[next++ % voters.length], vote: next % 3 === 0 ? 'no' : 'yes' })) }) }),
        },
      ],
    });
    const batch = { votesPerSecond: (acBatch.requests.total * BATCH) / acBatch.duration, requests: acBatch.requests.total, non2xx: acBatch.non2xx, latencyMs: { p50: acBatch.latency.p50, p99: acBatch.latency.p99 } };
    log(`  API, ${BATCH} postal ballots per request: ${fmtRate(batch.votesPerSecond)} votes/s, p99 ${batch.latencyMs.p99} ms, non-2xx ${batch.non2xx}`);
    // The floor of any signed-in request on this machine now: the session lookup the identity hook does.
    const acFloor = await autocannon({ url: `${base}/api/v1/auth/session`, connections, duration: Math.max(3, Math.round(duration / 2)), headers: { cookie } });
    const floor = { rps: acFloor.requests.total / acFloor.duration, p99: acFloor.latency.p99 };
    log(`  signed-in floor (GET /api/v1/auth/session): ${fmtRate(floor.rps)} req/s`);
    server.kill('SIGTERM');
    server = null;
    log(`raw single-row INSERTs for ${duration} s …`);
    const raw = await rawInserts(s.url as string, duration, connections);
    log(`  raw: ${fmtRate(raw.rps)} inserts/s`);

    // Every eligible member votes in the second ballot (bulk: the API would take hours), then the chair closes it.
    log('filling a ballot with every member’s vote …');
    await s.database.rawTransaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(`INSERT INTO ballot_casts (ballot_id, voter_person_id, channel) SELECT $1, person_id, 'remote' FROM assembly_roll WHERE assembly_id = $2 AND eligible`, [allBallot, id]);
      await tx.query(`INSERT INTO ballot_choices (ballot_id, voter_person_id, weight, financing, choice)
        SELECT $1, person_id, weight, financing, CASE WHEN hashtext(person_id::text) % 5 = 0 THEN 'no' WHEN hashtext(person_id::text) % 7 = 0 THEN 'abstain' ELSE 'yes' END
          FROM assembly_roll WHERE assembly_id = $2 AND eligible`, [allBallot, id]);
    });
    await s.database.query('ANALYZE ballot_casts, ballot_choices');
    log('closing and counting …');
    const [closed, tallyMs] = await timed(() => governance.closeBallot(db, actor, allBallot, 'it'));
    const tally = { ms: tallyMs, votes: closed?.result?.castVotes ?? 0, outcome: closed?.result?.outcome ?? '?' };
    log(`  counted ${humanCount(tally.votes)} votes in ${(tallyMs / 1000).toFixed(2)} s: ${tally.outcome}`);

    const result: Result = {
      members,
      setupSeconds: setupMs / 1000,
      convene: { ms: conveneMs, notices: notices.notices, roll: { members: roll.members, voters: roll.voters, votes: roll.votes } },
      roll: summarize(rollMs),
      rollRecompute: summarize(recompute),
      live: summarize(live),
      votes,
      batch,
      floor,
      raw,
      ratio: votes.rps / raw.rps,
      tally,
    };
    const rows: [string, string, string, string][] = [
      ['electoral roll computed, median', `${fmtMs(result.roll.p50)} (${humanCount(roll.members)} members)`, '—', '< 10 s'],
      ['convocation: roll + notices', `${fmtMs(conveneMs)} (${humanCount(notices.notices)} notices)`, '—', '—'],
      ['roll taken again (delete + insert), median', fmtMs(result.rollRecompute.p50), '—', '—'],
      ['votes cast through the API, votes/s', fmtRate(votes.rps), `raw INSERT ${fmtRate(raw.rps)}/s`, `ratio ${(result.ratio).toFixed(2)} (goal ≥ 0.4)`],
      ['  … 50 postal ballots per request, votes/s', fmtRate(batch.votesPerSecond), `raw INSERT ${fmtRate(raw.rps)}/s`, `ratio ${(batch.votesPerSecond / raw.rps).toFixed(2)}`],
      ['  … signed-in request floor (session lookup)', `${fmtRate(floor.rps)} req/s`, '—', `votes ${((votes.rps / floor.rps) * 100).toFixed(0)}% of it`],
      ['casting latency under load p50 / p99', `${votes.latencyMs.p50} / ${votes.latencyMs.p99} ms`, `raw ${raw.latencyMs.p50.toFixed(1)} / ${raw.latencyMs.p99.toFixed(1)} ms`, `${connections} connections`],
      ['count of a ballot every member voted in', `${fmtMs(tallyMs)} (${humanCount(tally.votes)} votes)`, '—', '< 10 s'],
      ['live view (presence, quorum, ballots) p50', fmtMs(result.live.p50), '—', '—'],
    ];
    const w = [44, 34, 26, 24];
    console.log(`\nGovernance on PostgreSQL — ${humanCount(members)} members (${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)})`);
    console.log(rows.map((r) => r.map((c, i) => c.padEnd(w[i] ?? 20)).join(' ')).join('\n'));
    if (votes.non2xx > 0 || votes.errors > 0) console.log(`note: ${votes.non2xx} non-2xx and ${votes.errors} errors under load`);
    mkdirSync(join(HERE, 'results'), { recursive: true });
    writeFileSync(join(HERE, 'results', 'governance.json'), `${JSON.stringify({ at: new Date().toISOString(), quick, connections, duration, loadAverage: loadavg()[0], result }, null, 2)}\n`);
    console.log(`wrote bench/results/governance.json`);
  } finally {
    server?.kill('SIGTERM');
    await s.close();
  }
}

await main();

// Identity benchmark, standalone: `node bench/identity.bench.ts [--quick] [--backend postgres|pglite] [--pg-url URL]`.
// Everything runs one operation at a time (one core for our code), each figure beside a baseline measured in the
// same run:
//   1. membership credential issuance per second — the full issuance (status slot, signature, insert, audit) and the
//      SD-JWT signature alone — vs signing a plain JWT with the same claims (jose);
//   2. verification per second — the platform's verifier (signature, disclosures, dates, status from the database)
//      and the public SD-JWT VC library with a cached status list — vs verifying the plain JWT;
//   3. OpenID Connect authorization-code round trips per second over a real socket (authorize with SSO → code →
//      token endpoint with PKCE and client authentication) vs a bare Fastify token endpoint in the same process that
//      does the floor of the same work (form parsing, PKCE check, an RS256 ID token).
// Writes bench/results/identity.json and prints a table.
import { parseArgs } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { SignJWT, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';
import * as oidcClient from 'openid-client';
import { loadConfig } from '../src/core/config.ts';
import { createPlatform } from '../src/app.ts';
import { hashPassword } from '../src/modules/identity/password.ts';
import { KeyStore } from '../src/modules/identity/keys/signing-keys.ts';
import { issueCredential } from '../src/modules/identity/credentials/service.ts';
import { issueMembershipCredential } from '../src/modules/identity/credentials/issuer.ts';
import { membershipSubject } from '../src/modules/identity/credentials/claims.ts';
import { verifyPresentation } from '../src/modules/identity/credentials/verify.ts';
import { publishStatusList, statusListUri } from '../src/modules/identity/credentials/status-list.ts';
import { openScratch, DEFAULT_PG_URL, type BackendKind } from './lib/backend.ts';
import { summarize, type Summary } from './lib/stats.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    backend: { type: 'string', default: 'postgres' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? DEFAULT_PG_URL },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: node bench/identity.bench.ts [--quick] [--backend postgres|pglite] [--pg-url URL]');
  process.exit(0);
}
const quick = args.quick;
const backend = args.backend as BackendKind;
const N = {
  issueFull: quick ? 150 : 1500,
  sign: quick ? 400 : 4000,
  verify: quick ? 400 : 4000,
  flows: quick ? 100 : 1000,
};
const log = (m: string) => console.error(`[identity bench] ${m}`);

interface Rate {
  ops: number;
  seconds: number;
  perSecond: number;
  latencyMs: Summary;
}

/** Runs `fn` `n` times one after another (after a short warm-up) and reports the rate and latencies. */
async function rate(n: number, fn: (i: number) => Promise<unknown>): Promise<Rate> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(-1 - i);
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    lat.push(performance.now() - s);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { ops: n, seconds, perSecond: n / seconds, latencyMs: summarize(lat) };
}

// ------------------------------------------------------------------------------------------------ set-up
async function freePort(): Promise<number> {
  const f = Fastify();
  await f.listen({ port: 0, host: '127.0.0.1' });
  const port = (f.server.address() as { port: number }).port;
  await f.close();
  return port;
}

const scratch = await openScratch(backend, 'identity', args['pg-url']);
const port = await freePort();
const baseUrl = `http://localhost:${port}`;
const config = loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'coop-bench-identity-')), databaseUrl: scratch.url, publicUrl: baseUrl, port, logLevel: 'silent', sessionSecret: randomBytes(32).toString('base64url') });
const platform = await createPlatform({ config, database: scratch.database, logger: false, serveWeb: false, migrated: true });
await platform.app.listen({ port, host: '127.0.0.1' });
const db = scratch.database.db;
const q = scratch.database.query;

const PASSWORD = 'bench-password-2026';
const [org] = (await q<{ id: string }>(`INSERT INTO organisations (kind, name) VALUES ('cooperative', 'Cooperativa Benchmark') RETURNING id`)).rows;
await q(`INSERT INTO cooperatives (organisation_id, codice_fiscale, albo_category, province, region) VALUES ($1, '01234567890', 'sociali', 'BO', 'Emilia-Romagna')`, [org!.id]);
const [person] = (await q<{ id: string }>(`INSERT INTO people (kind, given_name, family_name) VALUES ('natural', 'Mario', 'Rossi') RETURNING id`)).rows;
const [ms] = (await q<{ id: string }>(
  `INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on) VALUES ($1, $2, 1, '{lavoratore}', '2015-02-01', '2015-02-01') RETURNING id`,
  [org!.id, person!.id],
)).rows;
const [acc] = (await q<{ id: string }>(`INSERT INTO accounts (email, password_hash, display_name, person_id) VALUES ('mario@bench.example', $1, 'Mario Rossi', $2) RETURNING id`, [await hashPassword(PASSWORD), person!.id])).rows;
const [adm] = (await q<{ id: string }>(`INSERT INTO accounts (email, password_hash, display_name) VALUES ('admin@bench.example', $1, 'Admin') RETURNING id`, [await hashPassword(PASSWORD)])).rows;
await q(`INSERT INTO role_grants (account_id, role) VALUES ($1, 'platform_admin')`, [adm!.id]);

const keys = new KeyStore(scratch.database, config.sessionSecret);
const deps = { db, keys, publicUrl: baseUrl };
const actor = { accountId: acc!.id };

// ------------------------------------------------------------------------------------------------ 1. issuance
log(`issuance: ${N.issueFull} full issuances, ${N.sign} signatures (SD-JWT and plain JWT) …`);
const issueFull = await rate(N.issueFull, () => issueCredential(deps, acc!.id, person!.id, ms!.id, actor, { via: 'web' }));
const key = await keys.active('credentials');
const subject = (await membershipSubject(db, ms!.id))!;
const sdSign = await rate(N.sign, (i) => issueMembershipCredential(key, baseUrl, { claims: subject.claims, statusUri: statusListUri(baseUrl, 1), statusIdx: Math.abs(i) % 65536 }));
const plainKey = (await importJWK(key.privateJwk, 'ES256')) as CryptoKey;
const plainClaims = { iss: baseUrl, vct: `${baseUrl}/api/v1/credentials/types/membership`, status: { status_list: { idx: 1, uri: statusListUri(baseUrl, 1) } }, ...subject.claims };
const plainSign = await rate(N.sign, () => new SignJWT(plainClaims).setProtectedHeader({ alg: 'ES256', kid: key.kid }).setIssuedAt().setExpirationTime('1y').sign(plainKey));

// ------------------------------------------------------------------------------------------------ 2. verification
log(`verification: ${N.verify} each (platform, library, plain JWT) …`);
const sample = await issueCredential(deps, acc!.id, person!.id, ms!.id, actor, { via: 'web' });
const presentation = (() => {
  const [jwt, ...ds] = sample.sdJwt.split('~');
  const keep = ds.filter((d) => d && /"(sector|province)"/.test(Buffer.from(d, 'base64url').toString()));
  return [jwt, ...keep, ''].join('~');
})();
const platformVerify = await rate(N.verify, async () => {
  const r = await verifyPresentation(db, keys, baseUrl, presentation);
  if (!r.valid) throw new Error(`not valid: ${r.problem}`);
});
const listUri = (JSON.parse(Buffer.from(sample.sdJwt.split('.')[1]!, 'base64url').toString()) as { status: { status_list: { uri: string } } }).status.status_list.uri;
const listJwt = (await publishStatusList(db, keys, baseUrl, Number(listUri.split('/').pop())))!;
const pubJwk = key.publicJwk as JWK;
const esVerifier = await ES256.getVerifier(pubJwk);
const lib = new SDJwtVcInstance({ verifier: esVerifier, hasher: digest, hashAlg: 'sha-256', statusListFetcher: async () => listJwt });
const libVerify = await rate(N.verify, () => lib.verify(presentation));
const plainJwt = await new SignJWT(plainClaims).setProtectedHeader({ alg: 'ES256', kid: key.kid }).setIssuedAt().setExpirationTime('1y').sign(plainKey);
const plainPub = (await importJWK(pubJwk, 'ES256')) as CryptoKey;
const plainVerify = await rate(N.verify, () => jwtVerify(plainJwt, plainPub));

// ------------------------------------------------------------------------------------------------ 3. OIDC round trips
log(`OIDC: ${N.flows} authorization-code round trips and as many bare token requests …`);
const cookies = new Map<string, string>();
const jarFetch = async (url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) => {
  const headers: Record<string, string> = { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual' });
  for (const c of res.headers.getSetCookie()) {
    const [pair = ''] = c.split(';');
    const i = pair.indexOf('=');
    const v = pair.slice(i + 1);
    if (v) cookies.set(pair.slice(0, i), v);
    else cookies.delete(pair.slice(0, i));
  }
  return res;
};
const signInRes = await jarFetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mario@bench.example', password: PASSWORD }) });
const csrf = ((await signInRes.json()) as { csrfToken: string }).csrfToken;
const adminHeaders = await (async () => {
  const r = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'admin@bench.example', password: PASSWORD } });
  return { cookie: `coop_session=${r.cookies.find((c) => c.name === 'coop_session')!.value}`, 'x-csrf-token': (r.json() as { csrfToken: string }).csrfToken };
})();
const CALLBACK = 'http://127.0.0.1:9/callback';
const reg = await platform.app.inject({ method: 'POST', url: '/api/v1/admin/oidc/clients', headers: adminHeaders, payload: { name: 'Bench RP', authMethod: 'client_secret_basic', redirectUris: [CALLBACK], allowRefresh: false } });
const { client: rpClient, clientSecret } = reg.json() as { client: { clientId: string }; clientSecret: string };
const rp = await oidcClient.discovery(new URL(`${baseUrl}/oidc`), rpClient.clientId, undefined, oidcClient.ClientSecretBasic(clientSecret), { execute: [oidcClient.allowInsecureRequests] });

async function follow(url: string): Promise<URL> {
  let current = new URL(url);
  for (let hop = 0; hop < 10; hop++) {
    if (current.origin !== baseUrl || current.pathname.startsWith('/autorizza/')) return current;
    const res = await jarFetch(current.href);
    await res.arrayBuffer();
    const loc = res.headers.get('location');
    if (!loc) return current;
    current = new URL(loc, current);
  }
  throw new Error('redirect loop');
}
async function flow(interactive: boolean): Promise<void> {
  const verifier = oidcClient.randomPKCECodeVerifier();
  const state = oidcClient.randomState();
  const authUrl = oidcClient.buildAuthorizationUrl(rp, { redirect_uri: CALLBACK, scope: 'openid profile', code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  let at = await follow(authUrl.href);
  for (let step = 0; interactive && step < 3 && at.origin === baseUrl; step++) {
    const uid = at.pathname.split('/')[2]!;
    const d = (await (await jarFetch(`${baseUrl}/oidc/interaction/${uid}/details`)).json()) as { prompt: string };
    const res = await jarFetch(`${baseUrl}/oidc/interaction/${uid}/${d.prompt === 'login' ? 'login' : 'consent'}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(d.prompt === 'login' ? {} : { scopes: ['profile'] }) });
    at = await follow(((await res.json()) as { redirectTo: string }).redirectTo);
  }
  if (at.origin === baseUrl) throw new Error(`no code: ${at.href}`);
  const tokens = await oidcClient.authorizationCodeGrant(rp, at, { pkceCodeVerifier: verifier, expectedState: state });
  if (!tokens.id_token) throw new Error('no ID token');
}
await flow(true); // sign-in and consent once; then single sign-on
const oidcRate = await rate(N.flows, () => flow(false));

// The bare baseline: a Fastify token endpoint doing the floor of the same work.
const bare = Fastify();
const rsa = await generateKeyPair('RS256');
const codes = new Map<string, string>();
bare.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
bare.post('/token', async (req, reply) => {
  const b = req.body as Record<string, string>;
  const challenge = codes.get(b.code ?? '');
  if (!challenge || createHash('sha256').update(b.code_verifier ?? '').digest('base64url') !== challenge) return reply.code(400).send({ error: 'invalid_grant' });
  codes.delete(b.code!);
  const now = Math.floor(Date.now() / 1000);
  const idToken = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'RS256', kid: 'bare' }).setIssuer('bare').setAudience('client').setIssuedAt(now).setExpirationTime(now + 3600).sign(rsa.privateKey);
  return { access_token: randomBytes(32).toString('base64url'), token_type: 'Bearer', expires_in: 600, id_token: idToken };
});
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/token`;
const bareRate = await rate(N.flows, async () => {
  const code = randomBytes(32).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  codes.set(code, createHash('sha256').update(verifier).digest('base64url'));
  const res = await fetch(bareUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier }).toString() });
  if (res.status !== 200) throw new Error('bare token failed');
  await res.json();
});

await bare.close();
await platform.close();
await scratch.close();

// ------------------------------------------------------------------------------------------------ report
const r2 = (n: number) => Math.round(n * 100) / 100;
const result = {
  at: new Date().toISOString(),
  quick,
  backend,
  machine: { cpus: cpus().length, loadAverage: r2(loadavg()[0] ?? 0) },
  issuance: { full: issueFull, sdJwtSign: sdSign, baselinePlainJwtSign: plainSign, ratioFullToBaseline: r2(issueFull.perSecond / plainSign.perSecond), ratioSdJwtToBaseline: r2(sdSign.perSecond / plainSign.perSecond) },
  verification: { platform: platformVerify, library: libVerify, baselinePlainJwtVerify: plainVerify, ratioPlatformToBaseline: r2(platformVerify.perSecond / plainVerify.perSecond), ratioLibraryToBaseline: r2(libVerify.perSecond / plainVerify.perSecond) },
  oidc: { authorizationCodeRoundTrips: oidcRate, baselineBareTokenEndpoint: bareRate, ratio: r2(oidcRate.perSecond / bareRate.perSecond) },
};
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(join(HERE, 'results', 'identity.json'), `${JSON.stringify(result, null, 2)}\n`);
const row = (label: string, x: Rate, base: Rate | null) =>
  `${label.padEnd(46)} ${x.perSecond.toFixed(1).padStart(9)}/s  p50 ${x.latencyMs.p50.toFixed(2).padStart(7)} ms  p99 ${x.latencyMs.p99.toFixed(2).padStart(7)} ms${base ? `  ×${(x.perSecond / base.perSecond).toFixed(3)} of baseline` : ''}`;
console.log(
  [
    `identity benchmark (${backend}${quick ? ', quick' : ''}; ${cpus().length} CPUs, load ${r2(loadavg()[0] ?? 0)}), one operation at a time`,
    row('credential issuance (slot, sign, store, audit)', issueFull, plainSign),
    row('SD-JWT VC signature alone (9 disclosures)', sdSign, plainSign),
    row('  baseline: plain ES256 JWT, same claims', plainSign, null),
    row('verification, platform (status from the DB)', platformVerify, plainVerify),
    row('verification, @sd-jwt library (cached list)', libVerify, plainVerify),
    row('  baseline: plain ES256 JWT verify', plainVerify, null),
    row('OIDC code flow round trip (SSO, PKCE, token)', oidcRate, bareRate),
    row('  baseline: bare Fastify token endpoint', bareRate, null),
    `wrote ${join(HERE, 'results', 'identity.json')}`,
  ].join('\n'),
);

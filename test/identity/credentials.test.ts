// Verifiable membership credentials (SD-JWT VC), checked by an independent verifier that knows only the public
// libraries and what the platform publishes: a genuine credential passes, and with selective disclosure proves
// "member of a co-op in sector X in province Y" alone; tampered, expired and revoked ones fail (revoked when the
// membership ends in the register, or at the member's request) — and the platform's own verification API agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';
import { issueCredential } from '../../src/modules/identity/index.ts';
import { KeyStore } from '../../src/modules/identity/keys/signing-keys.ts';
import { BrowserJar, startListeningPlatform, type ListeningPlatform } from './support/web-client.ts';
import { independentVerify, present } from './support/independent-verifier.ts';

let web: ListeningPlatform;
let fed: SmallFederation;
let jar: BrowserJar;

before(async () => {
  web = await startListeningPlatform();
  fed = await seedSmallFederation(web.platform.database);
  jar = new BrowserJar();
  await jar.signIn(web.baseUrl, fed.accounts.member.email, fed.accounts.member.password);
});
after(async () => {
  await web.close();
});

async function issue(membershipId: string, j = jar): Promise<{ id: string; sdJwt: string }> {
  const res = await j.fetch(`${web.baseUrl}/api/v1/me/credentials`, { json: { membershipId } });
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { credential: { id: string; status: string }; sdJwt: string };
  assert.equal(body.credential.status, 'valid');
  return { id: body.credential.id, sdJwt: body.sdJwt };
}

async function platformVerify(presentation: string, expected: { audience?: string; nonce?: string } = {}) {
  const res = await fetch(`${web.baseUrl}/api/v1/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ presentation, ...expected }) });
  assert.equal(res.status, 200);
  return (await res.json()) as { valid: boolean; problem: string | null; disclosed: Record<string, unknown>; undisclosedCount: number; keyBinding: unknown };
}

const failsWith = async (p: Promise<unknown>, re: RegExp) => assert.rejects(p, (e: Error) => re.test(e.message));

test('a genuine credential passes the independent verifier; selective disclosure hides name and co-op', async () => {
  const { sdJwt } = await issue(fed.memberships.marioC1);
  const full = await independentVerify(sdJwt, { issuer: web.baseUrl });
  assert.deepEqual(full.disclosed, {
    cooperative: 'Cooperativa Sociale Il Mosaico',
    cooperative_tax_code: full.disclosed.cooperative_tax_code,
    member_type: ['lavoratore'],
    member_since: '2015-02-01',
    sector: 'sociali',
    province: 'BO',
    region: 'Emilia-Romagna',
    given_name: 'Mario',
    family_name: 'Rossi',
  });
  assert.equal(full.payload.vct, `${web.baseUrl}/api/v1/credentials/types/membership`);
  // The type metadata the vct names is served.
  assert.equal((await fetch(full.payload.vct as string)).status, 200);

  const proof = await present(sdJwt, ['sector', 'province']);
  const v = await independentVerify(proof, { issuer: web.baseUrl });
  assert.deepEqual(v.disclosed, { sector: 'sociali', province: 'BO' });
  assert.ok(!proof.includes('Mario') && !/Mosaico/.test(Buffer.from(proof.split('~')[0]!.split('.')[1]!, 'base64url').toString()), 'neither name nor co-op in the presentation');
  const report = await platformVerify(proof);
  assert.equal(report.valid, true);
  assert.deepEqual(report.disclosed, { sector: 'sociali', province: 'BO' });
  assert.equal(report.undisclosedCount, 7);
  // A service that asked for a presentation bound to its nonce cannot accept a card with no holder key: anyone
  // holding a copy could show it.
  const asked = await platformVerify(proof, { audience: 'https://shop.example', nonce: 'n-1' });
  assert.deepEqual([asked.valid, asked.problem], [false, 'key-binding-missing']);
  // A step-up is needed to issue: a stale session is asked to confirm.
  await web.platform.database.query(`UPDATE sessions SET authenticated_at = now() - interval '1 hour' WHERE account_id = $1`, [fed.accounts.member.id]);
  const stale = await jar.fetch(`${web.baseUrl}/api/v1/me/credentials`, { json: { membershipId: fed.memberships.marioC2 } });
  assert.equal(stale.status, 403);
  await web.platform.database.query(`UPDATE sessions SET authenticated_at = now() WHERE account_id = $1`, [fed.accounts.member.id]);
});

test('tampered credentials fail: a changed disclosure, a changed payload, another issuer’s signature', async () => {
  const { sdJwt } = await issue(fed.memberships.marioC2);
  const [jwt, ...rest] = sdJwt.split('~');
  // Swap the province for another one in its disclosure (the salt kept): the digest no longer matches.
  const forged = rest.map((d) => {
    if (!d) return d;
    const arr = JSON.parse(Buffer.from(d, 'base64url').toString()) as [string, string, unknown];
    return arr[1] === 'province' ? Buffer.from(JSON.stringify([arr[0], 'province', 'MI'])).toString('base64url') : d;
  });
  const badDisclosure = [jwt, ...forged].join('~');
  await failsWith(independentVerify(badDisclosure, { issuer: web.baseUrl }), /not covered/);
  assert.equal((await platformVerify(badDisclosure)).problem, 'disclosure-not-signed');

  // Edit the signed payload (extend the expiry): the signature breaks.
  const [h, p, s] = jwt!.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as { exp: number };
  payload.exp += 10 * 365 * 86400;
  const badPayload = [[h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.'), ...rest].join('~');
  await failsWith(independentVerify(badPayload, { issuer: web.baseUrl }), /signature|verif/i);
  assert.equal((await platformVerify(badPayload)).problem, 'signature');

  // A look-alike signed by someone else's key.
  const { generateKeyPair, exportJWK } = await import('jose');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const mallory = new SDJwtVcInstance({
    signer: async (data: string) => Buffer.from(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(data))).toString('base64url'),
    signAlg: 'ES256',
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: () => 'c2FsdA',
  });
  void exportJWK;
  const fake = await mallory.issue({ iss: web.baseUrl, iat: Math.floor(Date.now() / 1000), vct: `${web.baseUrl}/api/v1/credentials/types/membership`, sector: 'sociali' }, { _sd: ['sector'] }, { header: { kid: JSON.parse(Buffer.from(h!, 'base64url').toString()).kid } });
  await failsWith(independentVerify(fake, { issuer: web.baseUrl }), /signature|verif/i);
  assert.equal((await platformVerify(fake)).valid, false);
});

test('an expired credential fails', async () => {
  const keys = new KeyStore(web.platform.database, web.platform.config.sessionSecret);
  const twoYearsAgo = new Date(Date.now() - 2 * 365 * 86400_000);
  const old = await issueCredential({ db: web.platform.database.db, keys, publicUrl: web.baseUrl }, fed.accounts.member.id, fed.people.mario, fed.memberships.marioC1, { accountId: fed.accounts.member.id }, { via: 'web', now: twoYearsAgo });
  await failsWith(independentVerify(old.sdJwt, { issuer: web.baseUrl }), /expired|exp/i);
  assert.equal((await platformVerify(old.sdJwt)).problem, 'expired');
  const mine = (await (await jar.fetch(`${web.baseUrl}/api/v1/me/credentials`)).json()) as { items: { id: string; status: string }[] };
  assert.equal(mine.items.find((c) => c.id === old.credential.id)?.status, 'expired');
});

test('revoked when the membership ends in the register, and at the member’s request', async () => {
  // Anna (co-op 3) signs in through an account linked to her person, and gets a credential.
  const anna = { email: 'anna.neri@example.it', password: 'password-di-anna-2026' };
  const { hashPassword } = await import('../../src/modules/identity/password.ts');
  const { rows } = await web.platform.database.query<{ id: string }>(
    `INSERT INTO accounts (email, password_hash, display_name, person_id) VALUES ($1, $2, 'Anna Neri', $3) RETURNING id`,
    [anna.email, await hashPassword(anna.password), fed.people.anna],
  );
  const annaJar = new BrowserJar();
  await annaJar.signIn(web.baseUrl, anna.email, anna.password);
  const { id, sdJwt } = await issue(fed.memberships.annaC3, annaJar);
  await independentVerify(sdJwt, { issuer: web.baseUrl });

  // The co-op's administrator records her withdrawal (recesso) in the register, through the register's own API.
  const admin = new BrowserJar();
  await admin.signIn(web.baseUrl, fed.accounts.adminC3.email, fed.accounts.adminC3.password);
  const exit = await admin.fetch(`${web.baseUrl}/api/v1/memberships/${fed.memberships.annaC3}/exit`, { json: { exitKind: 'recesso', exitOn: new Date().toISOString().slice(0, 10) } });
  assert.equal(exit.status, 200, await exit.clone().text());

  const statusUri = (JSON.parse(Buffer.from(sdJwt.split('.')[1]!, 'base64url').toString()) as { status: { status_list: { uri: string } } }).status.status_list.uri;
  const list = await fetch(statusUri);
  assert.equal(list.headers.get('content-type'), 'application/statuslist+jwt');
  await failsWith(independentVerify(sdJwt, { issuer: web.baseUrl }), /status/i);
  assert.equal((await platformVerify(sdJwt)).problem, 'revoked');
  const mine = (await (await annaJar.fetch(`${web.baseUrl}/api/v1/me/credentials`)).json()) as { items: { id: string; status: string; revokedReason: string }[] };
  assert.deepEqual(mine.items.map((c) => [c.id, c.status, c.revokedReason]), [[id, 'revoked', 'membership-ended']]);
  const events = (await (await annaJar.fetch(`${web.baseUrl}/api/v1/me/security-events`)).json()) as { items: { action: string; details: { reason?: string } }[] };
  assert.ok(events.items.some((e) => e.action === 'credential.revoke' && e.details.reason === 'membership-ended'));
  // An ended membership cannot be attested again.
  const refused = await annaJar.fetch(`${web.baseUrl}/api/v1/me/credentials`, { json: { membershipId: fed.memberships.annaC3 } });
  assert.equal(refused.status, 409);
  assert.ok(rows[0]);

  // The member revokes a credential of a membership that goes on.
  const second = await issue(fed.memberships.marioC1);
  const del = await jar.fetch(`${web.baseUrl}/api/v1/me/credentials/${second.id}`, { method: 'DELETE' });
  assert.equal(del.status, 200);
  await failsWith(independentVerify(second.sdJwt, { issuer: web.baseUrl }), /status/i);
  // Other credentials of the same list are untouched.
  const third = await issue(fed.memberships.marioC1);
  await independentVerify(third.sdJwt, { issuer: web.baseUrl });
});

test('only the holder may issue for a membership; rotation keeps old credentials verifiable', async () => {
  const notMine = await jar.fetch(`${web.baseUrl}/api/v1/me/credentials`, { json: { membershipId: fed.memberships.giuliaC1 } });
  assert.equal(notMine.status, 404);
  const { sdJwt } = await issue(fed.memberships.marioC1);
  const admin = new BrowserJar();
  await admin.signIn(web.baseUrl, fed.accounts.admin.email, fed.accounts.admin.password);
  const rot = await admin.fetch(`${web.baseUrl}/api/v1/admin/keys/credentials/rotate`, { method: 'POST' });
  assert.equal(rot.status, 200);
  const meta = (await (await fetch(`${web.baseUrl}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: unknown[] } };
  assert.equal(meta.jwks.keys.length, 2, 'old and new key published');
  await independentVerify(sdJwt, { issuer: web.baseUrl });
  const fresh = await issue(fed.memberships.marioC1);
  assert.notEqual(JSON.parse(Buffer.from(fresh.sdJwt.split('.')[0]!, 'base64url').toString()).kid, JSON.parse(Buffer.from(sdJwt.split('.')[0]!, 'base64url').toString()).kid);
  await independentVerify(fresh.sdJwt, { issuer: web.baseUrl });
});

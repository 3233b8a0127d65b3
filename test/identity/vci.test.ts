// OpenID4VCI, pre-authorised code flow, with a wallet simulated from the spec: metadata discovery, the offer the
// member creates (code + PIN), token, nonce, a key proof, and a credential bound to the wallet's key that the
// independent verifier accepts only with a key-binding JWT. Wrong PINs, replayed codes and nonces are refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';
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

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

async function offer(): Promise<{ code: string; pin: string; issuer: string; configId: string }> {
  const res = await jar.fetch(`${web.baseUrl}/api/v1/me/credentials/offers`, { json: { membershipId: fed.memberships.marioC1 } });
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { offerUri: string; txCode: string };
  assert.match(body.offerUri, /^openid-credential-offer:\/\/\?credential_offer=/);
  assert.match(body.txCode, /^[0-9]{6}$/);
  const o = JSON.parse(decodeURIComponent(body.offerUri.split('credential_offer=')[1]!)) as {
    credential_issuer: string;
    credential_configuration_ids: string[];
    grants: Record<string, { 'pre-authorized_code': string; tx_code: { length: number; input_mode: string } }>;
  };
  assert.equal(o.grants[GRANT]!.tx_code.length, 6);
  return { code: o.grants[GRANT]!['pre-authorized_code'], pin: body.txCode, issuer: o.credential_issuer, configId: o.credential_configuration_ids[0]! };
}

const form = (url: string, body: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });

test('a wallet gets a key-bound credential with the pre-authorised code and the PIN', async () => {
  const o = await offer();
  // Discovery, as a wallet does it from the offer's credential_issuer.
  const meta = (await (await fetch(`${o.issuer}/.well-known/openid-credential-issuer`)).json()) as {
    credential_endpoint: string;
    nonce_endpoint: string;
    credential_configurations_supported: Record<string, { format: string; vct: string }>;
  };
  assert.equal(meta.credential_configurations_supported[o.configId]!.format, 'dc+sd-jwt');
  const as = (await (await fetch(`${o.issuer}/.well-known/oauth-authorization-server`)).json()) as { token_endpoint: string; 'pre-authorized_grant_anonymous_access_supported': boolean };
  assert.equal(as['pre-authorized_grant_anonymous_access_supported'], true);

  const tokenRes = await form(as.token_endpoint, { grant_type: GRANT, 'pre-authorized_code': o.code, tx_code: o.pin });
  assert.equal(tokenRes.status, 200, await tokenRes.clone().text());
  assert.equal(tokenRes.headers.get('cache-control'), 'no-store');
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const { c_nonce } = (await (await fetch(meta.nonce_endpoint, { method: 'POST' })).json()) as { c_nonce: string };

  const wallet = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(wallet.publicKey);
  const proof = await new SignJWT({ nonce: c_nonce })
    .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk })
    .setAudience(o.issuer)
    .setIssuedAt()
    .sign(wallet.privateKey);
  const credRes = await fetch(meta.credential_endpoint, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ credential_configuration_id: o.configId, proofs: { jwt: [proof] } }),
  });
  assert.equal(credRes.status, 200, await credRes.clone().text());
  const { credentials } = (await credRes.json()) as { credentials: { credential: string }[] };
  const sdJwt = credentials[0]!.credential;

  // Bound to the wallet: without a key-binding JWT the verifier says no; with one over its nonce, yes.
  await assert.rejects(independentVerify(sdJwt, { issuer: web.baseUrl }), /key binding/);
  const nonce = 'verifier-nonce-123';
  const audience = 'https://verifier.example';
  const vp = await present(sdJwt, ['member_type', 'sector'], { privateKey: wallet.privateKey, nonce, audience });
  const v = await independentVerify(vp, { issuer: web.baseUrl, keyBinding: { nonce, audience } });
  assert.deepEqual(v.disclosed, { member_type: ['lavoratore'], sector: 'sociali' });
  const report = (await (await fetch(`${web.baseUrl}/api/v1/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ presentation: vp }) })).json()) as {
    valid: boolean;
    keyBinding: { nonce: string; audience: string };
  };
  assert.equal(report.valid, true);
  assert.deepEqual([report.keyBinding.nonce, report.keyBinding.audience], [nonce, audience]);
  // The verifier that asked says what it asked for: the same presentation is refused by another service, or for
  // another (later) nonce — a replay — and accepted for its own.
  const verifyFor = async (expected: Record<string, string>) =>
    (await (await fetch(`${web.baseUrl}/api/v1/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ presentation: vp, ...expected }) })).json()) as { valid: boolean; problem: string | null };
  const own = await verifyFor({ audience, nonce });
  assert.deepEqual([own.valid, own.problem], [true, null]);
  assert.equal((await verifyFor({ audience: 'https://elsewhere.example', nonce })).problem, 'key-binding-audience');
  assert.equal((await verifyFor({ audience, nonce: 'a-later-nonce' })).problem, 'key-binding-nonce');
  const badBody = await fetch(`${web.baseUrl}/api/v1/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ presentation: vp, nonce: '' }) });
  assert.equal(badBody.status, 400);
  assert.match(JSON.stringify(await badBody.json()), /nonce/);

  // Everything was single use.
  assert.equal((await form(as.token_endpoint, { grant_type: GRANT, 'pre-authorized_code': o.code, tx_code: o.pin })).status, 400);
  const again = await fetch(meta.credential_endpoint, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ credential_configuration_id: o.configId, proofs: { jwt: [proof] } }),
  });
  assert.equal(again.status, 401);
  const mine = (await (await jar.fetch(`${web.baseUrl}/api/v1/me/credentials`)).json()) as { items: { via: string; holderBound: boolean }[] };
  assert.ok(mine.items.some((c) => c.via === 'openid4vci' && c.holderBound));
});

test('wrong PINs burn the offer; a stale or reused nonce and a proof for another issuer are refused', async () => {
  const o = await offer();
  const token = `${web.baseUrl}/api/v1/oid4vci/token`;
  const wrong = await form(token, { grant_type: GRANT, 'pre-authorized_code': o.code, tx_code: o.pin === '000000' ? '111111' : '000000' });
  assert.equal(wrong.status, 400);
  assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_grant');
  for (let i = 0; i < 4; i++) await form(token, { grant_type: GRANT, 'pre-authorized_code': o.code, tx_code: 'x' });
  const burned = await form(token, { grant_type: GRANT, 'pre-authorized_code': o.code, tx_code: o.pin });
  assert.equal(burned.status, 400, 'after five wrong PINs even the right one fails');
  assert.equal(((await form(token, { grant_type: 'authorization_code', code: 'x' })).status), 400);

  const o2 = await offer();
  const { access_token } = (await (await form(token, { grant_type: GRANT, 'pre-authorized_code': o2.code, tx_code: o2.pin })).json()) as { access_token: string };
  const wallet = await generateKeyPair('ES256');
  const jwk = await exportJWK(wallet.publicKey);
  const credential = (proof: string) =>
    fetch(`${web.baseUrl}/api/v1/oid4vci/credential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ credential_configuration_id: 'CooperativeMembership', proof: { proof_type: 'jwt', jwt: proof } }),
    });
  const proofFor = (nonce: string, aud: string) =>
    new SignJWT({ nonce }).setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk }).setAudience(aud).setIssuedAt().sign(wallet.privateKey);
  const made = await credential(await proofFor('made-up-nonce', web.baseUrl));
  assert.equal(((await made.json()) as { error: string }).error, 'invalid_nonce');
  const { c_nonce } = (await (await fetch(`${web.baseUrl}/api/v1/oid4vci/nonce`, { method: 'POST' })).json()) as { c_nonce: string };
  const otherAud = await credential(await proofFor(c_nonce, 'https://other-issuer.example'));
  assert.equal(((await otherAud.json()) as { error: string }).error, 'invalid_proof');
  const ok = await credential(await proofFor(c_nonce, web.baseUrl));
  assert.equal(ok.status, 200, await ok.clone().text());
});

test('an offer needs a recent step-up and an active membership of one’s own', async () => {
  const notMine = await jar.fetch(`${web.baseUrl}/api/v1/me/credentials/offers`, { json: { membershipId: fed.memberships.giuliaC1 } });
  assert.equal(notMine.status, 404);
  await web.platform.database.query(`UPDATE sessions SET authenticated_at = now() - interval '1 hour' WHERE account_id = $1`, [fed.accounts.member.id]);
  const stale = await jar.fetch(`${web.baseUrl}/api/v1/me/credentials/offers`, { json: { membershipId: fed.memberships.marioC1 } });
  assert.equal(stale.status, 403);
});

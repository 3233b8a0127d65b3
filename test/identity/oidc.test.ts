// The OpenID Connect provider, end to end over a real socket, with openid-client as the relying party and a cookie-jar
// "browser" for the member: discovery, sign-in through the platform's session, consent, code + PKCE, token, userinfo
// (pairwise sub, memberships only with consent), refresh, key rotation, logout — and the refusals: wrong redirect
// URI, missing or wrong PKCE, replayed code, unknown client, failures rate limited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { account, PASSWORD, seedFederation, type Federation } from './fixtures.ts';
import { BrowserJar, startListeningPlatform, type ListeningPlatform } from './support/web-client.ts';

let web: ListeningPlatform;
let fed: Federation;
let adminJar: BrowserJar;
let member: { email: string; id: string };
const CALLBACK = 'http://127.0.0.1:49152/callback';
const LOGGED_OUT = 'http://127.0.0.1:49152/logged-out';

before(async () => {
  web = await startListeningPlatform();
  fed = await seedFederation(web.platform.database);
  const admin = await account(web.platform, [{ role: 'platform_admin', organisationId: null }]);
  adminJar = new BrowserJar();
  await adminJar.signIn(web.baseUrl, admin.email, PASSWORD);
  member = await account(web.platform, [], { personId: fed.personNorth });
});
after(async () => {
  await web.close();
});

async function registerClient(body: Record<string, unknown>): Promise<{ clientId: string; clientSecret: string | null }> {
  const res = await adminJar.fetch(`${web.baseUrl}/api/v1/admin/oidc/clients`, { json: body });
  assert.equal(res.status, 201, await res.clone().text());
  const out = (await res.json()) as { client: { clientId: string }; clientSecret: string | null };
  return { clientId: out.client.clientId, clientSecret: out.clientSecret };
}

async function rp(clientId: string, secret: string | null): Promise<client.Configuration> {
  return client.discovery(new URL(`${web.baseUrl}/oidc`), clientId, undefined, secret ? client.ClientSecretBasic(secret) : client.None(), {
    execute: [client.allowInsecureRequests],
  });
}

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  url: URL;
}
async function startFlow(config: client.Configuration, extra: Record<string, string> = {}): Promise<Flow> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid profile email memberships offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    prompt: 'consent',
    ...extra,
  });
  return { verifier, state, nonce, url };
}

/** Plays the member's browser from the authorization URL to the callback, answering the platform's pages. */
async function authorize(jar: BrowserJar, url: URL, consent: string[] | 'deny'): Promise<URL> {
  let at = await jar.follow(url.href, web.baseUrl);
  for (let step = 0; step < 4; step++) {
    if (at.url.origin !== web.baseUrl) return at.url;
    const uid = /^\/autorizza\/([^/]+)$/.exec(at.url.pathname)?.[1];
    assert.ok(uid, `expected the interaction page, got ${at.url.href} (${at.response?.status})`);
    const details = await jar.fetch(`${web.baseUrl}/oidc/interaction/${uid}/details`);
    assert.equal(details.status, 200, await details.clone().text());
    const d = (await details.json()) as { prompt: string; scopes: string[]; memberships: unknown[] | null; client: { name: string } };
    let res: Response;
    if (d.prompt === 'login') res = await jar.fetch(`${web.baseUrl}/oidc/interaction/${uid}/login`, { method: 'POST' });
    else if (consent === 'deny') res = await jar.fetch(`${web.baseUrl}/oidc/interaction/${uid}/abort`, { method: 'POST' });
    else res = await jar.fetch(`${web.baseUrl}/oidc/interaction/${uid}/consent`, { json: { scopes: consent } });
    assert.equal(res.status, 200, await res.clone().text());
    const { redirectTo } = (await res.json()) as { redirectTo: string };
    at = await jar.follow(redirectTo, web.baseUrl);
  }
  throw new Error('no callback reached');
}

test('discovery: code + PKCE (S256) only, pairwise subjects, ES256 and RS256 ID tokens, the memberships scope', async () => {
  const res = await fetch(`${web.baseUrl}/oidc/.well-known/openid-configuration`);
  const d = (await res.json()) as Record<string, string[] | string>;
  assert.equal(d.issuer, `${web.baseUrl}/oidc`);
  assert.deepEqual(d.response_types_supported, ['code']);
  assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(d.subject_types_supported, ['pairwise']);
  assert.ok((d.scopes_supported as string[]).includes('memberships'));
  assert.ok((d.claims_supported as string[]).includes('memberships'));
  const jwks = (await (await fetch(d.jwks_uri as string)).json()) as { keys: { kty: string; d?: string }[] };
  assert.deepEqual(jwks.keys.map((k) => k.kty).sort(), ['EC', 'RSA']);
  assert.ok(jwks.keys.every((k) => k.d === undefined), 'no private parts published');
});

test('sign-in, consent, token, userinfo, refresh, replayed code, logout', async () => {
  const { clientId, clientSecret } = await registerClient({
    name: 'Spesa Cooperativa',
    authMethod: 'client_secret_basic',
    redirectUris: [CALLBACK],
    postLogoutRedirectUris: [LOGGED_OUT],
  });
  const config = await rp(clientId, clientSecret);
  const jar = new BrowserJar();
  await jar.signIn(web.baseUrl, member.email, PASSWORD);
  const flow = await startFlow(config);
  const callback = await authorize(jar, flow.url, ['profile', 'email', 'memberships', 'offline_access']);
  assert.equal(callback.origin + callback.pathname, CALLBACK);

  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce });
  const claims = tokens.claims()!;
  assert.notEqual(claims.sub, member.id, 'pairwise: the RP never sees the account id');
  assert.match(claims.sub, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(tokens.refresh_token, 'offline_access granted: a refresh token');
  assert.equal(decodeProtectedHeader(tokens.id_token!).alg, 'RS256');

  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(info.email, member.email);
  assert.equal(info.email_verified, false);
  assert.equal(info.name, 'Test User');
  assert.deepEqual(info.memberships, [{ cooperative: 'Coop Nord', cooperative_tax_code: (info.memberships as { cooperative_tax_code: string }[])[0]!.cooperative_tax_code, member_type: ['lavoratore'], member_since: '2020-01-01', active: true }]);

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
  assert.ok(refreshed.access_token && refreshed.access_token !== tokens.access_token);
  const again = await client.fetchUserInfo(config, refreshed.access_token, claims.sub);
  assert.equal(again.email, member.email);

  // The audit shows the consent and the sign-in to the application, among the member's security events.
  const events = await jar.fetch(`${web.baseUrl}/api/v1/me/security-events`);
  const actions = ((await events.json()) as { items: { action: string; details: { clientName?: string } }[] }).items;
  assert.ok(actions.some((e) => e.action === 'oidc.consent' && e.details.clientName === 'Spesa Cooperativa'));
  assert.ok(actions.some((e) => e.action === 'oidc.authorize'));
  // The member sees the application and could withdraw it.
  const apps = (await (await jar.fetch(`${web.baseUrl}/api/v1/me/applications`)).json()) as { items: { name: string; scopes: string[] }[] };
  assert.equal(apps.items[0]?.name, 'Spesa Cooperativa');

  // A second sign-in needs no consent (granted already) and no interaction at all while the session lasts.
  const flow2 = await startFlow(config, { prompt: '' });
  const direct = await jar.follow(flow2.url.href, web.baseUrl);
  assert.equal(direct.url.origin + direct.url.pathname, CALLBACK, 'single sign-on: straight back with a code');
  const tokens2 = await client.authorizationCodeGrant(config, direct.url, { pkceCodeVerifier: flow2.verifier, expectedState: flow2.state, expectedNonce: flow2.nonce });
  assert.equal(tokens2.claims()!.sub, claims.sub, 'the same pairwise sub each time');

  // Replaying the code fails, and the provider revokes every token of the grant.
  await assert.rejects(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce }), (e: Error & { error?: string }) => e.error === 'invalid_grant');
  await assert.rejects(client.fetchUserInfo(config, refreshed.access_token, claims.sub));
  await assert.rejects(client.fetchUserInfo(config, tokens2.access_token, claims.sub));

  // RP-initiated logout: the confirmation page, then "sign out of Cooperando" ends the platform session too.
  const end = client.buildEndSessionUrl(config, { id_token_hint: tokens2.id_token!, post_logout_redirect_uri: LOGGED_OUT, state: 'bye' });
  const page = await jar.follow(end.href, web.baseUrl);
  assert.equal(page.response?.status, 200);
  const html = await page.response!.text();
  assert.match(html, /<html lang="(it|en)">/);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(xsrf);
  const action = /action="([^"]+)"/.exec(html)![1]!;
  const confirmed = await jar.fetch(new URL(action, web.baseUrl), { form: { xsrf, logout: 'yes' } });
  assert.equal(confirmed.status, 303);
  assert.equal(confirmed.headers.get('location'), `${LOGGED_OUT}?state=bye`);
  assert.equal((await jar.fetch(`${web.baseUrl}/api/v1/auth/session`)).status, 401, 'signed out of the platform as well');

  // Signed out, the next authorization asks the member to sign in again.
  const flow3 = await startFlow(config, { prompt: '' });
  const after = await jar.follow(flow3.url.href, web.baseUrl);
  assert.match(after.url.pathname, /^\/autorizza\//);
  const d = (await (await jar.fetch(`${web.baseUrl}/oidc/interaction/${after.url.pathname.split('/')[2]}/details`)).json()) as { prompt: string; signedIn: boolean };
  assert.deepEqual([d.prompt, d.signedIn], ['login', false]);
});

test('memberships only with consent; another host is another sector, hence another sub', async () => {
  const a = await registerClient({ name: 'Casa Cooperativa', authMethod: 'none', redirectUris: [CALLBACK], allowRefresh: false });
  const b = await registerClient({ name: 'Consegne', authMethod: 'client_secret_post', redirectUris: ['http://localhost:49153/cb'] });
  const jar = new BrowserJar();
  await jar.signIn(web.baseUrl, member.email, PASSWORD);

  const configA = await rp(a.clientId, null);
  const flowA = await startFlow(configA);
  const cbA = await authorize(jar, flowA.url, ['profile', 'email']);
  const tA = await client.authorizationCodeGrant(configA, cbA, { pkceCodeVerifier: flowA.verifier, expectedState: flowA.state, expectedNonce: flowA.nonce });
  assert.equal(tA.refresh_token, undefined, 'declined offline_access (and the client may not refresh)');
  const infoA = await client.fetchUserInfo(configA, tA.access_token, tA.claims()!.sub);
  assert.equal(infoA.memberships, undefined, 'memberships declined on the consent page: not released');
  assert.equal(infoA.email, member.email);

  const configB = await client.discovery(new URL(`${web.baseUrl}/oidc`), b.clientId, undefined, client.ClientSecretPost(b.clientSecret!), { execute: [client.allowInsecureRequests] });
  const verifier = client.randomPKCECodeVerifier();
  const urlB = client.buildAuthorizationUrl(configB, {
    redirect_uri: 'http://localhost:49153/cb',
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 's',
  });
  const cbB = await authorize(jar, urlB, []);
  const tB = await client.authorizationCodeGrant(configB, cbB, { pkceCodeVerifier: verifier, expectedState: 's' });
  assert.notEqual(tB.claims()!.sub, tA.claims()!.sub, 'two sectors, two unlinkable identifiers');

  // Denying consent sends the member back with access_denied.
  const flowDeny = await startFlow(configA);
  const denied = await authorize(jar, flowDeny.url, 'deny');
  assert.equal(denied.searchParams.get('error'), 'access_denied');
});

test('refused: wrong redirect URI, missing PKCE, wrong verifier, unknown client, bad secret (rate limited)', async () => {
  const { clientId, clientSecret } = await registerClient({ name: 'Rigorosa', authMethod: 'client_secret_basic', redirectUris: [CALLBACK] });
  const config = await rp(clientId, clientSecret);
  const jar = new BrowserJar();
  await jar.signIn(web.baseUrl, member.email, PASSWORD);

  // A redirect URI not registered: an error page at the provider, never a redirect to the attacker.
  const evil = await startFlow(config, { redirect_uri: 'http://127.0.0.1:49152/steal' });
  const r1 = await jar.fetch(evil.url);
  assert.equal(r1.status, 400);
  assert.equal(r1.headers.get('location'), null);
  assert.match(await r1.text(), /redirect_uri/);

  // Without a code challenge: refused back to the (registered) redirect URI.
  const noPkce = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', state: 'x' });
  const r2 = await jar.fetch(noPkce);
  assert.equal(new URL(r2.headers.get('location')!).searchParams.get('error'), 'invalid_request');
  const plain = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', state: 'x', code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
  const r3 = await jar.fetch(plain);
  assert.equal(new URL(r3.headers.get('location')!).searchParams.get('error'), 'invalid_request', 'plain PKCE refused');

  // The right flow, but the token request with another verifier.
  const flow = await startFlow(config);
  const cb = await authorize(jar, flow.url, ['profile']);
  await assert.rejects(
    client.authorizationCodeGrant(config, cb, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: flow.state, expectedNonce: flow.nonce }),
    (e: Error & { error?: string }) => e.error === 'invalid_grant',
  );

  // An unknown client gets an error page, not a redirect.
  const unknown = new URL(flow.url);
  unknown.searchParams.set('client_id', 'coop-nobody');
  assert.equal((await jar.fetch(unknown)).status, 400);

  // Wrong client secrets count against the address; past the limit the token endpoint answers 429 up front.
  const bad = await rp(clientId, 'not-the-secret');
  for (let i = 0; i < 30; i++) {
    await assert.rejects(client.authorizationCodeGrant(bad, cb, { pkceCodeVerifier: flow.verifier, expectedState: flow.state }));
  }
  const limited = await fetch(`${web.baseUrl}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=authorization_code&code=x' });
  assert.equal(limited.status, 429);
  await web.platform.database.query(`DELETE FROM sign_in_attempts WHERE key LIKE 'ip:%'`);
});

test('key rotation: new tokens carry the new key, tokens signed before still verify against the JWKS', async () => {
  const { clientId, clientSecret } = await registerClient({ name: 'Rotazione', authMethod: 'client_secret_basic', redirectUris: [CALLBACK] });
  const config = await rp(clientId, clientSecret);
  const jar = new BrowserJar();
  await jar.signIn(web.baseUrl, member.email, PASSWORD);
  const f1 = await startFlow(config);
  const t1 = await client.authorizationCodeGrant(config, await authorize(jar, f1.url, ['profile']), { pkceCodeVerifier: f1.verifier, expectedState: f1.state, expectedNonce: f1.nonce });
  const kid1 = decodeProtectedHeader(t1.id_token!).kid;

  const rotated = await adminJar.fetch(`${web.baseUrl}/api/v1/admin/keys/oidc/rotate`, { method: 'POST' });
  assert.equal(rotated.status, 200, await rotated.clone().text());
  const jwksUrl = new URL(`${web.baseUrl}/oidc/jwks`);
  const kids = ((await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  assert.equal(kids.length, 4, 'old and new, RSA and EC');
  assert.ok(kids.includes(kid1!));

  const config2 = await rp(clientId, clientSecret);
  const f2 = await startFlow(config2, { prompt: '' });
  const cb2 = await jar.follow(f2.url.href, web.baseUrl);
  const t2 = await client.authorizationCodeGrant(config2, cb2.url, { pkceCodeVerifier: f2.verifier, expectedState: f2.state, expectedNonce: f2.nonce });
  const kid2 = decodeProtectedHeader(t2.id_token!).kid;
  assert.notEqual(kid2, kid1);
  const jwks = createRemoteJWKSet(jwksUrl);
  for (const t of [t1, t2]) await jwtVerify(t.id_token!, jwks, { issuer: `${web.baseUrl}/oidc`, audience: clientId });
});

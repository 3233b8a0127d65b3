// Support for the identity browser tests: the platform at http://localhost:PORT (passkeys need PUBLIC_URL's host to
// be the page's), a CDP virtual authenticator, and a tiny relying-party app (Fastify + openid-client) that signs
// members in through the platform.
import Fastify from 'fastify';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { seedSmallFederation, type SmallFederation } from '../support/fixtures.ts';
import { freePort, startListeningPlatform, type ListeningPlatform } from '../identity/support/web-client.ts';

export interface IdentityWeb extends ListeningPlatform {
  fed: SmallFederation;
}

export async function startIdentityWeb(): Promise<IdentityWeb> {
  const web = await startListeningPlatform({ serveWeb: true });
  const fed = await seedSmallFederation(web.platform.database);
  return { ...web, fed };
}

/** A platform authenticator with user verification, as a phone or laptop has, driven through CDP. */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

export interface RelyingParty {
  url: string;
  close(): Promise<void>;
}

/**
 * "Spesa Cooperativa": a second application that lets members in with their Cooperando identity (authorization code +
 * PKCE through openid-client) and greets them with what the platform released.
 */
export async function startRelyingParty(web: IdentityWeb, adminHeaders: Record<string, string>): Promise<RelyingParty> {
  const app = Fastify();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const reg = await web.platform.app.inject({
    method: 'POST',
    url: '/api/v1/admin/oidc/clients',
    headers: adminHeaders,
    payload: { name: 'Spesa Cooperativa', authMethod: 'client_secret_basic', redirectUris: [`${url}/callback`] },
  });
  if (reg.statusCode !== 201) throw new Error(`client registration failed: ${reg.body}`);
  const { client: c, clientSecret } = reg.json() as { client: { clientId: string }; clientSecret: string };
  const config = await client.discovery(new URL(`${web.baseUrl}/oidc`), c.clientId, undefined, client.ClientSecretBasic(clientSecret), { execute: [client.allowInsecureRequests] });
  const pending = new Map<string, string>();
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

  app.get('/login', async (_req, reply) => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    pending.set(state, verifier);
    const to = client.buildAuthorizationUrl(config, {
      redirect_uri: `${url}/callback`,
      scope: 'openid profile email memberships',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    return reply.redirect(to.href);
  });
  app.get('/callback', async (req, reply) => {
    const current = new URL(req.url, url);
    const state = current.searchParams.get('state') ?? '';
    const verifier = pending.get(state);
    if (!verifier) return reply.code(400).send('unknown state');
    pending.delete(state);
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: verifier, expectedState: state });
    const sub = tokens.claims()!.sub;
    const info = await client.fetchUserInfo(config, tokens.access_token, sub);
    const ms = (info.memberships as { cooperative: string; active: boolean }[] | undefined) ?? [];
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="it"><head><title>Spesa Cooperativa</title></head><body><main>
      <h1>Benvenuto/a, ${esc(String(info.name))}</h1><p id="sub">${esc(sub)}</p>
      <ul id="memberships">${ms.map((m) => `<li>${esc(m.cooperative)}${m.active ? '' : ' (terminata)'}</li>`).join('')}</ul></main></body></html>`);
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

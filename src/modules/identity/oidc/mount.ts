// Mounts the provider under /oidc in Fastify: the request is handed, untouched (body unread), to the provider's Node
// callback, with the prefix moved to `originalUrl` as Express would do, so the provider builds its URLs under /oidc.
// Failed client authentications and bad codes count against the client address; past the limit the token endpoint
// answers 429 before the provider runs.
import type { IncomingMessage } from 'node:http';
import type { App } from '../../../core/http.ts';
import type { Db } from '../../../core/db.ts';
import { MAX_IP_FAILURES, SIGN_IN_WINDOW_MS, attemptsSince, ipKey } from '../service.ts';
import { OIDC_PREFIX, type OidcService } from './provider.ts';

const GUARDED = new Set([`${OIDC_PREFIX}/token`, `${OIDC_PREFIX}/token/revocation`]);

export function mountProvider(app: App, db: Db, oidc: OidcService): void {
  app.route({
    method: ['GET', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'DELETE', 'PATCH'],
    url: `${OIDC_PREFIX}/*`,
    schema: { hide: true },
    // Runs before Fastify reads the body: the provider parses its own (form-encoded) bodies.
    onRequest: async (req, reply) => {
      reply.hijack();
      const raw = reply.raw;
      try {
        const path = req.url.split('?')[0] ?? '';
        if (req.method === 'POST' && GUARDED.has(path)) {
          const r = await attemptsSince(db, ipKey(req.ip), new Date(Date.now() - SIGN_IN_WINDOW_MS));
          if (r.n >= MAX_IP_FAILURES) {
            const wait = Math.max(1, Math.ceil(((r.first?.getTime() ?? Date.now()) + SIGN_IN_WINDOW_MS - Date.now()) / 1000));
            raw.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(wait), 'cache-control': 'no-store' });
            raw.end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'too many failed attempts from this address' }));
            return;
          }
        }
        const callback = await oidc.callback();
        const incoming = req.raw as IncomingMessage & { originalUrl?: string; coopIp?: string };
        incoming.originalUrl = req.raw.url;
        incoming.coopIp = req.ip;
        incoming.url = (req.raw.url ?? '/').slice(OIDC_PREFIX.length) || '/';
        await callback(incoming, raw);
      } catch (err) {
        req.log.error({ err }, 'OIDC provider failed');
        if (!raw.headersSent) raw.writeHead(500, { 'content-type': 'application/json' });
        if (!raw.writableEnded) raw.end(JSON.stringify({ error: 'server_error' }));
      }
    },
    handler: async () => undefined,
  });
}

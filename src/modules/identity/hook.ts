// The auth hook: resolves the session cookie to `req.principal`, picks the request locale and enforces the CSRF
// header on unsafe methods of signed-in requests (the cookie is SameSite=Lax; the header is the second line).
import type { FastifyReply } from 'fastify';
import type { App } from '../../core/http.ts';
import type { Config } from '../../core/config.ts';
import type { Database } from '../../core/db.ts';
import { ProblemError } from '../../core/errors.ts';
import { pickLocale } from '../../core/i18n.ts';
import { SESSION_COOKIE, resolveSession, safeEqual } from './service.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installAuthHook(app: App, database: Database, config: Config): void {
  app.addHook('onRequest', async (req) => {
    // Static files of the web app need no principal: spare the session lookup on every asset request. The OIDC
    // interaction endpoints (sign-in and consent for relying parties) act for the signed-in member like the API.
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/oidc/interaction/')) return;
    const token = req.cookies[SESSION_COOKIE];
    const principal = token ? await resolveSession(database.db, token, config.sessionTtlHours) : null;
    req.principal = principal;
    req.locale = pickLocale(req.query, req.headers['accept-language'], principal?.locale);
    // A cookie that no longer names a session carries no authority, so it needs no CSRF token either.
    if (principal && UNSAFE.has(req.method)) {
      const given = req.headers['x-csrf-token'];
      if (typeof given !== 'string' || !safeEqual(given, principal.csrfToken)) throw new ProblemError(403, 'csrf');
    }
  });
}

/** Cookie attributes: HttpOnly, SameSite=Lax, whole site; Secure when the platform is served over https. No
 * Max-Age: expiry is enforced server-side (sliding), and the cookie goes when the browser closes. */
function cookieOptions(config: Pick<Config, 'publicUrl'>) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: config.publicUrl.startsWith('https:') };
}

export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(config));
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
}

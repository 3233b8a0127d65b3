// HTTP layer of e-mail verification and password reset. The links in the mails carry the token after `#`, so it
// never reaches a server log; the web page posts it here.
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { problemSchema } from '../../../core/http.ts';
import { actorOf, withRetryAfter } from '../http-util.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../password.ts';
import { confirmPasswordReset, requestEmailVerification, requestPasswordReset, verifyEmail, type EmailDeps } from './service.ts';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['identity'];
const Token = Type.String({ minLength: 1, maxLength: 128 });

export function registerEmailRoutes(app: App, deps: EmailDeps): void {
  app.post(
    '/api/v1/me/email/verification',
    {
      schema: {
        tags: TAGS,
        summary: 'Send me a link to verify my e-mail address',
        description: 'At most 3 mails in 15 minutes (429). 409 when the address is verified already.',
        security: [{ session: [], csrf: [] }],
        response: { 202: Type.Null(), ...problems(401, 403, 409, 429) },
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => requestEmailVerification(deps, req.principal, actorOf(req)));
      return reply.code(202).send(null);
    },
  );
  app.post(
    '/api/v1/auth/email/verify',
    {
      schema: {
        tags: TAGS,
        summary: 'Verify an e-mail address with the token from the mail',
        body: Type.Object({ token: Token }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 410, 429) },
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => verifyEmail(deps, req.body.token, actorOf(req)));
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/auth/password-reset',
    {
      schema: {
        tags: TAGS,
        summary: 'Ask for a password reset link by e-mail',
        description: 'Always 202, whether or not the address has an account. At most 3 requests per address in 15 minutes (429).',
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }),
        response: { 202: Type.Null(), ...problems(400, 429) },
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => requestPasswordReset(deps, req.body.email, actorOf(req)));
      return reply.code(202).send(null);
    },
  );
  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      schema: {
        tags: TAGS,
        summary: 'Set a new password with the token from the mail',
        description: `Ends every session of the account and lifts a lock. The password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
        body: Type.Object({ token: Token, newPassword: Type.String({ maxLength: MAX_PASSWORD_LENGTH }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 410, 429) },
      },
    },
    async (req, reply) => {
      await withRetryAfter(reply, () => confirmPasswordReset(deps, req.body, actorOf(req)));
      return reply.code(204).send(null);
    },
  );
}

// HTTP layer of onboarding: a co-op's register with each member's account state, and bulk invitations as a job.
import Type from 'typebox';
import type { App } from '../../../core/http.ts';
import { problemSchema } from '../../../core/http.ts';
import { Uuid } from '../../../core/schemas.ts';
import type { Db } from '../../../core/db.ts';
import type { JobRunner, Job } from '../../../core/jobs.ts';
import { problemOf } from '../../../core/jobs.ts';
import { problemBody } from '../../../core/errors.ts';
import { forbidden, notFound, unauthenticated } from '../../../core/errors.ts';
import { isPlatformAdmin } from '../service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { actorOf } from '../http-util.ts';
import { listOnboarding, startBulkInvitations, type BulkResult } from './service.ts';
import { invitationDetails } from './invitation.ts';
import { withRetryAfter } from '../http-util.ts';

const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
const TAGS = ['identity'];
const Status = Type.Union([Type.Literal('linked'), Type.Literal('invited'), Type.Literal('no-email'), Type.Literal('not-invited')]);
const JobView = Type.Object(
  {
    id: Uuid,
    status: Type.String(),
    progress: Type.Object({ done: Type.Optional(Type.Integer()), total: Type.Optional(Type.Union([Type.Integer(), Type.Null()])), unit: Type.Optional(Type.String()) }),
    result: Type.Union([
      Type.Object(
        {
          invited: Type.Integer(),
          skipped: Type.Object(
            { linked: Type.Integer(), invited: Type.Integer(), noEmail: Type.Integer(), emailTaken: Type.Integer(), duplicateEmail: Type.Integer() },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    problem: Type.Union([problemSchema, Type.Null()]),
    createdAt: Type.String(),
    finishedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export function registerOnboardingRoutes(app: App, deps: { db: Db; jobs: JobRunner; mailer: Mailer; publicUrl: string }): void {
  const jobView = (job: Job<BulkResult>, locale: 'it' | 'en', url: string) => ({
    id: job.id,
    status: job.status,
    progress: job.progress,
    result: job.result,
    problem: job.error ? problemBody(problemOf(job.error), locale, url) : null,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  });

  app.get(
    '/api/v1/cooperatives/:id/onboarding',
    {
      schema: {
        tags: TAGS,
        summary: 'A co-op’s members and their accounts: linked, invited, without e-mail, not invited (co-op admins)',
        security: [{ session: [] }],
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  { membershipId: Uuid, registerNumber: Type.Integer(), name: Type.String(), email: Type.Union([Type.String(), Type.Null()]), status: Status, invitedAt: Type.Union([Type.String(), Type.Null()]) },
                  { additionalProperties: false },
                ),
              ),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
              counts: Type.Object({ linked: Type.Integer(), invited: Type.Integer(), 'no-email': Type.Integer(), 'not-invited': Type.Integer() }, { additionalProperties: false }),
            },
            { additionalProperties: false },
          ),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => listOnboarding(deps.db, req.principal, req.params.id, req.query),
  );

  app.post(
    '/api/v1/cooperatives/:id/onboarding/invitations',
    {
      schema: {
        tags: TAGS,
        summary: 'Invite members of the register by e-mail (a background job)',
        description:
          'Give `membershipIds`, or `all: true` for every member with an e-mail address and no account who was not invited yet ' +
          '(`resend: true` invites again those whose invitation is pending). Answers 202 with the job; poll `GET /api/v1/onboarding-jobs/:id`.',
        security: [{ session: [], csrf: [] }],
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          {
            membershipIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000 })),
            all: Type.Optional(Type.Boolean()),
            resend: Type.Optional(Type.Boolean()),
            locale: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { 202: JobView, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const job = await startBulkInvitations(deps, req.principal, req.params.id, req.body, actorOf(req));
      return reply.code(202).send(jobView(job, req.locale, req.url));
    },
  );

  app.get(
    '/api/v1/auth/invitations/:token',
    {
      schema: {
        tags: TAGS,
        summary: 'What an invitation is for (the invitation page shows it before accepting)',
        params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,128}$' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object(
            {
              email: Type.String(),
              displayName: Type.Union([Type.String(), Type.Null()]),
              role: Type.Union([Type.Literal('coop_admin'), Type.Literal('association_staff'), Type.Literal('platform_admin'), Type.Null()]),
              organisationName: Type.Union([Type.String(), Type.Null()]),
              cooperatives: Type.Array(Type.String()),
              existingAccount: Type.Boolean(),
              expiresAt: Type.String(),
            },
            { additionalProperties: false },
          ),
          ...problems(400, 404, 410, 429),
        },
      },
    },
    async (req, reply) => withRetryAfter(reply, () => invitationDetails(deps.db, req.params.token, actorOf(req))),
  );

  app.get(
    '/api/v1/onboarding-jobs/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'An invitation job: status, progress and, at the end, how many were invited',
        security: [{ session: [] }],
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: JobView, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = req.principal;
      if (!p) throw unauthenticated();
      const job = await deps.jobs.get<BulkResult>(req.params.id);
      if (!job || job.kind !== 'invite-members') throw notFound();
      if (job.accountId !== p.accountId && !isPlatformAdmin(p)) throw forbidden();
      return jobView(job, req.locale, req.url);
    },
  );
}

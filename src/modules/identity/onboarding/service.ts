// Onboarding a co-op's members from its register: the co-op's administrators see who already has an account, who
// was invited, who has no e-mail address on record, and invite one, some or all of them. Invitations are sent by a
// background job in batches (one transaction per batch: invitations, audit entries and mails together), so a
// register of thousands is invited without holding a request open. An invitation carries the person: accepting it
// links the account to that person, hence to all their memberships in every co-op — one account per person.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import type { Locale } from '../../../core/i18n.ts';
import type { Job, JobRunner } from '../../../core/jobs.ts';
import { forbidden, invalidField, notFound, unauthenticated } from '../../../core/errors.ts';
import { canManageRegister } from '../../registry/index.ts';
import { auditLog } from '../../../core/audit.ts';
import type { Mailer } from '../mail/mailer.ts';
import { renderMail } from '../mail/templates.ts';
import { INVITATION_TTL_MS, newToken, normaliseEmail, sha256, type Actor } from '../service.ts';

export type OnboardingStatus = 'linked' | 'invited' | 'no-email' | 'not-invited';

export interface OnboardingMember {
  membershipId: string;
  registerNumber: number;
  name: string;
  email: string | null;
  status: OnboardingStatus;
  invitedAt: string | null;
}

export interface OnboardingSummary {
  items: OnboardingMember[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<OnboardingStatus, number>;
}

export interface BulkResult {
  invited: number;
  skipped: { linked: number; invited: number; noEmail: number; emailTaken: number; duplicateEmail: number };
}

const BATCH = 200;

function requireRegisterAdmin(p: Principal | null, coopId: string): Principal {
  if (!p) throw unauthenticated();
  if (!canManageRegister(p, coopId)) throw forbidden();
  return p;
}

/** Open memberships of the co-op with their people's onboarding state (one row per membership). */
const STATE = (coopId: string) => sql`
  SELECT m.id AS membership_id, m.register_number, p.id AS person_id,
         CASE WHEN p.kind = 'legal' THEN p.legal_name ELSE p.given_name || ' ' || p.family_name END AS name,
         nullif(lower(trim(p.email)), '') AS email,
         EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id) AS linked,
         (SELECT max(i.created_at) FROM invitations i WHERE i.person_id = p.id AND i.accepted_at IS NULL AND i.expires_at > now()) AS invited_at
    FROM memberships m JOIN people p ON p.id = m.person_id
   WHERE m.cooperative_id = ${coopId} AND m.exit_on IS NULL`;

const STATUS_SQL = sql`CASE WHEN s.linked THEN 'linked' WHEN s.invited_at IS NOT NULL THEN 'invited' WHEN s.email IS NULL THEN 'no-email' ELSE 'not-invited' END`;

export async function listOnboarding(
  db: Db,
  p: Principal | null,
  coopId: string,
  opts: { status?: OnboardingStatus | undefined; page?: number | undefined; pageSize?: number | undefined },
): Promise<OnboardingSummary> {
  requireRegisterAdmin(p, coopId);
  const [coop] = await queryRows<{ id: string }>(db, sql`SELECT organisation_id AS id FROM cooperatives WHERE organisation_id = ${coopId}`);
  if (!coop) throw notFound();
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, opts.pageSize ?? 50));
  const counted = await queryRows<{ status: OnboardingStatus; n: number }>(db, sql`SELECT ${STATUS_SQL} AS status, count(*)::int AS n FROM (${STATE(coopId)}) s GROUP BY 1`);
  const counts: Record<OnboardingStatus, number> = { linked: 0, invited: 0, 'no-email': 0, 'not-invited': 0 };
  for (const c of counted) counts[c.status] = c.n;
  const where = opts.status ? sql`WHERE ${STATUS_SQL} = ${opts.status}` : sql``;
  const list = await queryRows<{ membership_id: string; register_number: number; name: string; email: string | null; status: OnboardingStatus; invited_at: string | Date | null }>(
    db,
    sql`SELECT s.membership_id, s.register_number, s.name, s.email, ${STATUS_SQL} AS status, s.invited_at
          FROM (${STATE(coopId)}) s ${where}
         ORDER BY s.register_number LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  const total = opts.status ? counts[opts.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    items: list.map((r) => ({
      membershipId: r.membership_id,
      registerNumber: r.register_number,
      name: r.name,
      email: r.email,
      status: r.status,
      invitedAt: r.invited_at ? new Date(r.invited_at).toISOString() : null,
    })),
    total,
    page,
    pageSize,
    counts,
  };
}

export interface BulkInput {
  /** Particular memberships of the co-op; omit (with `all`) for everyone not yet invited. */
  membershipIds?: string[] | undefined;
  all?: boolean | undefined;
  /** Invite again people whose invitation is still pending. */
  resend?: boolean | undefined;
  locale?: Locale | undefined;
}

/** Starts the invitation job (202): the job's result says how many were invited and why the others were not. */
export async function startBulkInvitations(
  deps: { db: Db; jobs: JobRunner; mailer: Mailer; publicUrl: string },
  p: Principal | null,
  coopId: string,
  input: BulkInput,
  actor: Actor,
): Promise<Job<BulkResult>> {
  const admin = requireRegisterAdmin(p, coopId);
  if (!input.all && !(input.membershipIds && input.membershipIds.length > 0)) throw invalidField('body/membershipIds', 'identity.onboarding.none-selected');
  const [coop] = await queryRows<{ name: string }>(deps.db, sql`SELECT o.name FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id WHERE c.organisation_id = ${coopId}`);
  if (!coop) throw notFound();
  const locale = input.locale ?? admin.locale;
  const job = await deps.jobs.start<BulkResult>(
    { kind: 'invite-members', accountId: admin.accountId, organisationId: coopId, params: { coopId, all: Boolean(input.all), selected: input.membershipIds?.length ?? 0, resend: Boolean(input.resend) } },
    async (ctx) => {
      const targets = await queryRows<{ membership_id: string; person_id: string; name: string; email: string | null; linked: boolean; invited_at: string | null }>(
        deps.db,
        sql`SELECT s.* FROM (${STATE(coopId)}) s
             ${input.all ? sql`` : sql`WHERE s.membership_id IN ${input.membershipIds ?? []}`}
             ORDER BY s.register_number`,
      );
      const result: BulkResult = { invited: 0, skipped: { linked: 0, invited: 0, noEmail: 0, emailTaken: 0, duplicateEmail: 0 } };
      const seen = new Set<string>();
      let done = 0;
      for (let i = 0; i < targets.length; i += BATCH) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const batch = targets.slice(i, i + BATCH);
        // Addresses already used by an account of another person, or by another person's pending invitation.
        const emails = [...new Set(batch.map((t) => t.email).filter((e): e is string => Boolean(e)))];
        const taken = emails.length
          ? await queryRows<{ email: string; person_id: string | null }>(
              deps.db,
              sql`SELECT lower(email) AS email, person_id FROM accounts WHERE lower(email) IN ${emails}
                  UNION ALL
                  SELECT lower(email), person_id FROM invitations WHERE lower(email) IN ${emails} AND accepted_at IS NULL AND expires_at > now()`,
            )
          : [];
        const rows: { token: string; t: (typeof batch)[number] }[] = [];
        for (const t of batch) {
          if (t.linked) result.skipped.linked++;
          else if (!t.email) result.skipped.noEmail++;
          else if (t.invited_at && !input.resend) result.skipped.invited++;
          else if (seen.has(t.email)) result.skipped.duplicateEmail++;
          else if (taken.some((x) => x.email === t.email && x.person_id !== null && x.person_id !== t.person_id)) result.skipped.emailTaken++;
          else {
            seen.add(t.email);
            rows.push({ token: newToken(), t });
          }
        }
        if (rows.length > 0) await writeBatch(deps, admin, coopId, coop.name, locale, rows, job.id, actor);
        result.invited += rows.length;
        done += batch.length;
        ctx.progress({ done, total: targets.length, unit: 'members' });
        deps.mailer.kick();
      }
      return result;
    },
  );
  return job;
}

async function writeBatch(
  deps: { db: Db; mailer: Mailer; publicUrl: string },
  admin: Principal,
  coopId: string,
  coopName: string,
  locale: Locale,
  rows: { token: string; t: { person_id: string; name: string; email: string | null } }[],
  jobId: string,
  actor: Actor,
): Promise<void> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const base = deps.publicUrl.replace(/\/+$/, '');
  const expires = expiresAt.toLocaleDateString(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome' });
  await deps.db.transaction(async (tx) => {
    const inserted = await queryRows<{ id: string; person_id: string }>(
      tx,
      sql`INSERT INTO invitations (token_hash, email, display_name, person_id, created_by, expires_at, mailed_at, job_id)
          SELECT x.token_hash, x.email, x.display_name, x.person_id::uuid, ${admin.accountId}, ${expiresAt}, ${now}, ${jobId}
            FROM jsonb_to_recordset(${JSON.stringify(rows.map(({ token, t }) => ({ token_hash: sha256(token), email: normaliseEmail(t.email!), display_name: t.name, person_id: t.person_id })))}::jsonb)
                 AS x(token_hash text, email text, display_name text, person_id text)
          RETURNING id, person_id`,
    );
    const idOf = new Map(inserted.map((r) => [r.person_id, r.id]));
    await tx.insert(auditLog).values(
      rows.map(({ t }) => ({
        actorAccountId: admin.accountId,
        action: 'invitation.create',
        subjectType: 'invitation',
        subjectId: idOf.get(t.person_id) ?? null,
        organisationId: coopId,
        requestId: actor.requestId ?? null,
        details: { personId: t.person_id, jobId },
      })),
    );
    const mails = rows.map(({ token, t }) => {
      const r = renderMail('invitation', locale, { name: t.name, organisation: coopName, url: `${base}/invito/${token}`, expires });
      return { to: normaliseEmail(t.email!), ...r };
    });
    await tx.execute(sql`
      INSERT INTO mail_outbox (to_address, subject, text_body, html_body, template, locale, status)
      SELECT x.to_address, x.subject, x.text_body, x.html_body, 'invitation', ${locale}, ${deps.mailer.mode === 'smtp' ? 'pending' : 'outbox'}
        FROM jsonb_to_recordset(${JSON.stringify(mails.map((m) => ({ to_address: m.to, subject: m.subject, text_body: m.text, html_body: m.html })))}::jsonb)
             AS x(to_address text, subject text, text_body text, html_body text)`);
  });
}

// The share-capital ledger of each membership: subscriptions, instalments, capitalised ristorni (written when a run
// is paid), transfers and redemptions, as append-only movements whose sums are the balances; opening balances from
// the register; and the reconciliation of the ledger with the registry's yearly figures and memberships.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import type { Principal } from '../../../core/http.ts';
import { conflict, invalid, invalidField, type FieldError } from '../../../core/errors.ts';
import { shareCapital, money, say, withinMembership, type Balance, type Deltas, type MovementKind } from '../domain/index.ts';
import type { MovementInput } from '../schemas.ts';
import { coopForManaging, coopForReading, findMembership, membershipForReading, iso, todayIso, type Actor, type MembershipInfo } from './access.ts';
import { settingsOf } from './settings.ts';

interface MovementRow {
  id: number;
  membershipId: string;
  kind: MovementKind;
  occurredOn: string;
  sharesDelta: number;
  subscribedDeltaCents: number;
  paidDeltaCents: number;
  refundCents: number | null;
  counterpartMembershipId: string | null;
  ristorniRunId: string | null;
  note: string | null;
  recordedAt: unknown;
}

const movementColumns = sql`
  id::float8 AS id, membership_id AS "membershipId", kind, occurred_on AS "occurredOn", shares_delta AS "sharesDelta",
  subscribed_delta_cents::float8 AS "subscribedDeltaCents", paid_delta_cents::float8 AS "paidDeltaCents", refund_cents::float8 AS "refundCents",
  counterpart_membership_id AS "counterpartMembershipId", ristorni_run_id AS "ristorniRunId", note, recorded_at AS "recordedAt"`;
const movementView = (r: MovementRow) => ({ ...r, recordedAt: iso(r.recordedAt) });

/** Balance of a membership: the sums of its movements; capitalised ristorni since the last redemption. */
export async function balanceOf(db: Db, membershipId: string): Promise<Balance & { movements: number }> {
  const [b] = await queryRows<Balance & { movements: number }>(db, sql`
    SELECT coalesce(sum(shares_delta), 0)::int AS shares, coalesce(sum(subscribed_delta_cents), 0)::float8 AS "subscribedCents",
           coalesce(sum(paid_delta_cents), 0)::float8 AS "paidCents", count(*)::int AS movements,
           least(coalesce(sum(subscribed_delta_cents), 0),
                 coalesce(sum(subscribed_delta_cents) FILTER (WHERE kind = 'ristorno' AND id > coalesce(
                   (SELECT max(id) FROM share_capital_movements WHERE membership_id = ${membershipId} AND kind = 'redemption'), 0)), 0))::float8 AS "ristorniCents"
      FROM share_capital_movements WHERE membership_id = ${membershipId}`);
  return b ?? { shares: 0, subscribedCents: 0, paidCents: 0, ristorniCents: 0, movements: 0 };
}

async function insertMovement(
  tx: Db,
  m: MembershipInfo,
  kind: MovementKind,
  occurredOn: string,
  d: Deltas,
  extra: { refundCents?: number; counterpart?: string; note?: string | null; by: string },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(tx, sql`
    INSERT INTO share_capital_movements (cooperative_id, membership_id, kind, occurred_on, shares_delta, subscribed_delta_cents, paid_delta_cents,
                                         refund_cents, counterpart_membership_id, note, recorded_by)
    VALUES (${m.cooperativeId}, ${m.id}, ${kind}, ${occurredOn}, ${d.sharesDelta}, ${d.subscribedDeltaCents}, ${d.paidDeltaCents},
            ${extra.refundCents ?? null}, ${extra.counterpart ?? null}, ${extra.note ?? null}, ${extra.by})
    RETURNING id::float8 AS id`);
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

const refusal = (r: { field: string; code: string; params?: Record<string, string | number> }): FieldError => ({
  field: `body/${r.field}`,
  code: r.code,
  ...(r.params ? { params: r.params } : {}),
});

/** Records a subscription, a payment, a transfer (two movements) or a redemption. */
export async function recordMovement(db: Db, actor: Actor, coopId: string, input: MovementInput) {
  const p = actor.principal;
  await coopForManaging(db, p, coopId);
  const settings = await settingsOf(db, coopId);
  const m = await findMembership(db, input.membershipId);
  if (!m || m.cooperativeId !== coopId) throw invalidField('body/membershipId', 'exchange.membership-other-coop');
  const errors: FieldError[] = [];
  if (input.occurredOn > todayIso()) errors.push({ field: 'body/occurredOn', code: 'exchange.future-date' });
  if (input.kind !== 'redemption' && !withinMembership(input.occurredOn, m.admittedOn, m.exitOn)) errors.push({ field: 'body/occurredOn', code: 'exchange.outside-membership' });
  if (input.kind === 'redemption' && m.exitOn && input.occurredOn < m.exitOn) errors.push({ field: 'body/occurredOn', code: 'exchange.outside-membership' });
  if ((input.kind === 'subscription' || input.kind === 'transfer') && input.shares === undefined) errors.push({ field: 'body/shares', code: 'field.required' });
  if (input.kind === 'payment' && input.amountCents === undefined) errors.push({ field: 'body/amountCents', code: 'field.required' });
  let to: MembershipInfo | null = null;
  if (input.kind === 'transfer') {
    if (!input.toMembershipId) errors.push({ field: 'body/toMembershipId', code: 'field.required' });
    else if (input.toMembershipId === m.id) errors.push({ field: 'body/toMembershipId', code: 'share-capital.same-membership' });
    else {
      to = await findMembership(db, input.toMembershipId);
      if (!to || to.cooperativeId !== coopId) errors.push({ field: 'body/toMembershipId', code: 'exchange.membership-other-coop' });
      else if (!withinMembership(input.occurredOn, to.admittedOn, to.exitOn)) errors.push({ field: 'body/toMembershipId', code: 'share-capital.membership-exited' });
    }
  }
  if (errors.length) throw invalid(errors);
  if (input.kind === 'subscription' && m.exitOn) throw conflict('share-capital.membership-exited');
  const cap = { capCents: settings.effectiveMemberCapCents, natural: m.natural };
  const ids = await db.transaction(async (tx) => {
    // One writer per membership at a time, locks taken in a fixed order.
    for (const id of [m.id, to?.id].filter((x): x is string => Boolean(x)).sort()) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(1836413046, hashtext(${id}::text))`);
    }
    const b = await balanceOf(tx, m.id);
    const by = p.accountId;
    const note = input.note ?? null;
    const created: number[] = [];
    if (input.kind === 'transfer' && to) {
      const tb = await balanceOf(tx, to.id);
      const t = shareCapital.transfer(b, tb, { shares: input.shares as number, paidCents: input.paidCents, nominalCents: m.shareNominalCents, toNominalCents: to.shareNominalCents }, { capCents: settings.effectiveMemberCapCents, natural: to.natural });
      if (!t.ok) throw invalid([refusal(t.refusal)]);
      created.push(await insertMovement(tx, m, 'transfer_out', input.occurredOn, t.out, { counterpart: to.id, note, by }));
      created.push(await insertMovement(tx, to, 'transfer_in', input.occurredOn, t.in, { counterpart: m.id, note, by }));
    } else if (input.kind === 'redemption') {
      const r = shareCapital.redemption(b, m.exitOn !== null, input.refundCents);
      if (!r.ok) throw r.refusal.field === 'membershipId' ? conflict(r.refusal.code, [refusal(r.refusal)]) : invalid([refusal(r.refusal)]);
      created.push(await insertMovement(tx, m, 'redemption', input.occurredOn, r.deltas, { refundCents: r.refundCents ?? b.paidCents, note, by }));
    } else {
      const o =
        input.kind === 'subscription'
          ? shareCapital.subscription(b, input.shares as number, m.shareNominalCents, cap, settings.minNominalCents)
          : shareCapital.payment(b, input.amountCents as number);
      if (!o.ok) throw invalid([refusal(o.refusal)]);
      created.push(await insertMovement(tx, m, input.kind === 'subscription' ? 'subscription' : 'payment', input.occurredOn, o.deltas, { note, by }));
    }
    await audit(tx, { actorAccountId: by, action: `share-capital.${input.kind}`, subjectType: 'membership', subjectId: m.id, organisationId: coopId, requestId: actor.requestId, details: { movements: created, ...(to ? { to: to.id } : {}) } });
    return created;
  });
  const movements = await queryRows<MovementRow>(db, sql`SELECT ${movementColumns} FROM share_capital_movements WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) ORDER BY id`);
  const { movements: _n, ...balance } = await balanceOf(db, m.id);
  void _n;
  return { movements: movements.map(movementView), balance };
}

/** Opening balances from the register for the open memberships that have no movement yet. */
export async function openingBalances(db: Db, actor: Actor, coopId: string, occurredOn: string) {
  const p = actor.principal;
  await coopForManaging(db, p, coopId);
  if (occurredOn > todayIso()) throw invalidField('body/occurredOn', 'exchange.future-date');
  const created = await db.transaction(async (tx) => {
    const [row] = await queryRows<{ n: number }>(tx, sql`
      WITH ins AS (
        INSERT INTO share_capital_movements (cooperative_id, membership_id, kind, occurred_on, shares_delta, subscribed_delta_cents, paid_delta_cents, note, recorded_by)
        SELECT m.cooperative_id, m.id, 'opening', greatest(${occurredOn}::date, m.admitted_on), m.shares_count, m.subscribed_cents, m.paid_cents,
               'saldo iniziale dal libro soci', ${p.accountId}
          FROM memberships m
         WHERE m.cooperative_id = ${coopId} AND m.exit_on IS NULL
           AND (m.shares_count > 0 OR m.subscribed_cents > 0 OR m.paid_cents > 0)
           AND NOT EXISTS (SELECT 1 FROM share_capital_movements s WHERE s.membership_id = m.id)
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`);
    const n = row?.n ?? 0;
    await audit(tx, { actorAccountId: p.accountId, action: 'share-capital.opening', subjectType: 'organisation', subjectId: coopId, organisationId: coopId, requestId: actor.requestId, details: { created: n } });
    return n;
  });
  return { created };
}

async function capitalOf(db: Db, m: MembershipInfo) {
  const coop = await queryRows<{ name: string }>(db, sql`SELECT name FROM organisations WHERE id = ${m.cooperativeId}`);
  const { currency } = await settingsOf(db, m.cooperativeId);
  const { movements: _n, ...balance } = await balanceOf(db, m.id);
  void _n;
  return {
    membership: { id: m.id, cooperativeId: m.cooperativeId, cooperativeName: coop[0]?.name ?? '', registerNumber: m.registerNumber, name: m.name, shareNominalCents: m.shareNominalCents, exitOn: m.exitOn, currency },
    balance,
  };
}

/** A membership's balance and movements: its holder, and the co-op's readers. */
export async function membershipCapital(db: Db, p: Principal, membershipId: string) {
  const m = await membershipForReading(db, p, membershipId, { staff: true });
  const movements = await queryRows<MovementRow>(db, sql`SELECT ${movementColumns} FROM share_capital_movements WHERE membership_id = ${membershipId} ORDER BY occurred_on, id`);
  return { ...(await capitalOf(db, m)), movements: movements.map(movementView) };
}

export async function myCapital(db: Db, p: Principal) {
  if (!p.personId) return { items: [] };
  const ids = await queryRows<{ id: string }>(db, sql`SELECT id FROM memberships WHERE person_id = ${p.personId} ORDER BY exit_on NULLS FIRST, admitted_on`);
  const items = [];
  for (const { id } of ids) {
    const m = await findMembership(db, id);
    if (m) items.push(await capitalOf(db, m));
  }
  return { items };
}

/** Balances of a co-op's memberships (open ones and those with a non-zero ledger), by register number. */
export async function listCapital(db: Db, p: Principal, coopId: string, q: { page?: number | undefined; pageSize?: number | undefined }) {
  await coopForReading(db, p, coopId);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 100;
  const base = sql`
    FROM memberships m JOIN people p ON p.id = m.person_id
    LEFT JOIN (SELECT membership_id, count(*)::int AS n, sum(shares_delta)::int AS shares, sum(subscribed_delta_cents)::float8 AS sub,
                      sum(paid_delta_cents)::float8 AS paid, sum(subscribed_delta_cents) FILTER (WHERE kind = 'ristorno')::float8 AS ris
                 FROM share_capital_movements WHERE cooperative_id = ${coopId} GROUP BY membership_id) s ON s.membership_id = m.id
    WHERE m.cooperative_id = ${coopId} AND (m.exit_on IS NULL OR coalesce(s.sub, 0) <> 0)`;
  const [tot] = await queryRows<{ n: number; shares: number; sub: number; paid: number; ris: number }>(db, sql`
    SELECT count(*)::int AS n, coalesce(sum(s.shares), 0)::int AS shares, coalesce(sum(s.sub), 0)::float8 AS sub, coalesce(sum(s.paid), 0)::float8 AS paid,
           coalesce(sum(least(s.ris, s.sub)), 0)::float8 AS ris ${base}`);
  const items = await queryRows<{ membershipId: string; registerNumber: number; name: string; exitOn: string | null; movements: number; shares: number; subscribedCents: number; paidCents: number; ristorniCents: number }>(db, sql`
    SELECT m.id AS "membershipId", m.register_number AS "registerNumber", coalesce(p.family_name || ' ' || p.given_name, p.legal_name) AS name,
           m.exit_on AS "exitOn", coalesce(s.n, 0) AS movements, coalesce(s.shares, 0) AS shares, coalesce(s.sub, 0)::float8 AS "subscribedCents",
           coalesce(s.paid, 0)::float8 AS "paidCents", greatest(0, least(coalesce(s.ris, 0), coalesce(s.sub, 0)))::float8 AS "ristorniCents"
    ${base} ORDER BY m.register_number LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return {
    items,
    total: tot?.n ?? 0,
    page,
    pageSize,
    totals: { shares: tot?.shares ?? 0, subscribedCents: tot?.sub ?? 0, paidCents: tot?.paid ?? 0, ristorniCents: tot?.ris ?? 0 },
  };
}

type Totals3 = { shares: number; subscribedCents: number; paidCents: number };

/**
 * The ledger against the registry: the ledger's totals at the end of `year` against the co-op's declared yearly
 * figures (share capital subscribed and paid), and today's ledger balances against the memberships' share columns,
 * with the open memberships that differ.
 */
export async function reconciliation(db: Db, p: Principal, coopId: string, year: number) {
  await coopForReading(db, p, coopId);
  const { rs } = await settingsOf(db, coopId);
  const sums = (where: ReturnType<typeof sql>) => sql`
    SELECT coalesce(sum(shares_delta), 0)::int AS shares, coalesce(sum(subscribed_delta_cents), 0)::float8 AS "subscribedCents",
           coalesce(sum(paid_delta_cents), 0)::float8 AS "paidCents" FROM share_capital_movements WHERE cooperative_id = ${coopId} ${where}`;
  const [atYearEnd] = await queryRows<Totals3>(db, sums(sql`AND occurred_on <= make_date(${year}::int, 12, 31)`));
  const [now] = await queryRows<Totals3>(db, sums(sql``));
  const [register] = await queryRows<Totals3>(db, sql`
    SELECT coalesce(sum(shares_count), 0)::int AS shares, coalesce(sum(subscribed_cents), 0)::float8 AS "subscribedCents", coalesce(sum(paid_cents), 0)::float8 AS "paidCents"
      FROM memberships WHERE cooperative_id = ${coopId} AND exit_on IS NULL`);
  const [figures] = await queryRows<{ subscribedCents: number; paidCents: number }>(db, sql`
    SELECT share_capital_subscribed_cents::float8 AS "subscribedCents", share_capital_paid_cents::float8 AS "paidCents" FROM yearly_figures WHERE cooperative_id = ${coopId} AND year = ${year}`);
  const mismatchWhere = sql`
    FROM memberships m
    LEFT JOIN (SELECT membership_id, sum(shares_delta)::int AS shares, sum(subscribed_delta_cents)::float8 AS sub, sum(paid_delta_cents)::float8 AS paid
                 FROM share_capital_movements WHERE cooperative_id = ${coopId} GROUP BY membership_id) s ON s.membership_id = m.id
    WHERE m.cooperative_id = ${coopId} AND m.exit_on IS NULL
      AND (coalesce(s.shares, 0) <> m.shares_count OR coalesce(s.sub, 0) <> m.subscribed_cents OR coalesce(s.paid, 0) <> m.paid_cents)`;
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n ${mismatchWhere}`);
  const items = await queryRows<{ membershipId: string; registerNumber: number; ls: number; lsub: number; lpaid: number; rs: number; rsub: number; rpaid: number }>(db, sql`
    SELECT m.id AS "membershipId", m.register_number AS "registerNumber", coalesce(s.shares, 0) AS ls, coalesce(s.sub, 0)::float8 AS lsub, coalesce(s.paid, 0)::float8 AS lpaid,
           m.shares_count AS rs, m.subscribed_cents::float8 AS rsub, m.paid_cents::float8 AS rpaid
    ${mismatchWhere} ORDER BY m.register_number LIMIT 100`);
  const ledgerAtYearEnd = atYearEnd as Totals3;
  const diff = figures ? { subscribedCents: ledgerAtYearEnd.subscribedCents - figures.subscribedCents, paidCents: ledgerAtYearEnd.paidCents - figures.paidCents } : null;
  const consistent = (count?.n ?? 0) === 0 && (diff === null || (diff.subscribedCents === 0 && diff.paidCents === 0));
  const m = (c: number) => money(c, rs.currency);
  const explanation = say(
    {
      it: 'Al 31/12/{year} il libro del capitale somma {lsub} sottoscritti e {lpaid} versati{fig}. Oggi il libro somma {nsub} sottoscritti, il libro soci {rsub} sulle iscrizioni aperte; {n} iscrizioni aperte non coincidono.',
      en: 'At 31 Dec {year} the capital ledger adds up to {lsub} subscribed and {lpaid} paid{fig}. Today the ledger adds up to {nsub} subscribed, the register {rsub} over open memberships; {n} open memberships differ.',
    },
    {
      year: String(year),
      lsub: m(ledgerAtYearEnd.subscribedCents),
      lpaid: m(ledgerAtYearEnd.paidCents),
      fig: figures
        ? say({ it: '; i dati annuali dichiarano {s} e {p}', en: '; the yearly figures declare {s} and {p}' }, { s: m(figures.subscribedCents), p: m(figures.paidCents) })
        : { it: '; non ci sono dati annuali dichiarati per l’anno', en: '; no yearly figures are declared for the year' },
      nsub: m((now as Totals3).subscribedCents),
      rsub: m((register as Totals3).subscribedCents),
      n: count?.n ?? 0,
    },
  );
  return {
    year,
    ledgerAtYearEnd,
    registryFigures: figures ?? null,
    yearEndDifference: diff,
    ledgerNow: now as Totals3,
    registerNow: register as Totals3,
    mismatches: {
      count: count?.n ?? 0,
      items: items.map((r) => ({
        membershipId: r.membershipId,
        registerNumber: r.registerNumber,
        ledger: { shares: r.ls, subscribedCents: r.lsub, paidCents: r.lpaid },
        register: { shares: r.rs, subscribedCents: r.rsub, paidCents: r.rpaid },
      })),
    },
    consistent,
    explanation,
  };
}


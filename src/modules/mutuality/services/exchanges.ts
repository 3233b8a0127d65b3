// The mutual-exchange ledger: recording entries (co-op administrators), reversing them (a mirrored entry with a
// reason, once), and reading them (the co-op's readers; each member their own). Entries are never updated or
// deleted — the table's trigger refuses it too. A year whose ristorni are computed is closed to new entries.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import type { Principal } from '../../../core/http.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../core/errors.ts';
import { normaliseEntry, withinMembership, milliToDecimal, type NormalEntry } from '../domain/index.ts';
import type { EntryInputBody, EntryListQuery, EntryView, MyEntryListQuery } from '../schemas.ts';
import { coopForManaging, coopForReading, findMembership, lockCoopYear, todayIso, iso, type Actor } from './access.ts';

const entryColumns = sql`
  e.id::float8 AS id, e.cooperative_id AS "cooperativeId", e.membership_id AS "membershipId", m.register_number AS "registerNumber",
  coalesce(p.family_name || ' ' || p.given_name, p.legal_name) AS "memberName", e.kind, e.occurred_on AS "occurredOn",
  e.quantity::float8 AS quantity, e.unit, e.value_cents::float8 AS "valueCents", e.grade, e.description, e.external_ref AS "externalRef",
  e.reverses_id::float8 AS "reversesId", e.reason, r.id::float8 AS "reversedById", e.recorded_at AS "recordedAt"`;
const entryFrom = sql`
  exchange_entries e JOIN memberships m ON m.id = e.membership_id JOIN people p ON p.id = m.person_id
  LEFT JOIN exchange_entries r ON r.reverses_id = e.id`;

const toView = (r: EntryView): EntryView => ({ ...r, recordedAt: iso(r.recordedAt) });

/** The year is closed when its ristorni are computed (or approved, or paid). */
export async function closedYear(db: Db, coopId: string, year: number): Promise<boolean> {
  const [row] = await queryRows<{ closed: boolean }>(db, sql`
    SELECT EXISTS (SELECT 1 FROM ristorni_runs WHERE cooperative_id = ${coopId} AND year = ${year} AND status <> 'draft') AS closed`);
  return Boolean(row?.closed);
}

/** Inserts one normalised entry (the caller holds the co-op-year lock); returns its id. */
export async function insertEntry(
  tx: Db,
  e: NormalEntry & { cooperativeId: string; membershipId: string; externalRef: string | null; recordedBy: string | null },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(tx, sql`
    INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, grade, description, external_ref, recorded_by)
    VALUES (${e.cooperativeId}, ${e.membershipId}, ${e.kind}, ${e.occurredOn}, ${e.quantityMilli === null ? null : milliToDecimal(e.quantityMilli)}::numeric,
            ${e.unit}, ${e.valueCents}, ${e.grade}, ${e.description}, ${e.externalRef}, ${e.recordedBy})
    RETURNING id::float8 AS id`);
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function getEntry(db: Db, coopId: string, id: number): Promise<EntryView | null> {
  const [row] = await queryRows<EntryView>(db, sql`SELECT ${entryColumns} FROM ${entryFrom} WHERE e.id = ${id} AND e.cooperative_id = ${coopId}`);
  return row ? toView(row) : null;
}

export async function recordEntry(db: Db, actor: Actor, coopId: string, body: EntryInputBody): Promise<EntryView> {
  const p = actor.principal;
  await coopForManaging(db, p, coopId);
  const { entry, problems } = normaliseEntry(body, todayIso());
  const errors: FieldError[] = problems.map((x) => ({ field: `body/${x.field}`, code: x.code, ...(x.params ? { params: x.params } : {}) }));
  const m = await findMembership(db, body.membershipId);
  if (!m || m.cooperativeId !== coopId) errors.push({ field: 'body/membershipId', code: 'exchange.membership-other-coop' });
  else if (!withinMembership(body.occurredOn, m.admittedOn, m.exitOn)) errors.push({ field: 'body/occurredOn', code: 'exchange.outside-membership' });
  if (errors.length || !entry || !m) throw invalid(errors);
  const year = Number(entry.occurredOn.slice(0, 4));
  const externalRef = body.externalRef?.trim() || null;
  const id = await db.transaction(async (tx) => {
    await tx.execute(lockCoopYear(coopId, year));
    if (await closedYear(tx, coopId, year)) throw conflict('exchange.year-closed', [{ field: 'body/occurredOn', code: 'exchange.year-closed', params: { year } }], { year });
    if (externalRef) {
      const [taken] = await queryRows<{ id: number }>(tx, sql`SELECT id::float8 AS id FROM exchange_entries WHERE cooperative_id = ${coopId} AND external_ref = ${externalRef}`);
      if (taken) throw conflict('exchange.ref-taken', [{ field: 'body/externalRef', code: 'exchange.ref-taken' }]);
    }
    const newId = await insertEntry(tx, { ...entry, cooperativeId: coopId, membershipId: m.id, externalRef, recordedBy: p.accountId });
    await audit(tx, { actorAccountId: p.accountId, action: 'exchange.record', subjectType: 'exchange_entry', subjectId: String(newId), organisationId: coopId, requestId: actor.requestId, details: { membershipId: m.id, kind: entry.kind } });
    return newId;
  });
  return (await getEntry(db, coopId, id)) as EntryView;
}

/** Records the reversing entry of `entryId` (same member, kind and date; negated amounts) with the reason. */
export async function reverseEntry(db: Db, actor: Actor, coopId: string, entryId: number, reason: string): Promise<EntryView> {
  const p = actor.principal;
  await coopForManaging(db, p, coopId);
  const original = await getEntry(db, coopId, entryId);
  if (!original) throw notFound('exchange.not-found');
  if (original.reversesId !== null) throw conflict('exchange.reversal-of-reversal');
  const year = Number(original.occurredOn.slice(0, 4));
  const id = await db.transaction(async (tx) => {
    await tx.execute(lockCoopYear(coopId, year));
    if (await closedYear(tx, coopId, year)) throw conflict('exchange.year-closed', [{ field: 'params/entryId', code: 'exchange.year-closed', params: { year } }], { year });
    // The partial unique index on reverses_id also refuses a second reversal made concurrently.
    const [done] = await queryRows<{ id: number }>(tx, sql`SELECT id::float8 AS id FROM exchange_entries WHERE reverses_id = ${entryId}`);
    if (done) throw conflict('exchange.already-reversed');
    const [row] = await queryRows<{ id: number }>(tx, sql`
      INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, quantity, unit, value_cents, grade, description, reverses_id, reason, recorded_by)
      SELECT cooperative_id, membership_id, kind, occurred_on, -quantity, unit, -value_cents, grade, description, id, ${reason.trim()}, ${p.accountId}
        FROM exchange_entries WHERE id = ${entryId}
      RETURNING id::float8 AS id`);
    if (!row) throw notFound('exchange.not-found');
    await audit(tx, { actorAccountId: p.accountId, action: 'exchange.reverse', subjectType: 'exchange_entry', subjectId: String(row.id), organisationId: coopId, requestId: actor.requestId, details: { reverses: entryId } });
    return row.id;
  });
  return (await getEntry(db, coopId, id)) as EntryView;
}

function filters(q: EntryListQuery): SQL[] {
  const conds: SQL[] = [];
  if (q.membershipId) conds.push(sql`e.membership_id = ${q.membershipId}`);
  if (q.kind) conds.push(sql`e.kind = ${q.kind}`);
  if (q.year) conds.push(sql`e.occurred_on >= make_date(${q.year}::int, 1, 1) AND e.occurred_on < make_date(${q.year}::int + 1, 1, 1)`);
  if (q.from) conds.push(sql`e.occurred_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`e.occurred_on <= ${q.to}::date`);
  return conds;
}

async function page(db: Db, where: SQL, q: { page?: number | undefined; pageSize?: number | undefined }) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 100;
  const [count] = await queryRows<{ n: number; v: number }>(db, sql`
    SELECT count(*)::int AS n, coalesce(sum(e.value_cents), 0)::float8 AS v FROM exchange_entries e WHERE ${where}`);
  const items = await queryRows<EntryView>(db, sql`
    SELECT ${entryColumns} FROM ${entryFrom} WHERE ${where}
     ORDER BY e.occurred_on DESC, e.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { items: items.map(toView), total: count?.n ?? 0, page, pageSize, totalValueCents: count?.v ?? 0 };
}

export async function listEntries(db: Db, p: Principal, coopId: string, q: EntryListQuery) {
  await coopForReading(db, p, coopId);
  return page(db, sql.join([sql`e.cooperative_id = ${coopId}`, ...filters(q)], sql` AND `), q);
}

/** The caller's own entries, in every co-op they belong to (or one). */
export async function listMyEntries(db: Db, p: Principal, q: MyEntryListQuery) {
  if (!p.personId) return { items: [], total: 0, page: q.page ?? 1, pageSize: q.pageSize ?? 100, totalValueCents: 0 };
  const conds = [sql`e.membership_id IN (SELECT id FROM memberships WHERE person_id = ${p.personId})`, ...filters(q)];
  if (q.cooperativeId) conds.push(sql`e.cooperative_id = ${q.cooperativeId}`);
  return page(db, sql.join(conds, sql` AND `), q);
}

/** Totals of the year's ledger by kind (net of reversals). */
export async function summary(db: Db, p: Principal, coopId: string, year: number) {
  await coopForReading(db, p, coopId);
  const items = await queryRows<{ kind: EntryView['kind']; entries: number; members: number; valueCents: number; quantity: number }>(db, sql`
    SELECT kind, count(*)::int AS entries, count(DISTINCT membership_id)::int AS members,
           sum(value_cents)::float8 AS "valueCents", coalesce(sum(quantity), 0)::float8 AS quantity
      FROM exchange_entries
     WHERE cooperative_id = ${coopId} AND occurred_on >= make_date(${year}::int, 1, 1) AND occurred_on < make_date(${year}::int + 1, 1, 1)
     GROUP BY kind ORDER BY kind`);
  return { year, items };
}

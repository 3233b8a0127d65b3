// One batch of register rows in one transaction: COPY into a temporary table, check the rows against the
// register as it is (register number owned by someone else, a second open membership, constraints on the values
// an absent column keeps), classify each row as new / changed / unchanged, and — when committing — upsert people
// by codice fiscale and memberships by (co-op, register number), touching only rows that really differ.
import type { SqlRunner } from '../../../core/db.ts';
import type { MemberColumnKey } from './columns.ts';
import type { MemberRecord, RowError } from './rows.ts';
import { auditBatch, copyText, lockFor, stage, type StageColumn, type StageValue } from './staging.ts';

export interface BatchOutcome {
  /** Rows refused because of what is already in the database. */
  errors: RowError[];
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface MemberBatchOptions {
  cooperativeId: string;
  provided: ReadonlySet<MemberColumnKey>;
  write: boolean;
  /** Column titles for errors raised here (as written in the file). */
  title: (key: MemberColumnKey) => string;
  audit: { actorAccountId: string | null; requestId: string | null; batch: number };
  /** Test hook between the people and the memberships writes (simulates a crash mid-batch). */
  beforeMemberships?: (batch: number) => void | Promise<void>;
}

const STAGE: StageColumn[] = [
  { name: 'row_no', type: 'integer' },
  { name: 'register_number', type: 'integer' },
  { name: 'kind', type: 'text' },
  { name: 'codice_fiscale', type: 'text' },
  { name: 'given_name', type: 'text' },
  { name: 'family_name', type: 'text' },
  { name: 'legal_name', type: 'text' },
  { name: 'gender', type: 'text' },
  { name: 'birth_date', type: 'date' },
  { name: 'email', type: 'text' },
  { name: 'phone', type: 'text' },
  { name: 'comune', type: 'text' },
  { name: 'province', type: 'text' },
  { name: 'member_types', type: 'text[]' },
  { name: 'applied_on', type: 'date' },
  { name: 'admitted_on', type: 'date' },
  { name: 'registered_on', type: 'date' },
  { name: 'shares_count', type: 'integer' },
  { name: 'share_nominal_cents', type: 'bigint' },
  { name: 'subscribed_cents', type: 'bigint' },
  { name: 'paid_cents', type: 'bigint' },
  { name: 'exit_kind', type: 'text' },
  { name: 'exit_on', type: 'date' },
  { name: 'exit_reason', type: 'text' },
];

function stageRow(r: MemberRecord): StageValue[] {
  return [
    r.row,
    r.registerNumber,
    r.kind,
    r.codiceFiscale,
    r.givenName,
    r.familyName,
    r.legalName,
    r.gender,
    r.birthDate,
    r.email,
    r.phone,
    r.comune,
    r.province,
    r.memberTypes,
    r.appliedOn,
    r.admittedOn,
    r.registeredOn,
    r.sharesCount,
    r.shareNominalCents,
    r.subscribedCents,
    r.paidCents,
    r.exitKind,
    r.exitOn,
    r.exitReason,
  ];
}

/** Person fields: an empty cell keeps what is recorded (a person's data is shared by all their co-ops). */
const PERSON_COLS = ['given_name', 'family_name', 'legal_name', 'birth_date', 'gender', 'email', 'phone', 'comune', 'province'] as const;

interface MembershipCol {
  col: string;
  key: MemberColumnKey;
  /** Value for a new membership when the column is absent from the file. */
  fallback?: string;
}
const MEMBERSHIP_COLS: readonly MembershipCol[] = [
  { col: 'member_types', key: 'memberTypes' },
  { col: 'applied_on', key: 'appliedOn' },
  { col: 'admitted_on', key: 'admittedOn' },
  { col: 'registered_on', key: 'registeredOn', fallback: 's.admitted_on' },
  { col: 'shares_count', key: 'sharesCount', fallback: '0' },
  { col: 'share_nominal_cents', key: 'shareNominal', fallback: '2500' },
  { col: 'subscribed_cents', key: 'subscribed', fallback: '0' },
  { col: 'paid_cents', key: 'paid', fallback: '0' },
  { col: 'exit_kind', key: 'exitKind' },
  { col: 'exit_on', key: 'exitOn' },
  { col: 'exit_reason', key: 'exitReason' },
];

/**
 * The SQL pieces that depend on which columns the file has; built once per import. Lookups into people and
 * memberships are LATERAL … LIMIT 1 so they stay index probes per staged row: a hash join would scan the whole
 * register for every batch, which is quadratic over a 2.8-million-row import.
 */
export function memberSql(provided: ReadonlySet<MemberColumnKey>) {
  const given = MEMBERSHIP_COLS.filter((c) => provided.has(c.key));
  // What the membership will hold after the write: the file's value, else the current one, else the default.
  const merged = (c: string): string => {
    const def = MEMBERSHIP_COLS.find((x) => x.col === c) as MembershipCol;
    return provided.has(def.key) ? `s.${c}` : `coalesce(m.${c}, ${def.fallback ?? 'NULL'})`;
  };
  const personChanged = `p.id IS NULL OR (${PERSON_COLS.map((c) => `p.${c}`).join(', ')}) IS DISTINCT FROM (${PERSON_COLS.map((c) => `coalesce(s.${c}, p.${c})`).join(', ')})`;
  const membershipChanged = given.length
    ? `(${given.map((c) => `m.${c.col}`).join(', ')}) IS DISTINCT FROM (${given.map((c) => `s.${c.col}`).join(', ')})`
    : 'FALSE';

  const check = `
    WITH j AS (
      SELECT s.row_no, s.register_number, p.id AS pid, m.id AS mid, m.person_id AS m_person,
             ${merged('admitted_on')} AS admitted_on, ${merged('registered_on')} AS registered_on,
             ${merged('subscribed_cents')} AS subscribed_cents, ${merged('paid_cents')} AS paid_cents,
             ${merged('exit_kind')} AS exit_kind, ${merged('exit_on')} AS exit_on,
             (${personChanged}) AS person_changed,
             (m.id IS NOT NULL AND (${membershipChanged})) AS membership_changed
        FROM imp_m s
        LEFT JOIN LATERAL (SELECT * FROM people x WHERE x.codice_fiscale = s.codice_fiscale LIMIT 1) p ON TRUE
        LEFT JOIN LATERAL (SELECT * FROM memberships x WHERE x.cooperative_id = $1 AND x.register_number = s.register_number LIMIT 1) m ON TRUE
    )
    SELECT row_no, register_number,
           mid IS NULL AS is_new,
           (mid IS NOT NULL AND m_person IS DISTINCT FROM pid) AS other_person,
           coalesce(person_changed, FALSE) AS person_changed,
           coalesce(membership_changed, FALSE) AS membership_changed,
           coalesce(paid_cents > subscribed_cents, FALSE) AS paid_exceeds,
           coalesce(registered_on < admitted_on, FALSE) AS registered_early,
           ((exit_kind IS NULL) <> (exit_on IS NULL)) AS exit_incomplete,
           coalesce(exit_on < admitted_on, FALSE) AS exit_early,
           exit_on IS NOT NULL AS closed,
           CASE WHEN exit_on IS NULL AND pid IS NOT NULL THEN
             (SELECT array_agg(o.register_number) FROM memberships o
               WHERE o.cooperative_id = $1 AND o.person_id = j.pid AND o.exit_on IS NULL AND o.register_number <> j.register_number)
           END AS open_elsewhere
      FROM j`;

  const people = `
    INSERT INTO people AS p (kind, codice_fiscale, ${PERSON_COLS.join(', ')})
    SELECT DISTINCT ON (s.codice_fiscale) s.kind, s.codice_fiscale, ${PERSON_COLS.map((c) => `s.${c}`).join(', ')}
      FROM imp_m s
     ORDER BY s.codice_fiscale, s.row_no
    ON CONFLICT (codice_fiscale) DO UPDATE SET
      ${PERSON_COLS.map((c) => `${c} = coalesce(EXCLUDED.${c}, p.${c})`).join(', ')}, updated_at = now()
    WHERE (${PERSON_COLS.map((c) => `p.${c}`).join(', ')}) IS DISTINCT FROM (${PERSON_COLS.map((c) => `coalesce(EXCLUDED.${c}, p.${c})`).join(', ')})`;

  const insertCols = MEMBERSHIP_COLS.filter((c) => provided.has(c.key) || c.col === 'registered_on');
  const memberships = `
    INSERT INTO memberships AS m (cooperative_id, person_id, register_number, ${insertCols.map((c) => c.col).join(', ')})
    SELECT $1::uuid, p.id, s.register_number, ${insertCols.map((c) => (provided.has(c.key) ? `s.${c.col}` : (c.fallback as string))).join(', ')}
      FROM imp_m s CROSS JOIN LATERAL (SELECT x.id FROM people x WHERE x.codice_fiscale = s.codice_fiscale LIMIT 1) p
     WHERE (s.exit_on IS NOT NULL) = $2::boolean
    ON CONFLICT (cooperative_id, register_number) DO UPDATE SET
      ${given.map((c) => `${c.col} = EXCLUDED.${c.col}`).join(', ')}${given.length ? ', ' : ''}updated_at = now()
    WHERE ${given.length ? `(${given.map((c) => `m.${c.col}`).join(', ')}) IS DISTINCT FROM (${given.map((c) => `EXCLUDED.${c.col}`).join(', ')})` : 'FALSE'}`;

  return { check, people, memberships };
}

interface CheckRow {
  row_no: number;
  register_number: number;
  is_new: boolean;
  other_person: boolean;
  person_changed: boolean;
  membership_changed: boolean;
  paid_exceeds: boolean;
  registered_early: boolean;
  exit_incomplete: boolean;
  exit_early: boolean;
  closed: boolean;
  open_elsewhere: number[] | null;
}

/** The batch's COPY payload (pure; the importer builds it while the previous batch is being written). */
export function memberBatchText(records: readonly MemberRecord[]): string {
  return copyText(records.map(stageRow));
}

export async function processMemberBatch(
  tx: SqlRunner,
  sqlText: ReturnType<typeof memberSql>,
  records: readonly MemberRecord[],
  opts: MemberBatchOptions,
  text = memberBatchText(records),
): Promise<BatchOutcome> {
  await lockFor(tx, `cooperando:import:register:${opts.cooperativeId}`);
  await stage(tx, 'imp_m', STAGE, text);
  const { rows } = await tx.query<CheckRow>(sqlText.check, [opts.cooperativeId]);
  const byRow = new Map(records.map((r) => [r.row, r]));
  const errors: RowError[] = [];
  const refused = new Set<number>();
  const refuse = (c: CheckRow, key: MemberColumnKey | null, code: string, params?: Record<string, string | number>) => {
    const rec = byRow.get(c.row_no);
    const value = key === 'registerNumber' ? String(c.register_number) : key && rec ? valueOf(rec, key) : null;
    errors.push({ row: c.row_no, column: key ? opts.title(key) : null, value, code, ...(params ? { params } : {}) });
    refused.add(c.row_no);
  };
  for (const c of rows) {
    if (c.other_person) refuse(c, 'registerNumber', 'import.conflict.register-number');
    else if (c.paid_exceeds) refuse(c, 'paid', 'import.shares.paid-exceeds');
    else if (c.registered_early) refuse(c, 'registeredOn', 'import.date.before-admission');
    else if (c.exit_incomplete) refuse(c, opts.provided.has('exitKind') ? 'exitOn' : 'exitKind', 'import.exit.incomplete');
    else if (c.exit_early) refuse(c, 'exitOn', 'import.date.before-admission');
  }
  // A second open membership is fine when a valid row of this batch closes the other one (a re-admission).
  const closing = new Set(rows.filter((c) => c.closed && !refused.has(c.row_no)).map((c) => c.register_number));
  for (const c of rows) {
    if (refused.has(c.row_no) || !c.open_elsewhere) continue;
    const still = c.open_elsewhere.filter((n) => !closing.has(n));
    if (still.length) refuse(c, 'codiceFiscale', 'import.conflict.open-membership', { number: Math.min(...still) });
  }

  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const c of rows) {
    if (refused.has(c.row_no)) continue;
    if (c.is_new) inserted++;
    else if (c.person_changed || c.membership_changed) updated++;
    else unchanged++;
  }

  if (opts.write && inserted + updated > 0) {
    // The writes read the staged rows set-based: refused rows leave the stage first (a hash join, never a scan of
    // an id list per row), and unchanged rows fall through the upserts' IS DISTINCT FROM guards untouched.
    if (refused.size) await tx.query('DELETE FROM imp_m s USING unnest($1::int[]) r(n) WHERE s.row_no = r.n', [[...refused]]);
    await tx.query(sqlText.people);
    await opts.beforeMemberships?.(opts.audit.batch);
    // Closing rows first, so that a re-admission in the same batch finds the old membership already closed.
    await tx.query(sqlText.memberships, [opts.cooperativeId, true]);
    await tx.query(sqlText.memberships, [opts.cooperativeId, false]);
    await auditBatch(tx, {
      actorAccountId: opts.audit.actorAccountId,
      action: 'registry.import.members',
      subjectType: 'organisation',
      subjectId: opts.cooperativeId,
      organisationId: opts.cooperativeId,
      requestId: opts.audit.requestId,
      details: { batch: opts.audit.batch, inserted, updated, unchanged, rejected: refused.size },
    });
  }
  return { errors, inserted, updated, unchanged };
}

function valueOf(r: MemberRecord, key: MemberColumnKey): string | null {
  const map: Partial<Record<MemberColumnKey, unknown>> = {
    codiceFiscale: r.codiceFiscale,
    registeredOn: r.registeredOn,
    paid: r.paidCents === null ? null : (r.paidCents / 100).toFixed(2),
    exitOn: r.exitOn,
    exitKind: r.exitKind,
  };
  const v = map[key];
  return v === null || v === undefined ? null : String(v);
}

// One batch of co-op rows in one transaction: COPY into a temporary table, check against what exists (a co-op
// never moves to another territorial association; an Albo number belongs to one co-op; association staff only
// act within their subtree), classify, and — when committing — create new co-ops, update changed ones and
// adjust their sectoral affiliations.
import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '../../../core/db.ts';
import type { CooperativeColumnKey } from './columns.ts';
import type { AssociationDirectory, CooperativeRecord, RowError } from './rows.ts';
import { auditBatch, copyText, lockFor, stage, type StageColumn, type StageValue } from './staging.ts';
import type { BatchOutcome } from './members-batch.ts';

export interface CooperativeBatchOptions {
  provided: ReadonlySet<CooperativeColumnKey>;
  write: boolean;
  /** null = may act anywhere (platform admin, CLI); otherwise the organisations the actor may manage co-ops under. */
  allowed: ReadonlySet<string> | null;
  /** The actor's association_staff roots (for the scope test of existing co-ops). */
  roots: readonly string[];
  directory: AssociationDirectory;
  title: (key: CooperativeColumnKey) => string;
  audit: { actorAccountId: string | null; requestId: string | null; batch: number };
}

const STAGE: StageColumn[] = [
  { name: 'row_no', type: 'integer' },
  { name: 'new_id', type: 'uuid' },
  { name: 'name', type: 'text' },
  { name: 'codice_fiscale', type: 'text' },
  { name: 'partita_iva', type: 'text' },
  { name: 'albo_number', type: 'text' },
  { name: 'albo_date', type: 'date' },
  { name: 'albo_section', type: 'text' },
  { name: 'albo_category', type: 'text' },
  { name: 'legal_model', type: 'text' },
  { name: 'ateco_code', type: 'text' },
  { name: 'comune', type: 'text' },
  { name: 'province', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'pec', type: 'text' },
  { name: 'founded_on', type: 'date' },
  { name: 'status', type: 'text' },
  { name: 'social_type', type: 'text' },
  { name: 'territorial_id', type: 'uuid' },
  { name: 'sectoral_ids', type: 'uuid[]' },
];

/**
 * cooperatives columns, the file column that carries each, and the value a new co-op gets when the column is
 * absent or, for a new co-op, empty.
 */
const COOP_COLS: readonly { col: string; key: CooperativeColumnKey; fallback?: string; keepWhenEmpty?: boolean }[] = [
  // An empty partita IVA keeps the recorded one: a new co-op got its codice fiscale, as through the API.
  { col: 'partita_iva', key: 'partitaIva', fallback: 's.codice_fiscale', keepWhenEmpty: true },
  { col: 'albo_number', key: 'alboNumber' },
  { col: 'albo_date', key: 'alboDate' },
  { col: 'albo_section', key: 'alboSection' },
  { col: 'albo_category', key: 'alboCategory' },
  { col: 'legal_model', key: 'legalModel' },
  { col: 'ateco_code', key: 'atecoCode' },
  { col: 'comune', key: 'comune' },
  { col: 'province', key: 'province' },
  { col: 'region', key: 'region' },
  { col: 'pec', key: 'pec' },
  { col: 'founded_on', key: 'foundedOn' },
  { col: 'status', key: 'status', fallback: "'active'" },
  { col: 'social_type', key: 'socialType' },
];

function stageRow(r: CooperativeRecord): StageValue[] {
  return [
    r.row,
    randomUUID(),
    r.name,
    r.codiceFiscale,
    r.partitaIva,
    r.alboNumber,
    r.alboDate,
    r.alboSection,
    r.alboCategory,
    r.legalModel,
    r.atecoCode,
    r.comune,
    r.province,
    r.region,
    r.pec,
    r.foundedOn,
    r.status,
    r.socialType,
    r.territorialId,
    r.sectoralIds,
  ];
}

export function cooperativeSql(provided: ReadonlySet<CooperativeColumnKey>) {
  // The region follows the province when the file has only the province.
  const has = (k: CooperativeColumnKey) => provided.has(k) || (k === 'region' && provided.has('province'));
  const given = COOP_COLS.filter((c) => has(c.key));
  const value = (c: (typeof COOP_COLS)[number]) => (c.keepWhenEmpty ? `coalesce(s.${c.col}, c.${c.col})` : `s.${c.col}`);
  const changed = given.length ? `(${given.map((c) => `c.${c.col}`).join(', ')}) IS DISTINCT FROM (${given.map(value).join(', ')})` : 'FALSE';
  const check = `
    SELECT s.row_no, c.organisation_id AS existing_id, o.parent_id,
           (c.organisation_id IS NOT NULL AND (o.name IS DISTINCT FROM s.name OR ${changed})) AS changed,
           coalesce((SELECT array_agg(cs.sectoral_id::text ORDER BY cs.sectoral_id) FROM cooperative_sectors cs
                      WHERE cs.cooperative_id = c.organisation_id), '{}') AS sectors,
           (s.albo_number IS NOT NULL AND EXISTS (SELECT 1 FROM cooperatives x
              WHERE x.albo_number = s.albo_number AND x.codice_fiscale <> s.codice_fiscale)) AS albo_taken,
           (c.organisation_id IS NOT NULL AND (
              EXISTS (SELECT 1 FROM organisation_closure k WHERE k.ancestor_id = ANY($1::uuid[]) AND k.descendant_id = c.organisation_id)
              OR EXISTS (SELECT 1 FROM organisation_closure k JOIN cooperative_sectors cs ON cs.sectoral_id = k.descendant_id
                          WHERE k.ancestor_id = ANY($1::uuid[]) AND cs.cooperative_id = c.organisation_id))) AS in_scope
      FROM imp_c s
      LEFT JOIN cooperatives c ON c.codice_fiscale = s.codice_fiscale
      LEFT JOIN organisations o ON o.id = c.organisation_id`;

  const insertCols = COOP_COLS.filter((c) => has(c.key) || c.fallback);
  const insertOrgs = `
    INSERT INTO organisations (id, kind, name, parent_id)
    SELECT s.new_id, 'cooperative', s.name, s.territorial_id FROM imp_c s WHERE s.row_no = ANY($1::int[])`;
  const insertCoops = `
    INSERT INTO cooperatives (organisation_id, codice_fiscale, ${insertCols.map((c) => c.col).join(', ')})
    SELECT s.new_id, s.codice_fiscale, ${insertCols.map((c) => (has(c.key) ? (c.fallback ? `coalesce(s.${c.col}, ${c.fallback})` : `s.${c.col}`) : (c.fallback as string))).join(', ')}
      FROM imp_c s WHERE s.row_no = ANY($1::int[])`;
  const updateOrgs = `
    UPDATE organisations o SET name = s.name, updated_at = now()
      FROM imp_c s JOIN cooperatives c ON c.codice_fiscale = s.codice_fiscale
     WHERE s.row_no = ANY($1::int[]) AND o.id = c.organisation_id AND o.name IS DISTINCT FROM s.name`;
  const updateCoops = given.length
    ? `UPDATE cooperatives c SET ${given.map((x) => `${x.col} = ${value(x)}`).join(', ')}
         FROM imp_c s
        WHERE s.row_no = ANY($1::int[]) AND c.codice_fiscale = s.codice_fiscale AND ${changed}`
    : null;
  const sectors = provided.has('sectors')
    ? [
        `DELETE FROM cooperative_sectors cs USING imp_c s, cooperatives c
          WHERE s.row_no = ANY($1::int[]) AND c.codice_fiscale = s.codice_fiscale AND cs.cooperative_id = c.organisation_id
            AND NOT (cs.sectoral_id = ANY (s.sectoral_ids))`,
        `INSERT INTO cooperative_sectors (cooperative_id, sectoral_id)
         SELECT c.organisation_id, x.id FROM imp_c s JOIN cooperatives c ON c.codice_fiscale = s.codice_fiscale
              CROSS JOIN LATERAL unnest(s.sectoral_ids) AS x(id)
          WHERE s.row_no = ANY($1::int[])
         ON CONFLICT DO NOTHING`,
      ]
    : [];
  return { check, insertOrgs, insertCoops, updateOrgs, updateCoops, sectors };
}

interface CheckRow {
  row_no: number;
  existing_id: string | null;
  parent_id: string | null;
  changed: boolean;
  sectors: string[];
  albo_taken: boolean;
  in_scope: boolean;
}

export async function processCooperativeBatch(
  tx: SqlRunner,
  sqlText: ReturnType<typeof cooperativeSql>,
  records: readonly CooperativeRecord[],
  opts: CooperativeBatchOptions,
): Promise<BatchOutcome> {
  await lockFor(tx, 'cooperando:import:cooperatives');
  await stage(tx, 'imp_c', STAGE, copyText(records.map(stageRow)));
  const { rows } = await tx.query<CheckRow>(sqlText.check, [opts.roots]);
  const byRow = new Map(records.map((r) => [r.row, r]));
  const errors: RowError[] = [];
  const nameOf = (id: string) => opts.directory.get(id)?.name ?? id;
  const fresh: number[] = [];
  const touched: number[] = [];
  let unchanged = 0;

  for (const c of rows) {
    const rec = byRow.get(c.row_no) as CooperativeRecord;
    const rowErrors: RowError[] = [];
    const err = (key: CooperativeColumnKey, code: string, value: string | null) =>
      rowErrors.push({ row: c.row_no, column: opts.title(key), value, code });
    const inAllowed = (id: string) => opts.allowed === null || opts.allowed.has(id);
    let sectorsChanged = false;
    if (c.existing_id) {
      if (rec.territorialId && rec.territorialId !== c.parent_id) err('territorial', 'import.association.move', nameOf(rec.territorialId));
      else if (opts.allowed !== null && !c.in_scope) err('codiceFiscale', 'import.cooperative.out-of-scope', rec.codiceFiscale);
    } else if (!rec.territorialId) {
      err('territorial', 'import.association.required', null);
    } else if (!inAllowed(rec.territorialId)) {
      err('territorial', 'import.association.out-of-scope', nameOf(rec.territorialId));
    }
    if (rec.sectoralIds) {
      const before = new Set(c.existing_id ? c.sectors : []);
      const after = new Set(rec.sectoralIds);
      const diff = [...after].filter((s) => !before.has(s)).concat([...before].filter((s) => !after.has(s)));
      sectorsChanged = diff.length > 0;
      const outside = diff.find((s) => !inAllowed(s));
      if (outside) err('sectors', 'import.association.out-of-scope', nameOf(outside));
    }
    if (c.albo_taken) err('alboNumber', 'import.conflict.albo-number', rec.alboNumber);
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    if (!c.existing_id) fresh.push(c.row_no);
    else if (c.changed || sectorsChanged) touched.push(c.row_no);
    else unchanged++;
  }

  if (opts.write && fresh.length + touched.length > 0) {
    if (fresh.length) {
      await tx.query(sqlText.insertOrgs, [fresh]);
      await tx.query(sqlText.insertCoops, [fresh]);
    }
    if (touched.length) {
      await tx.query(sqlText.updateOrgs, [touched]);
      if (sqlText.updateCoops) await tx.query(sqlText.updateCoops, [touched]);
    }
    for (const q of sqlText.sectors) await tx.query(q, [[...fresh, ...touched]]);
    await auditBatch(tx, {
      actorAccountId: opts.audit.actorAccountId,
      action: 'registry.import.cooperatives',
      subjectType: 'organisation',
      subjectId: null,
      organisationId: null,
      requestId: opts.audit.requestId,
      details: { batch: opts.audit.batch, inserted: fresh.length, updated: touched.length, unchanged },
    });
  }
  return { errors, inserted: fresh.length, updated: touched.length, unchanged };
}

// Re-import of a member's bundle from another Cooperando instance: the profile fills the destination person's empty
// fields (never overwriting: differences are reported as conflicts), the memberships become external memberships
// (with the origin's membership credential, kept to be verified later), and the history is kept as read-only
// records. Bundles exported here after an import carry those tables too, and importing them keeps each record's
// original instance, so an imported history survives a second move. One transaction; the manifest's hash makes a
// repeated upload change nothing.
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, notFound } from '../../../core/errors.ts';
import type { Principal } from '../../../core/http.ts';
import { publishedSchema } from '../export/exporter.ts';
import { SECTION, validateBundle, type Bundle, type Item } from './bundle.ts';

export interface Actor {
  principal: Principal;
  requestId: string;
}

/** Sections this instance interprets, validated against its own schemas as well as the bundle's. */
const INTERPRETED = ['profile', 'memberships', 'membership-credentials', 'imports', 'external-memberships', 'imported-records'] as const;

/** Sections not re-aggregated, with why: they belong to the other instance's sign-in and services, or must be given anew. */
export const NOT_REAGGREGATED: Record<string, 'instance' | 'consent' | 'instance-log'> = {
  account: 'instance',
  sessions: 'instance',
  roles: 'instance',
  invitations: 'instance',
  'email-tokens': 'instance',
  'sign-in-failures': 'instance',
  passkeys: 'instance',
  'recovery-codes': 'instance',
  mail: 'instance',
  'connected-applications': 'instance',
  'wallet-offers': 'instance',
  'wallet-tokens': 'instance',
  jobs: 'instance',
  consents: 'consent',
  'audit-log': 'instance-log',
};

const PROFILE_FIELDS = ['kind', 'given_name', 'family_name', 'legal_name', 'codice_fiscale', 'birth_date', 'gender', 'email', 'phone', 'comune', 'province'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

const MEMBERSHIP_FIELDS = ['cooperative_name', 'cooperative_codice_fiscale', 'cooperative_albo_number', 'register_number', 'member_types', 'applied_on', 'admitted_on', 'registered_on', 'shares_count', 'share_nominal_cents', 'subscribed_cents', 'paid_cents', 'exit_kind', 'exit_on', 'exit_reason'] as const;

export interface Conflict {
  field: string;
  reason: 'different-value' | 'in-register';
  current: string | null;
  imported: string | null;
}

export interface ImportCounts {
  memberships: number;
  credentials: number;
  records: number;
  sections: Record<string, number>;
  skipped: { section: string; rows: number; reason: string }[];
}

export interface ExternalMembershipView {
  id: string;
  originUrl: string;
  cooperativeName: string | null;
  cooperativeCodiceFiscale: string | null;
  registerNumber: number | null;
  memberTypes: string[];
  admittedOn: string | null;
  exitOn: string | null;
  sharesCount: number | null;
  subscribedCents: number | null;
  paidCents: number | null;
  hasCredential: boolean;
}

export interface ImportView {
  id: string;
  sourceUrl: string;
  sourceSoftware: string;
  sourceVersion: string;
  sourceGeneratedAt: string;
  importedAt: string;
  manifestSha256: string;
  profileFilled: string[];
  conflicts: Conflict[];
  counts: ImportCounts;
  memberships: ExternalMembershipView[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Profile values compared as text (dates as YYYY-MM-DD). */
const text = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

type ImportRow = {
  id: string;
  source_url: string;
  source_software: string;
  source_version: string;
  source_generated_at: string | Date;
  imported_at: string | Date;
  manifest_sha256: string;
  profile_filled: string[];
  conflicts: Conflict[];
  counts: ImportCounts;
};
type ExternalRow = {
  id: string;
  import_id: string;
  origin_url: string;
  cooperative_name: string | null;
  cooperative_codice_fiscale: string | null;
  register_number: number | null;
  member_types: string[];
  admitted_on: string | Date | null;
  exit_on: string | Date | null;
  shares_count: number | null;
  subscribed_cents: number | string | null;
  paid_cents: number | string | null;
  has_credential: boolean;
};

async function views(db: Db, accountId: string, only?: string): Promise<ImportView[]> {
  const imports = await queryRows<ImportRow>(db, sql`
    SELECT id, source_url, source_software, source_version, source_generated_at, imported_at, manifest_sha256, profile_filled, conflicts, counts
      FROM privacy_imports WHERE account_id = ${accountId} AND (${only ?? null}::uuid IS NULL OR id = ${only ?? null}::uuid)
     ORDER BY imported_at DESC, id`);
  const ms = await queryRows<ExternalRow>(db, sql`
    SELECT id, import_id, origin_url, cooperative_name, cooperative_codice_fiscale, register_number, member_types, admitted_on, exit_on,
           shares_count, subscribed_cents, paid_cents, credential_sd_jwt IS NOT NULL AS has_credential
      FROM privacy_external_memberships WHERE account_id = ${accountId} ORDER BY admitted_on, id`);
  return imports.map((r) => ({
    id: r.id,
    sourceUrl: r.source_url,
    sourceSoftware: r.source_software,
    sourceVersion: r.source_version,
    sourceGeneratedAt: iso(r.source_generated_at),
    importedAt: iso(r.imported_at),
    manifestSha256: r.manifest_sha256,
    profileFilled: r.profile_filled,
    conflicts: r.conflicts,
    counts: r.counts,
    memberships: ms.filter((m) => m.import_id === r.id).map((m) => ({
      id: m.id,
      originUrl: m.origin_url,
      cooperativeName: m.cooperative_name,
      cooperativeCodiceFiscale: m.cooperative_codice_fiscale,
      registerNumber: m.register_number,
      memberTypes: m.member_types,
      admittedOn: day(m.admitted_on),
      exitOn: day(m.exit_on),
      sharesCount: m.shares_count,
      subscribedCents: m.subscribed_cents === null ? null : Number(m.subscribed_cents),
      paidCents: m.paid_cents === null ? null : Number(m.paid_cents),
      hasCredential: m.has_credential,
    })),
  }));
}

export async function listImports(db: Db, principal: Principal): Promise<{ items: ImportView[] }> {
  return { items: await views(db, principal.accountId) };
}

/** Removes an import with its external memberships and records. Profile fields it filled stay: they are the profile now. */
export async function deleteImport(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await queryRows<{ id: string; source_url: string }>(tx, sql`
      DELETE FROM privacy_imports WHERE id = ${id} AND account_id = ${actor.principal.accountId} RETURNING id, source_url`);
    // Someone else's import is as unknown as a missing one.
    if (!gone) throw new ProblemError(404, 'not-found', { detailKey: 'privacy.import.not-found', fields: [{ field: 'params/id', code: 'privacy.import.not-found' }] });
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'privacy.import.delete', subjectType: 'privacy_import', subjectId: id, requestId: actor.requestId, details: { sourceUrl: gone.source_url } });
  });
}

/** This instance's schemas of the sections it interprets (column types read from the database). */
async function ownSchemas(database: Database, publicUrl: string): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const s of INTERPRETED) {
    const schema = await publishedSchema(database, s, publicUrl);
    if (schema) out.set(s, schema);
  }
  return out;
}

export interface ImportResult {
  created: boolean;
  import: ImportView;
}

export async function importBundle(database: Database, actor: Actor, zip: Uint8Array, publicUrl: string): Promise<ImportResult> {
  const own = await ownSchemas(database, publicUrl);
  const bundle = validateBundle(zip, (s) => own.get(s) ?? null, publicUrl);
  const accountId = actor.principal.accountId;
  const id = await database.db.transaction(async (tx) => {
    const [existing] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM privacy_imports WHERE account_id = ${accountId} AND manifest_sha256 = ${bundle.manifestSha256}`);
    if (existing) return null;
    return writeImport(tx, actor, bundle);
  });
  if (id === null) {
    const [view] = await views(database.db, accountId, (await queryRows<{ id: string }>(database.db, sql`SELECT id FROM privacy_imports WHERE account_id = ${accountId} AND manifest_sha256 = ${bundle.manifestSha256}`))[0]?.id);
    if (!view) throw notFound();
    return { created: false, import: view };
  }
  const [view] = await views(database.db, accountId, id);
  if (!view) throw notFound();
  return { created: true, import: view };
}

const rowsOf = (b: Bundle, section: string): Item[] => b.sections.get(section)?.items ?? [];

async function fillProfile(tx: Db, accountId: string, bundle: Bundle): Promise<{ filled: string[]; conflicts: Conflict[] }> {
  const source = rowsOf(bundle, 'profile')[0];
  if (!source) return { filled: [], conflicts: [] };
  const [account] = await queryRows<{ person_id: string | null }>(tx, sql`SELECT person_id FROM accounts WHERE id = ${accountId} FOR UPDATE`);
  const incoming = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, text(source[f])])) as Record<ProfileField, string | null>;
  if (!account?.person_id) {
    // No record here yet: one is created from the copy, unless the register already has someone with this tax
    // code — linking an account to a register entry is the co-op's decision (an invitation), never an upload's.
    if (incoming.codice_fiscale) {
      const [taken] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM people WHERE codice_fiscale = ${incoming.codice_fiscale}`);
      if (taken) return { filled: [], conflicts: [{ field: 'codice_fiscale', reason: 'in-register', current: null, imported: incoming.codice_fiscale }] };
    }
    const [person] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO people (kind, given_name, family_name, legal_name, codice_fiscale, birth_date, gender, email, phone, comune, province)
      VALUES (${incoming.kind}, ${incoming.given_name}, ${incoming.family_name}, ${incoming.legal_name}, ${incoming.codice_fiscale}, ${incoming.birth_date}::date,
              ${incoming.gender}, ${incoming.email}, ${incoming.phone}, ${incoming.comune}, ${incoming.province}) RETURNING id`);
    if (!person) throw new Error('insert returned nothing');
    await tx.execute(sql`UPDATE accounts SET person_id = ${person.id} WHERE id = ${accountId}`);
    return { filled: PROFILE_FIELDS.filter((f) => incoming[f] !== null), conflicts: [] };
  }
  const [current] = await queryRows<Record<ProfileField, unknown>>(tx, sql`
    SELECT kind, given_name, family_name, legal_name, codice_fiscale, birth_date::text AS birth_date, gender, email, phone, comune, province
      FROM people WHERE id = ${account.person_id} FOR UPDATE`);
  if (!current) return { filled: [], conflicts: [] };
  // A copy about someone else (another tax code) is refused outright: it is not this member's data.
  if (incoming.codice_fiscale && current.codice_fiscale && incoming.codice_fiscale !== current.codice_fiscale) {
    throw new ProblemError(409, 'conflict', { detailKey: 'privacy.import.other-person', fields: [{ field: 'file/data/profile.json/items/0/codice_fiscale', code: 'privacy.import.other-person' }] });
  }
  const filled: ProfileField[] = [];
  const conflicts: Conflict[] = [];
  for (const f of PROFILE_FIELDS) {
    const have = text(current[f]);
    const got = incoming[f];
    if (got === null || have === got) continue;
    if (have === null) filled.push(f);
    else conflicts.push({ field: f, reason: 'different-value', current: have, imported: got });
  }
  if (filled.length > 0) {
    const set = sql.join(filled.map((f) => (f === 'birth_date' ? sql`birth_date = ${incoming[f]}::date` : sql`${sql.identifier(f)} = ${incoming[f]}`)), sql`, `);
    await tx.execute(sql`UPDATE people SET ${set}, updated_at = now() WHERE id = ${account.person_id}`);
  }
  return { filled, conflicts };
}

interface External {
  origin_url: string;
  origin_membership_id: string;
  fields: Record<(typeof MEMBERSHIP_FIELDS)[number], unknown>;
  credential: { id: string | null; sd_jwt: string | null; issued_at: string | null; expires_at: string | null; revoked_at: string | null };
}

/** The copy's own memberships (origin: the source instance) and the external ones it had imported (origin kept). */
function externalMemberships(bundle: Bundle): External[] {
  const source = bundle.manifest.instance.url;
  const credentials = rowsOf(bundle, 'membership-credentials');
  const latest = (membershipId: unknown): Item | undefined =>
    credentials
      .filter((c) => c.membership_id === membershipId && typeof c.sd_jwt === 'string')
      // The latest one not revoked, else the latest: what a verifier would be shown.
      .sort((a, b) => Number(a.revoked_at !== null) - Number(b.revoked_at !== null) || String(b.issued_at).localeCompare(String(a.issued_at)))[0];
  const pick = (m: Item) => Object.fromEntries(MEMBERSHIP_FIELDS.map((f) => [f, m[f] ?? null])) as External['fields'];
  const own = rowsOf(bundle, 'memberships').map((m): External => {
    const c = latest(m.id);
    return {
      origin_url: source,
      origin_membership_id: String(m.id),
      fields: pick(m),
      credential: { id: str(c?.id), sd_jwt: str(c?.sd_jwt), issued_at: str(c?.issued_at), expires_at: str(c?.expires_at), revoked_at: str(c?.revoked_at) },
    };
  });
  const carried = rowsOf(bundle, 'external-memberships').map((m): External => ({
    origin_url: String(m.origin_url),
    origin_membership_id: String(m.origin_membership_id),
    fields: pick(m),
    credential: { id: str(m.credential_id), sd_jwt: str(m.credential_sd_jwt), issued_at: str(m.credential_issued_at), expires_at: str(m.credential_expires_at), revoked_at: str(m.credential_revoked_at) },
  }));
  return [...own, ...carried];
}

interface RecordIn {
  origin_url: string;
  section: string;
  cooperative_name: string | null;
  data: unknown;
}

const OWN_SECTIONS = new Set(['profile', 'memberships', 'imports', 'external-memberships', 'imported-records']);

/** The history: every section not interpreted or set aside, row by row as exported; earlier imports' records keep their origin. */
function historyRecords(bundle: Bundle): { records: RecordIn[]; skipped: ImportCounts['skipped'] } {
  const source = bundle.manifest.instance.url;
  const records: RecordIn[] = [];
  const skipped: ImportCounts['skipped'] = [];
  for (const [section, { items }] of bundle.sections) {
    if (section === 'imported-records') {
      for (const [i, r] of items.entries()) {
        if (!SECTION.test(String(r.section))) throw new ProblemError(422, 'invalid-bundle', { detailKey: 'privacy.import.section-name', fields: [{ field: `file/data/imported-records.json/items/${i}/section`, code: 'privacy.import.section-name' }] });
        records.push({ origin_url: String(r.origin_url), section: String(r.section), cooperative_name: str(r.cooperative_name), data: r.data });
      }
      continue;
    }
    // The earlier imports' summaries travel too: where the history came from is part of it.
    if (OWN_SECTIONS.has(section) && section !== 'imports') continue;
    const reason = NOT_REAGGREGATED[section];
    if (reason) {
      if (items.length > 0) skipped.push({ section, rows: items.length, reason });
      continue;
    }
    for (const r of items) records.push({ origin_url: source, section, cooperative_name: str(r.cooperative_name), data: r });
  }
  return { records, skipped };
}

async function writeImport(tx: Db, actor: Actor, bundle: Bundle): Promise<string> {
  const accountId = actor.principal.accountId;
  const m = bundle.manifest;
  const profile = await fillProfile(tx, accountId, bundle);
  const externals = externalMemberships(bundle);
  const { records, skipped } = historyRecords(bundle);
  const sections: Record<string, number> = {};
  for (const r of records) sections[r.section] = (sections[r.section] ?? 0) + 1;
  const counts: ImportCounts = { memberships: externals.length, credentials: externals.filter((e) => e.credential.sd_jwt).length, records: records.length, sections, skipped };

  const [imp] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO privacy_imports (account_id, manifest_sha256, source_url, source_software, source_version, source_generated_at, source_account_id,
                                 source_person_ids, counts, profile_filled, conflicts)
    VALUES (${accountId}, ${bundle.manifestSha256}, ${m.instance.url}, ${m.instance.software}, ${m.instance.version}, ${m.generatedAt}::timestamptz,
            ${m.subject.accountId}::uuid, ${`{${m.subject.personIds.join(',')}}`}::uuid[], ${JSON.stringify(counts)}::jsonb,
            ${`{${profile.filled.join(',')}}`}::text[], ${JSON.stringify(profile.conflicts)}::jsonb)
    ON CONFLICT (account_id, manifest_sha256) DO NOTHING RETURNING id`);
  // A concurrent upload of the same bundle committed first: it is the import, this one changes nothing.
  if (!imp) throw new ProblemError(409, 'conflict', { detailKey: 'privacy.import.concurrent', fields: [{ field: 'file', code: 'privacy.import.concurrent' }] });

  // Set-based inserts from the JSON arrays: one statement per table whatever the history's length.
  if (externals.length > 0) {
    const payload = JSON.stringify(externals.map((e) => ({ ...e.fields, origin_url: e.origin_url, origin_membership_id: e.origin_membership_id, ...Object.fromEntries(Object.entries(e.credential).map(([k, v]) => [`credential_${k}`, v])) })));
    await tx.execute(sql`
      INSERT INTO privacy_external_memberships (import_id, account_id, origin_url, origin_membership_id, cooperative_name, cooperative_codice_fiscale,
        cooperative_albo_number, register_number, member_types, applied_on, admitted_on, registered_on, shares_count, share_nominal_cents,
        subscribed_cents, paid_cents, exit_kind, exit_on, exit_reason, credential_id, credential_sd_jwt, credential_issued_at, credential_expires_at,
        credential_revoked_at)
      SELECT ${imp.id}, ${accountId}, r.origin_url, r.origin_membership_id, r.cooperative_name, r.cooperative_codice_fiscale, r.cooperative_albo_number,
             r.register_number, COALESCE(r.member_types, '{}'), r.applied_on, r.admitted_on, r.registered_on, r.shares_count, r.share_nominal_cents,
             r.subscribed_cents, r.paid_cents, r.exit_kind, r.exit_on, r.exit_reason, r.credential_id, r.credential_sd_jwt, r.credential_issued_at,
             r.credential_expires_at, r.credential_revoked_at
        FROM jsonb_to_recordset(${payload}::jsonb) AS r(origin_url text, origin_membership_id uuid, cooperative_name text, cooperative_codice_fiscale text,
             cooperative_albo_number text, register_number integer, member_types text[], applied_on date, admitted_on date, registered_on date,
             shares_count integer, share_nominal_cents bigint, subscribed_cents bigint, paid_cents bigint, exit_kind text, exit_on date, exit_reason text,
             credential_id uuid, credential_sd_jwt text, credential_issued_at timestamptz, credential_expires_at timestamptz, credential_revoked_at timestamptz)
      ON CONFLICT (import_id, origin_url, origin_membership_id) DO NOTHING`);
  }
  if (records.length > 0) {
    await tx.execute(sql`
      INSERT INTO privacy_imported_records (import_id, account_id, origin_url, section, cooperative_name, data)
      SELECT ${imp.id}, ${accountId}, r->>'origin_url', r->>'section', r->>'cooperative_name', r->'data'
        FROM jsonb_array_elements(${JSON.stringify(records)}::jsonb) AS r`);
  }
  await audit(tx, {
    actorAccountId: accountId,
    action: 'privacy.import',
    subjectType: 'privacy_import',
    subjectId: imp.id,
    requestId: actor.requestId,
    details: { sourceUrl: m.instance.url, memberships: counts.memberships, credentials: counts.credentials, records: counts.records, profileFilled: profile.filled.length, conflicts: profile.conflicts.length },
  });
  return imp.id;
}

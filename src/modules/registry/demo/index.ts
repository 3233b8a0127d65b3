// `cooperando demo`: a synthetic federation shaped like Legacoop Emilia-Romagna (alliance → national → regional →
// territorial associations → co-ops, with sectoral associations beside the territorial ones), with a register of
// members, yearly figures, roll-up aggregates and four demo accounts. Deterministic for a given seed.
//
// The demo accounts have FIXED, PUBLISHED passwords (DEMO_PASSWORDS below): they exist to try the platform and
// must never be left on an instance that holds real data.
import type { Database } from '../../../core/db.ts';
import { audit } from '../../../core/audit.ts';
import { createAccount, grantRole, SYSTEM } from '../../identity/index.ts';
import {
  DEFAULT_AS_OF,
  DEFAULT_COOPS,
  DEFAULT_MEMBERS,
  DEFAULT_SEED,
  MAX_MEMBERS,
  generateFederation,
  type DemoProgress,
} from './generate.ts';

export { DEMO_TERRITORIES, DEMO_SECTORS, UPPER_ASSOCIATIONS, CATEGORY_PROFILES } from './catalogue.ts';
export type { TerritorySpec, AssociationSpec, SectorKey } from './catalogue.ts';
export { DEFAULT_AS_OF, DEFAULT_COOPS, DEFAULT_MEMBERS, DEFAULT_SEED, FIGURE_YEARS, MAX_MEMBERS } from './generate.ts';
export type { DemoProgress } from './generate.ts';

export interface DemoOptions {
  /** Number of co-ops (default 1,250). */
  coops?: number | undefined;
  /** Number of memberships in the registers, exits included (default 150,000; at most 3,000,000). */
  members?: number | undefined;
  /** Seed of the generator (default 2026): the same seed gives the same federation. */
  seed?: number | string | undefined;
  /** Registers run up to this ISO date (default 2026-06-30, or today if earlier). */
  asOf?: string | undefined;
  /** Memberships per COPY batch (default 25,000). */
  batchSize?: number | undefined;
  onProgress?: ((p: DemoProgress) => void) | undefined;
}

export type DemoRole = 'member' | 'coop_admin' | 'association_staff' | 'platform_admin';

export interface DemoAccount {
  role: DemoRole;
  email: string;
  /** A fixed demo password, documented in DEMO_PASSWORDS: not a secret. */
  password: string;
  description: string;
}

export interface DemoResult {
  seed: number | string;
  organisations: number;
  cooperatives: number;
  people: number;
  memberships: number;
  /** Memberships that have ended (recesso, esclusione, decesso, trasferimento). */
  exitedMemberships: number;
  accounts: DemoAccount[];
}

/** The demo accounts' e-mail addresses (reserved `.example` domain) and their fixed, public demo passwords. */
export const DEMO_EMAILS: Readonly<Record<DemoRole, string>> = {
  member: 'socio@demo.cooperando.example',
  coop_admin: 'cooperativa@demo.cooperando.example',
  association_staff: 'legacoop.bologna@demo.cooperando.example',
  platform_admin: 'admin@demo.cooperando.example',
};
export const DEMO_PASSWORDS: Readonly<Record<DemoRole, string>> = {
  member: 'demo-socio-2026',
  coop_admin: 'demo-cooperativa-2026',
  association_staff: 'demo-legacoop-2026',
  platform_admin: 'demo-admin-2026',
};

/** Thrown when the registry already holds data (run with a reset first). */
export class RegistryNotEmptyError extends Error {
  constructor() {
    super('the registry is not empty: the demo only fills an empty database (use --reset to wipe the registry and accounts first)');
    this.name = 'RegistryNotEmptyError';
  }
}

/** True when there are no organisations and no people. */
export async function isRegistryEmpty(database: Database): Promise<boolean> {
  const { rows } = await database.query<{ used: boolean }>(
    'SELECT (EXISTS (SELECT 1 FROM organisations) OR EXISTS (SELECT 1 FROM people)) AS used',
  );
  return !rows[0]?.used;
}

/** Registry and identity tables, emptied by `resetRegistry` (tables of other modules that reference them go too). */
export const RESET_TABLES: readonly string[] = [
  'coop_member_stats',
  'yearly_figures',
  'memberships',
  'cooperative_sectors',
  'cooperatives',
  'organisation_closure',
  'organisations',
  'people',
  'role_grants',
  'sessions',
  'invitations',
  'sign_in_attempts',
  'accounts',
];

/** Tables a reset keeps: migration bookkeeping, the audit log (the reset itself is audited) and the platform's keys. */
export const KEPT_ON_RESET: readonly string[] = ['schema_migrations', 'audit_log', 'platform_secrets', 'signing_keys'];

/**
 * Empties the registry and identity tables and every module table in one statement (TRUNCATE … CASCADE) and notes it
 * in the audit log. Module tables are read from the catalogue rather than listed here, because some deliberately have
 * no foreign key to people or accounts (a secret ballot's choices, the electoral roll frozen at the record date) and
 * CASCADE alone would leave them behind.
 */
export async function resetRegistry(database: Database): Promise<void> {
  const { rows } = await database.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = current_schema() AND NOT (tablename = ANY($1::text[])) ORDER BY tablename`,
    [[...KEPT_ON_RESET]],
  );
  const tables = [...new Set([...RESET_TABLES, ...rows.map((r) => r.name)])];
  await database.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
  await audit(database.db, { actorAccountId: null, action: 'demo.reset', subjectType: 'registry', details: { tables } });
}

/** What is wrong with these sizes (a sentence), or null when they are fine. */
export function demoOptionsProblem(opts: { coops: number; members: number }): string | null {
  const { coops, members } = opts;
  if (!Number.isInteger(coops) || coops < 1) return 'coops must be a positive whole number';
  if (!Number.isInteger(members) || members > MAX_MEMBERS) return `members must be a whole number up to ${MAX_MEMBERS.toLocaleString('en')}`;
  if (members < coops * 9) return `members must be at least 9 per co-op (art. 2522 c.c.): ${(coops * 9).toLocaleString('en')} for ${coops.toLocaleString('en')} co-ops`;
  return null;
}

/** Generates the demo federation into an empty registry; throws RegistryNotEmptyError otherwise. */
export async function generateDemo(database: Database, options: DemoOptions = {}): Promise<DemoResult> {
  const coops = options.coops ?? DEFAULT_COOPS;
  const members = options.members ?? DEFAULT_MEMBERS;
  const seed = options.seed ?? DEFAULT_SEED;
  const batchSize = options.batchSize ?? 25_000;
  const today = new Date().toISOString().slice(0, 10);
  const asOf = options.asOf ?? (DEFAULT_AS_OF < today ? DEFAULT_AS_OF : today);
  const problem = demoOptionsProblem({ coops, members });
  if (problem) throw new RangeError(problem);
  if (!Number.isInteger(batchSize) || batchSize < 100) throw new RangeError('batchSize must be an integer of at least 100');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || asOf > today || asOf < '2000-01-01') throw new RangeError('asOf must be an ISO date between 2000 and today');

  if (!(await isRegistryEmpty(database))) throw new RegistryNotEmptyError();
  const { rows: taken } = await database.query<{ email: string }>('SELECT email FROM accounts WHERE lower(email) = ANY($1::text[])', [
    Object.values(DEMO_EMAILS),
  ]);
  if (taken.length > 0) throw new Error(`demo accounts already exist (${taken.map((r) => r.email).join(', ')}): use --reset`);

  const fed = await generateFederation(database, { coops, members, seed, asOf, batchSize, onProgress: options.onProgress });

  options.onProgress?.({ phase: 'accounts', done: 0, total: 4 });
  const accounts = await createDemoAccounts(database, fed);
  await audit(database.db, {
    actorAccountId: null,
    action: 'demo.generate',
    subjectType: 'registry',
    details: { seed, coops, members, asOf, people: fed.people },
  });
  options.onProgress?.({ phase: 'done', done: 4, total: 4 });
  return {
    seed,
    organisations: fed.organisations,
    cooperatives: fed.cooperatives,
    people: fed.people,
    memberships: fed.memberships,
    exitedMemberships: fed.exited,
    accounts,
  };
}

async function createDemoAccounts(database: Database, fed: Awaited<ReturnType<typeof generateFederation>>): Promise<DemoAccount[]> {
  const db = database.db;
  const out: DemoAccount[] = [];

  // A member in two co-ops (the generator kept one aside; fall back to a query on small federations).
  let member = fed.memberCandidate;
  if (!member) {
    const { rows } = await database.query<{ id: string; name: string; coops: string[] }>(
      `SELECT p.id, p.given_name || ' ' || p.family_name AS name, array_agg(m.cooperative_id ORDER BY m.admitted_on) AS coops
         FROM people p JOIN memberships m ON m.person_id = p.id AND m.exit_on IS NULL
        WHERE p.kind = 'natural'
        GROUP BY p.id HAVING count(*) = 2
        ORDER BY p.codice_fiscale LIMIT 1`,
    );
    const r = rows[0];
    if (r) member = { personId: r.id, name: r.name, coopIds: [r.coops[0] as string, r.coops[1] as string] };
  }
  if (member) {
    await database.query('UPDATE people SET email = $1, updated_at = now() WHERE id = $2', [DEMO_EMAILS.member, member.personId]);
    const { rows: coopNames } = await database.query<{ name: string }>('SELECT name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name', [
      member.coopIds,
    ]);
    await createAccount(db, { email: DEMO_EMAILS.member, displayName: member.name, password: DEMO_PASSWORDS.member, personId: member.personId }, SYSTEM);
    out.push({
      role: 'member',
      email: DEMO_EMAILS.member,
      password: DEMO_PASSWORDS.member,
      description: `${member.name}, member of ${coopNames.map((c) => c.name).join(' and ')}`,
    });
  }

  // The administrator of a co-op with a few hundred members, linked to one of its members when possible.
  if (fed.adminCoop) {
    const coop = fed.adminCoop;
    const { rows } = await database.query<{ id: string; name: string }>(
      `SELECT p.id, p.given_name || ' ' || p.family_name AS name
         FROM memberships m JOIN people p ON p.id = m.person_id
        WHERE m.cooperative_id = $1 AND m.exit_on IS NULL AND p.kind = 'natural' AND p.id <> $2
          AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id)
        ORDER BY m.register_number LIMIT 1`,
      [coop.id, member?.personId ?? '00000000-0000-0000-0000-000000000000'],
    );
    const person = rows[0];
    const account = await createAccount(
      db,
      {
        email: DEMO_EMAILS.coop_admin,
        displayName: person ? person.name : `Amministrazione ${coop.name}`,
        password: DEMO_PASSWORDS.coop_admin,
        personId: person?.id ?? null,
      },
      SYSTEM,
    );
    await grantRole(db, account.id, 'coop_admin', coop.id, SYSTEM);
    out.push({
      role: 'coop_admin',
      email: DEMO_EMAILS.coop_admin,
      password: DEMO_PASSWORDS.coop_admin,
      description: `administrator of ${coop.name} (${coop.openMembers} members)`,
    });
  }

  const bologna = fed.territoryIds.bologna as string;
  const staff = await createAccount(
    db,
    { email: DEMO_EMAILS.association_staff, displayName: 'Ufficio dati Legacoop Bologna', password: DEMO_PASSWORDS.association_staff },
    SYSTEM,
  );
  await grantRole(db, staff.id, 'association_staff', bologna, SYSTEM);
  out.push({
    role: 'association_staff',
    email: DEMO_EMAILS.association_staff,
    password: DEMO_PASSWORDS.association_staff,
    description: 'staff of Legacoop Bologna (territorial association)',
  });

  const admin = await createAccount(
    db,
    { email: DEMO_EMAILS.platform_admin, displayName: 'Amministrazione piattaforma (demo)', password: DEMO_PASSWORDS.platform_admin },
    SYSTEM,
  );
  await grantRole(db, admin.id, 'platform_admin', null, SYSTEM);
  out.push({
    role: 'platform_admin',
    email: DEMO_EMAILS.platform_admin,
    password: DEMO_PASSWORDS.platform_admin,
    description: 'platform administrator',
  });
  return out;
}

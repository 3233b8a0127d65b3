// Shared set-up for the identity tests: a small federation (two territorial associations, a sectoral one, three
// co-ops, people with memberships) and accounts with roles, written straight to the database.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/core/db.ts';
import { createAccount } from '../../src/modules/identity/index.ts';
import type { TestPlatform } from '../support/platform.ts';

export const PASSWORD = 'correct horse battery';

export interface Federation {
  national: string;
  northAssoc: string;
  southAssoc: string;
  sectoral: string;
  coopNorth: string;
  coopNorth2: string;
  coopSouth: string;
  /** Member of coopNorth. */
  personNorth: string;
  /** Member of coopSouth. */
  personSouth: string;
  /** Member of coopNorth, used for account links. */
  personNorthB: string;
}

let cfCounter = 0;
const nextCf = (): string => String(10_000_000_000 + Math.floor(Math.random() * 80_000_000_000) + cfCounter++).slice(0, 11);

async function org(database: Database, kind: string, name: string, parentId: string | null): Promise<string> {
  const { rows } = await database.query<{ id: string }>('INSERT INTO organisations (kind, name, parent_id) VALUES ($1, $2, $3) RETURNING id', [
    kind,
    name,
    parentId,
  ]);
  return rows[0]!.id;
}

export async function coop(database: Database, name: string, parentId: string): Promise<string> {
  const id = await org(database, 'cooperative', name, parentId);
  await database.query('INSERT INTO cooperatives (organisation_id, codice_fiscale) VALUES ($1, $2)', [id, nextCf()]);
  return id;
}

export async function person(database: Database, given: string, family: string): Promise<string> {
  const { rows } = await database.query<{ id: string }>(
    "INSERT INTO people (kind, given_name, family_name) VALUES ('natural', $1, $2) RETURNING id",
    [given, family],
  );
  return rows[0]!.id;
}

let registerNumber = 0;
export async function membership(database: Database, personId: string, coopId: string): Promise<void> {
  await database.query(
    `INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on)
     VALUES ($1, $2, $3, ARRAY['lavoratore'], '2020-01-01', '2020-01-01')`,
    [coopId, personId, ++registerNumber],
  );
}

export async function seedFederation(database: Database): Promise<Federation> {
  const national = await org(database, 'national', 'Lega Nazionale', null);
  const northAssoc = await org(database, 'territorial', 'Lega Nord', national);
  const southAssoc = await org(database, 'territorial', 'Lega Sud', national);
  const sectoral = await org(database, 'sectoral', 'Lega Servizi', national);
  const coopNorth = await coop(database, 'Coop Nord', northAssoc);
  const coopNorth2 = await coop(database, 'Coop Nord Due', northAssoc);
  const coopSouth = await coop(database, 'Coop Sud', southAssoc);
  await database.query('INSERT INTO cooperative_sectors (cooperative_id, sectoral_id) VALUES ($1, $2)', [coopSouth, sectoral]);
  const personNorth = await person(database, 'Anna', 'Rossi');
  const personNorthB = await person(database, 'Bruno', 'Bianchi');
  const personSouth = await person(database, 'Carla', 'Verdi');
  await membership(database, personNorth, coopNorth);
  await membership(database, personNorthB, coopNorth);
  await membership(database, personSouth, coopSouth);
  return { national, northAssoc, southAssoc, sectoral, coopNorth, coopNorth2, coopSouth, personNorth, personSouth, personNorthB };
}

export const uniqueEmail = (prefix = 'user'): string => `${prefix}-${randomBytes(4).toString('hex')}@example.org`;

/** Creates an account with the given grants and returns its e-mail and id. */
export async function account(
  platform: TestPlatform,
  grants: { role: 'coop_admin' | 'association_staff' | 'platform_admin'; organisationId: string | null }[] = [],
  opts: { email?: string; personId?: string; locale?: 'it' | 'en' } = {},
): Promise<{ email: string; id: string }> {
  const email = opts.email ?? uniqueEmail();
  const a = await createAccount(platform.database.db, {
    email,
    displayName: 'Test User',
    password: PASSWORD,
    grants,
    personId: opts.personId ?? null,
    locale: opts.locale,
  });
  return { email, id: a.id };
}

/** Per-test client address, so IP throttling in one test does not leak into another. */
let ipCounter = 0;
export const freshIp = (): string => `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

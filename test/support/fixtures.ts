// A small federation for API and browser tests: the tree, three co-ops (one shared by two sectoral associations),
// people and memberships, and one account per role. Written with plain SQL so it depends on no service.
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/core/db.ts';
import { queryRows } from '../../src/core/db.ts';
import { hashPassword } from '../../src/modules/identity/password.ts';
import { refreshMemberStats } from '../../src/modules/registry/stats.ts';
import { computeCompanyCheckDigit, computePersonFiscalCode } from '../../src/modules/registry/domain/index.ts';

export const PASSWORD = 'password-di-prova-2026';

export interface SmallFederation {
  alliance: string;
  national: string;
  regional: string;
  bologna: string;
  romagna: string;
  sociali: string;
  produzione: string;
  /** Co-ops: c1 in Bologna (sociali), c2 in Romagna (sociali + produzione), c3 in Bologna (produzione). */
  c1: string;
  c2: string;
  c3: string;
  people: { mario: string; giulia: string; luca: string; anna: string; coopSpa: string };
  memberships: { marioC1: string; marioC2: string; giuliaC1: string; lucaC1Exited: string; annaC3: string; coopSpaC2: string };
  accounts: Record<'admin' | 'staffBologna' | 'staffSociali' | 'adminC1' | 'adminC3' | 'member' | 'outsider', { id: string; email: string; password: string }>;
}

export const companyCode = (n: number): string => {
  const first10 = String(n).padStart(10, '0');
  return first10 + computeCompanyCheckDigit(first10);
};

async function one<T>(db: Database['db'], q: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(db, q);
  if (!row) throw new Error('fixture insert returned nothing');
  return row;
}

export async function seedSmallFederation(database: Database): Promise<SmallFederation> {
  const db = database.db;
  const org = async (kind: string, name: string, parent: string | null) =>
    (await one<{ id: string }>(db, sql`INSERT INTO organisations (kind, name, parent_id) VALUES (${kind}, ${name}, ${parent}) RETURNING id`)).id;
  const alliance = await org('alliance', 'Alleanza delle Cooperative Italiane', null);
  const national = await org('national', 'Legacoop Nazionale', alliance);
  const regional = await org('regional', 'Legacoop Emilia-Romagna', national);
  const bologna = await org('territorial', 'Legacoop Bologna', regional);
  const romagna = await org('territorial', 'Legacoop Romagna', regional);
  const sociali = await org('sectoral', 'Legacoop Sociali Emilia-Romagna', regional);
  const produzione = await org('sectoral', 'Legacoop Produzione e Servizi', regional);

  const coop = async (name: string, parent: string, n: number, province: string, comune: string, category: string, sectors: string[]) => {
    const id = await org('cooperative', name, parent);
    await db.execute(sql`INSERT INTO cooperatives (organisation_id, codice_fiscale, partita_iva, albo_number, albo_date, albo_section,
        albo_category, legal_model, ateco_code, comune, province, region, pec, founded_on, status)
      VALUES (${id}, ${companyCode(n)}, ${companyCode(n)}, ${'A' + String(100000 + n)}, '2005-03-01', 'mutualita_prevalente',
        ${category}, 'srl', '88.10.00', ${comune}, ${province}, 'Emilia-Romagna', ${`coop${n}@pec.it`}, '2004-11-15', 'active')`);
    for (const s of sectors) await db.execute(sql`INSERT INTO cooperative_sectors (cooperative_id, sectoral_id) VALUES (${id}, ${s})`);
    return id;
  };
  const c1 = await coop('Cooperativa Sociale Il Mosaico', bologna, 1001, 'BO', 'Bologna', 'sociali', [sociali]);
  const c2 = await coop('Cooperativa Romagnola Servizi', romagna, 1002, 'RA', 'Ravenna', 'produzione_e_lavoro', [sociali, produzione]);
  const c3 = await coop('Costruttori Bolognesi Soc. Coop.', bologna, 1003, 'BO', 'Imola', 'produzione_e_lavoro', [produzione]);

  const person = async (given: string, family: string, birth: string, gender: 'F' | 'M', belfiore: string) => {
    const cf = computePersonFiscalCode({ familyName: family, givenName: given, birthDate: birth, gender, belfiore });
    return (
      await one<{ id: string }>(db, sql`INSERT INTO people (kind, given_name, family_name, codice_fiscale, birth_date, gender, email, comune, province)
        VALUES ('natural', ${given}, ${family}, ${cf}, ${birth}, ${gender}, ${`${given.toLowerCase()}.${family.toLowerCase()}@example.it`}, 'Bologna', 'BO') RETURNING id`)
    ).id;
  };
  const mario = await person('Mario', 'Rossi', '1980-05-17', 'M', 'A944');
  const giulia = await person('Giulia', 'Bianchi', '1991-11-02', 'F', 'H199');
  const luca = await person('Luca', 'Verdi', '1975-01-30', 'M', 'F257');
  const anna = await person('Anna', 'Neri', '1988-07-09', 'F', 'A944');
  const coopSpa = (
    await one<{ id: string }>(db, sql`INSERT INTO people (kind, legal_name, codice_fiscale) VALUES ('legal', 'Consorzio Esempio Soc. Coop.', ${companyCode(2001)}) RETURNING id`)
  ).id;

  const membership = async (coopId: string, personId: string, n: number, types: string[], admitted: string, exit?: { kind: string; on: string; reason: string }) =>
    (
      await one<{ id: string }>(db, sql`INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on,
          shares_count, share_nominal_cents, subscribed_cents, paid_cents, exit_kind, exit_on, exit_reason)
        VALUES (${coopId}, ${personId}, ${n}, ${`{${types.join(",")}}`}::text[], ${admitted}, ${admitted}, 4, 2500, 10000, 7500,
          ${exit?.kind ?? null}, ${exit?.on ?? null}, ${exit?.reason ?? null}) RETURNING id`)
    ).id;
  const memberships = {
    marioC1: await membership(c1, mario, 1, ['lavoratore'], '2015-02-01'),
    marioC2: await membership(c2, mario, 1, ['utente'], '2019-06-10'),
    giuliaC1: await membership(c1, giulia, 2, ['lavoratore', 'sovventore'], '2018-09-01'),
    lucaC1Exited: await membership(c1, luca, 3, ['lavoratore'], '2010-01-15', { kind: 'recesso', on: '2022-12-31', reason: 'Pensionamento' }),
    annaC3: await membership(c3, anna, 1, ['lavoratore'], '2020-03-01'),
    coopSpaC2: await membership(c2, coopSpa, 2, ['sovventore'], '2021-01-01'),
  };
  await refreshMemberStats(database, [c1, c2, c3]);

  const hash = await hashPassword(PASSWORD);
  const account = async (email: string, name: string, personId: string | null, grants: [string, string | null][]) => {
    const { id } = await one<{ id: string }>(db, sql`INSERT INTO accounts (email, password_hash, display_name, person_id) VALUES (${email}, ${hash}, ${name}, ${personId}) RETURNING id`);
    for (const [role, orgId] of grants) await db.execute(sql`INSERT INTO role_grants (account_id, role, organisation_id) VALUES (${id}, ${role}, ${orgId})`);
    return { id, email, password: PASSWORD };
  };
  const accounts = {
    admin: await account('admin@example.it', 'Amministrazione piattaforma', null, [['platform_admin', null]]),
    staffBologna: await account('staff.bologna@example.it', 'Staff Legacoop Bologna', null, [['association_staff', bologna]]),
    staffSociali: await account('staff.sociali@example.it', 'Staff Legacoop Sociali', null, [['association_staff', sociali]]),
    adminC1: await account('admin.mosaico@example.it', 'Giulia Bianchi', giulia, [['coop_admin', c1]]),
    adminC3: await account('admin.costruttori@example.it', 'Amministrazione Costruttori', null, [['coop_admin', c3]]),
    member: await account('mario.rossi@example.it', 'Mario Rossi', mario, []),
    outsider: await account('esterno@example.it', 'Persona esterna', null, []),
  };
  return { alliance, national, regional, bologna, romagna, sociali, produzione, c1, c2, c3, people: { mario, giulia, luca, anna, coopSpa }, memberships, accounts };
}

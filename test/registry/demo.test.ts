// The demo federation generator on a small federation (40 co-ops, 3,000 memberships), on PGlite or PostgreSQL:
// valid tax codes, a consistent tree and register, roll-ups without double counting, yearly figures that match the
// register, demo accounts with their grants, determinism and the empty-registry guard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import {
  DEMO_EMAILS,
  DEMO_PASSWORDS,
  DEMO_SECTORS,
  DEMO_TERRITORIES,
  RegistryNotEmptyError,
  generateDemo,
  isRegistryEmpty,
  resetRegistry,
  KEPT_ON_RESET,
  type DemoProgress,
  type DemoResult,
} from '../../src/modules/registry/demo/index.ts';
import {
  MEMBER_TYPES,
  familyNamePart,
  givenNamePart,
  normalizeOmocode,
  validateCompanyFiscalCode,
  validatePersonFiscalCode,
} from '../../src/modules/registry/domain/index.ts';
import { registry, CURRENT_YEAR_KEY } from '../../src/modules/registry/index.ts';
import { findAccountByEmail, getAccountView, verifyPassword } from '../../src/modules/identity/index.ts';

const COOPS = 40;
const MEMBERS = 3_000;
const SEED = 42;

let t: TestDatabase;
let result: DemoResult;
const progress: DemoProgress[] = [];

const rows = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> => (await t.database.query<R>(sql, params)).rows;
const one = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R> => {
  const [r] = await rows<R>(sql, params);
  assert.ok(r, `no row for ${sql}`);
  return r;
};

/** A digest of everything the generator decides (ids included), to compare two runs. */
async function fingerprint(): Promise<string> {
  const r = await one<{ h: string }>(`
    SELECT md5(
      (SELECT string_agg(concat_ws('|', id, kind, name, short_name, parent_id), ';' ORDER BY id) FROM organisations) ||
      (SELECT string_agg(concat_ws('|', organisation_id, codice_fiscale, albo_number, albo_date, albo_category, albo_section, legal_model,
                                   ateco_code, comune, province, pec, founded_on, status, social_type), ';' ORDER BY organisation_id) FROM cooperatives) ||
      (SELECT string_agg(concat_ws('|', cooperative_id, sectoral_id), ';' ORDER BY cooperative_id, sectoral_id) FROM cooperative_sectors) ||
      (SELECT string_agg(concat_ws('|', id, kind, given_name, family_name, legal_name, codice_fiscale, birth_date, gender, email, phone, comune),
                         ';' ORDER BY id) FROM people) ||
      (SELECT string_agg(concat_ws('|', id, cooperative_id, person_id, register_number, member_types::text, applied_on, admitted_on, registered_on,
                                   shares_count, share_nominal_cents, subscribed_cents, paid_cents, exit_kind, exit_on, exit_reason),
                         ';' ORDER BY id) FROM memberships) ||
      (SELECT string_agg(concat_ws('|', cooperative_id, year, members_by_type::text, employees_women, employees_men, production_value_cents,
                                   share_capital_subscribed_cents, share_capital_paid_cents), ';' ORDER BY cooperative_id, year) FROM yearly_figures)
    ) AS h`);
  return r.h;
}

before(async () => {
  t = await freshDatabase();
  result = await generateDemo(t.database, { coops: COOPS, members: MEMBERS, seed: SEED, onProgress: (p) => progress.push(p) });
});
after(() => t?.close());

test('generates the requested numbers and reports progress', async () => {
  assert.equal(result.cooperatives, COOPS);
  assert.equal(result.memberships, MEMBERS);
  const counts = await one<{ coops: number; memberships: number; people: number; orgs: number }>(
    `SELECT (SELECT count(*)::int FROM cooperatives) AS coops, (SELECT count(*)::int FROM memberships) AS memberships,
            (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM organisations) AS orgs`,
  );
  assert.deepEqual(counts, { coops: COOPS, memberships: MEMBERS, people: result.people, orgs: result.organisations });
  // alliance, national, regional, 4 territorial, 6 sectoral + the co-ops
  assert.equal(result.organisations, 3 + DEMO_TERRITORIES.length + DEMO_SECTORS.length + COOPS);
  assert.ok(result.people < MEMBERS, 'some people are members of more than one co-op');
  const members = progress.filter((p) => p.phase === 'members');
  assert.ok(members.length >= 2);
  assert.equal(members.at(-1)?.done, MEMBERS);
  assert.equal(progress.at(-1)?.phase, 'done');
  assert.equal(await isRegistryEmpty(t.database), false);
});

test('every co-op and every person has a valid, unique fiscal code matching their data', async () => {
  const coops = await rows<{ codice_fiscale: string; partita_iva: string; albo_number: string }>('SELECT codice_fiscale, partita_iva, albo_number FROM cooperatives');
  for (const c of coops) {
    assert.ok(validateCompanyFiscalCode(c.codice_fiscale).ok, `co-op code ${c.codice_fiscale}`);
    assert.equal(c.partita_iva, c.codice_fiscale);
    assert.match(c.albo_number, /^A\d{6}$/);
  }
  assert.equal(new Set(coops.map((c) => c.albo_number)).size, coops.length);

  const people = await rows<{ kind: string; codice_fiscale: string; given_name: string; family_name: string; birth_date: string; gender: string }>(
    `SELECT kind, codice_fiscale, given_name, family_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender FROM people`,
  );
  let legal = 0;
  let omocodes = 0;
  for (const p of people) {
    if (p.kind === 'legal') {
      legal++;
      assert.ok(validateCompanyFiscalCode(p.codice_fiscale).ok, `legal person code ${p.codice_fiscale}`);
      continue;
    }
    const v = validatePersonFiscalCode(p.codice_fiscale);
    assert.ok(v.ok, `person code ${p.codice_fiscale}`);
    assert.equal(v.birthDate, p.birth_date, `birth date in ${p.codice_fiscale}`);
    assert.equal(v.gender, p.gender, `gender in ${p.codice_fiscale}`);
    const base = normalizeOmocode(p.codice_fiscale) ?? '';
    assert.equal(base.slice(0, 6), familyNamePart(p.family_name) + givenNamePart(p.given_name), `name letters in ${p.codice_fiscale}`);
    if (v.omocode) omocodes++;
  }
  assert.ok(legal > 0, 'some members are legal persons');
  assert.equal(new Set(people.map((p) => p.codice_fiscale)).size, people.length);
  assert.ok(omocodes <= people.length * 0.01);
});

test('registers: numbers 1..n per co-op in admission order, dates, shares and exits are consistent', async () => {
  const perCoop = await rows<{ n: number; distinct_numbers: number; max_number: number; out_of_order: number; before_founding: number }>(`
    SELECT count(*)::int AS n, count(DISTINCT register_number)::int AS distinct_numbers, max(register_number) AS max_number,
           count(*) FILTER (WHERE m.admitted_on < prev_admitted)::int AS out_of_order,
           count(*) FILTER (WHERE m.admitted_on < c.founded_on)::int AS before_founding
      FROM (SELECT *, lag(admitted_on) OVER (PARTITION BY cooperative_id ORDER BY register_number) AS prev_admitted FROM memberships) m
      JOIN cooperatives c ON c.organisation_id = m.cooperative_id
     GROUP BY m.cooperative_id`);
  assert.equal(perCoop.length, COOPS);
  for (const c of perCoop) {
    assert.equal(c.distinct_numbers, c.n);
    assert.equal(c.max_number, c.n);
    assert.equal(c.out_of_order, 0);
    assert.equal(c.before_founding, 0);
    assert.ok(c.n >= 9, 'at least 9 members a co-op (art. 2522 c.c.)');
  }
  const checks = await one<{ bad_shares: number; exited: number; bad_exit: number; minors: number; heavy_tail: number; small: number }>(`
    SELECT count(*) FILTER (WHERE share_nominal_cents < 2500 OR paid_cents > subscribed_cents OR subscribed_cents <> shares_count * share_nominal_cents)::int AS bad_shares,
           count(*) FILTER (WHERE exit_on IS NOT NULL)::int AS exited,
           count(*) FILTER (WHERE (exit_on IS NULL) <> (exit_kind IS NULL) OR (exit_on IS NOT NULL AND exit_reason IS NULL) OR exit_on > current_date)::int AS bad_exit,
           (SELECT count(*)::int FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.birth_date > m.admitted_on - interval '18 years') AS minors,
           (SELECT max(n)::int FROM (SELECT count(*) AS n FROM memberships GROUP BY cooperative_id) x) AS heavy_tail,
           (SELECT count(*)::int FROM (SELECT count(*) AS n FROM memberships GROUP BY cooperative_id) x WHERE n <= 200) AS small
      FROM memberships`);
  assert.equal(checks.bad_shares, 0);
  assert.equal(checks.bad_exit, 0);
  assert.equal(checks.minors, 0);
  assert.ok(checks.exited > MEMBERS * 0.07 && checks.exited < MEMBERS * 0.3, `exited ${checks.exited}`);
  assert.ok(checks.heavy_tail >= MEMBERS * 0.2, 'a consumer co-op holds a large share of the members');
  assert.ok(checks.small >= COOPS * 0.7, 'most co-ops are small');
  const shared = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT person_id FROM memberships m JOIN people p ON p.id = m.person_id AND p.kind = 'natural' GROUP BY 1 HAVING count(*) >= 2) x`,
  );
  assert.ok(shared.n > 0, 'some people are members of two or three co-ops');
  const typeFit = await rows<{ albo_category: string; types: string[] }>(
    `SELECT c.albo_category, array_agg(DISTINCT t ORDER BY t) AS types FROM memberships m JOIN cooperatives c ON c.organisation_id = m.cooperative_id, unnest(m.member_types) t GROUP BY 1`,
  );
  const known = new Set<string>(MEMBER_TYPES.map((m) => m.code));
  for (const r of typeFit) {
    for (const ty of r.types) assert.ok(known.has(ty), ty);
    if (r.albo_category !== 'sociali') assert.ok(!r.types.includes('volontario'), `volunteers in ${r.albo_category}`);
    if (r.albo_category === 'consumo') assert.deepEqual(r.types.filter((x) => x !== 'sovventore'), ['utente']);
    if (r.albo_category === 'conferimento_prodotti_agricoli') assert.ok(r.types.includes('conferente'));
  }
  const legalWorkers = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.kind = 'legal' AND m.member_types && '{lavoratore,volontario}'`,
  );
  assert.equal(legalWorkers.n, 0, 'a legal person is never a worker or volunteer member');
  const afterDeath = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM memberships d JOIN memberships o ON o.person_id = d.person_id AND o.id <> d.id
      WHERE d.exit_kind = 'decesso' AND (o.exit_on IS NULL OR o.exit_on > d.exit_on OR o.admitted_on > d.exit_on)`,
  );
  assert.equal(afterDeath.n, 0, 'nobody stays or becomes a member after their death');
  const natural3 = await one<{ n: number }>(
    `SELECT coalesce(max(n), 0)::int AS n FROM (SELECT count(*) AS n FROM memberships m JOIN people p ON p.id = m.person_id AND p.kind = 'natural' GROUP BY m.person_id) x`,
  );
  assert.ok(natural3.n <= 3, 'a person is a member of at most three co-ops');
});

test('each co-op has exactly one territorial parent covering its province, and 1-2 sectoral affiliations', async () => {
  const coops = await rows<{ province: string; region: string; parent_kind: string; parent_name: string; sectors: number; ancestors: string[] }>(`
    SELECT c.province, c.region, p.kind AS parent_kind, p.name AS parent_name,
           (SELECT count(*)::int FROM cooperative_sectors s JOIN organisations so ON so.id = s.sectoral_id AND so.kind = 'sectoral'
             WHERE s.cooperative_id = c.organisation_id) AS sectors,
           (SELECT array_agg(a.kind ORDER BY cl.depth) FROM organisation_closure cl JOIN organisations a ON a.id = cl.ancestor_id
             WHERE cl.descendant_id = c.organisation_id) AS ancestors
      FROM cooperatives c JOIN organisations o ON o.id = c.organisation_id JOIN organisations p ON p.id = o.parent_id`);
  assert.equal(coops.length, COOPS);
  const provincesOf = new Map(DEMO_TERRITORIES.map((x) => [x.name, x.provinces as readonly string[]]));
  for (const c of coops) {
    assert.equal(c.parent_kind, 'territorial');
    assert.ok(provincesOf.get(c.parent_name)?.includes(c.province), `${c.province} under ${c.parent_name}`);
    assert.equal(c.region, 'Emilia-Romagna');
    assert.ok(c.sectors >= 1 && c.sectors <= 2, `${c.sectors} sectoral affiliations`);
    assert.deepEqual(c.ancestors, ['cooperative', 'territorial', 'regional', 'national', 'alliance']);
  }
  const sectoral = await rows<{ parent: string }>(`SELECT p.name AS parent FROM organisations o JOIN organisations p ON p.id = o.parent_id WHERE o.kind = 'sectoral'`);
  assert.equal(sectoral.length, DEMO_SECTORS.length);
  for (const s of sectoral) assert.equal(s.parent, 'Legacoop Emilia-Romagna');
});

test('roll-ups count every open membership once, through territorial and sectoral paths alike', async () => {
  const open = await one<{ n: number }>('SELECT count(*)::int AS n FROM memberships WHERE exit_on IS NULL');
  const regional = await one<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'regional'`);
  const viaStats = await one<{ n: number }>(
    `SELECT coalesce(sum(s.members), 0)::int AS n FROM coop_member_stats s
      WHERE s.year = $1 AND s.member_type = '*' AND s.cooperative_id IN (
        SELECT c.descendant_id FROM organisation_closure c JOIN organisations o ON o.id = c.descendant_id AND o.kind = 'cooperative' WHERE c.ancestor_id = $2
        UNION
        SELECT cs.cooperative_id FROM organisation_closure c JOIN cooperative_sectors cs ON cs.sectoral_id = c.descendant_id WHERE c.ancestor_id = $2)`,
    [CURRENT_YEAR_KEY, regional.id],
  );
  assert.equal(viaStats.n, open.n);
  const rollup = await registry.computeRollup(t.database.db, regional.id, null);
  assert.equal(rollup.members.total, open.n);
  assert.equal(rollup.cooperatives, (await one<{ n: number }>(`SELECT count(*)::int AS n FROM cooperatives WHERE status <> 'struck_off'`)).n);
  // the territorial associations partition the co-ops: their totals add up to the regional one
  let territorial = 0;
  for (const o of await rows<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'territorial'`)) {
    territorial += (await registry.computeRollup(t.database.db, o.id, null)).members.total;
  }
  assert.equal(territorial, open.n);
  // the members of the year-end 2025 roll-up equal the register's count at 31 December 2025
  const end2025 = await one<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE admitted_on <= '2025-12-31' AND (exit_on IS NULL OR exit_on > '2025-12-31')`);
  assert.equal((await registry.computeRollup(t.database.db, regional.id, 2025)).members.total, end2025.n);
});

test('yearly figures 2020-2025: members by type match the register at each year end', async () => {
  const figures = await rows<{ cooperative_id: string; year: number; members_by_type: Record<string, number>; employees_women: number; employees_men: number; production_value_cents: string; share_capital_subscribed_cents: string; share_capital_paid_cents: string }>(
    'SELECT cooperative_id, year, members_by_type, employees_women, employees_men, production_value_cents, share_capital_subscribed_cents, share_capital_paid_cents FROM yearly_figures',
  );
  assert.ok(figures.length > COOPS * 4);
  assert.deepEqual([...new Set(figures.map((f) => f.year))].sort(), [2020, 2021, 2022, 2023, 2024, 2025]);
  const register = await rows<{ cooperative_id: string; year: number; member_type: string; n: number }>(`
    SELECT m.cooperative_id, y AS year, t AS member_type, count(*)::int AS n
      FROM memberships m, generate_series(2020, 2025) y, unnest(m.member_types) t
     WHERE m.admitted_on <= make_date(y, 12, 31) AND (m.exit_on IS NULL OR m.exit_on > make_date(y, 12, 31))
     GROUP BY 1, 2, 3`);
  const expected = new Map<string, Record<string, number>>();
  for (const r of register) {
    const key = `${r.cooperative_id}/${r.year}`;
    const entry = expected.get(key) ?? {};
    entry[r.member_type] = r.n;
    expected.set(key, entry);
  }
  const capital = await rows<{ cooperative_id: string; sub: string; paid: string }>(`
    SELECT cooperative_id, sum(subscribed_cents)::text AS sub, sum(paid_cents)::text AS paid FROM memberships
     WHERE admitted_on <= '2025-12-31' AND (exit_on IS NULL OR exit_on > '2025-12-31') GROUP BY 1`);
  const capitalOf = new Map(capital.map((c) => [c.cooperative_id, c]));
  for (const f of figures) {
    assert.deepEqual(f.members_by_type, expected.get(`${f.cooperative_id}/${f.year}`) ?? {}, `members by type of ${f.cooperative_id} in ${f.year}`);
    assert.ok(f.employees_women >= 0 && f.employees_men >= 0);
    assert.ok(Number(f.production_value_cents) >= 0);
    if (f.year === 2025) {
      const c = capitalOf.get(f.cooperative_id);
      assert.equal(String(f.share_capital_subscribed_cents), c?.sub ?? '0');
      assert.equal(String(f.share_capital_paid_cents), c?.paid ?? '0');
    }
  }
  // and they match the aggregates the registry keeps (coop_member_stats, summed over genders)
  const stats = await rows<{ cooperative_id: string; member_type: string; n: number }>(
    `SELECT cooperative_id, member_type, sum(members)::int AS n FROM coop_member_stats WHERE year = 2025 AND member_type <> '*' GROUP BY 1, 2`,
  );
  for (const s of stats) {
    const fig = figures.find((f) => f.cooperative_id === s.cooperative_id && f.year === 2025);
    assert.equal(fig?.members_by_type[s.member_type], s.n);
  }
});

test('demo accounts exist with their grants and passwords', async () => {
  assert.deepEqual(result.accounts.map((a) => a.role), ['member', 'coop_admin', 'association_staff', 'platform_admin']);
  for (const a of result.accounts) {
    assert.equal(a.email, DEMO_EMAILS[a.role]);
    assert.equal(a.password, DEMO_PASSWORDS[a.role]);
    const row = await findAccountByEmail(t.database.db, a.email);
    assert.ok(row, a.email);
    assert.ok(row.passwordHash && (await verifyPassword(row.passwordHash, a.password)), `password of ${a.email}`);
    const view = await getAccountView(t.database.db, row.id);
    switch (a.role) {
      case 'member': {
        assert.deepEqual(view.grants, []);
        assert.ok(view.personId);
        const m = await rows<{ cooperative_id: string }>('SELECT cooperative_id FROM memberships WHERE person_id = $1 AND exit_on IS NULL', [view.personId]);
        assert.equal(m.length, 2, 'the demo member is in two co-ops');
        break;
      }
      case 'coop_admin': {
        assert.equal(view.grants.length, 1);
        assert.equal(view.grants[0]?.role, 'coop_admin');
        assert.equal(view.grants[0]?.organisationKind, 'cooperative');
        break;
      }
      case 'association_staff':
        assert.deepEqual(
          view.grants.map((g) => [g.role, g.organisationName, g.organisationKind]),
          [['association_staff', 'Legacoop Bologna', 'territorial']],
        );
        break;
      case 'platform_admin':
        assert.deepEqual(
          view.grants.map((g) => [g.role, g.organisationId]),
          [['platform_admin', null]],
        );
        break;
    }
  }
});

test('refuses a non-empty registry; the same seed after a reset gives the same federation, another seed another', async () => {
  await assert.rejects(generateDemo(t.database, { coops: COOPS, members: MEMBERS, seed: SEED }), RegistryNotEmptyError);
  const first = await fingerprint();
  await resetRegistry(t.database);
  assert.equal(await isRegistryEmpty(t.database), true);
  assert.equal((await one<{ n: number }>('SELECT count(*)::int AS n FROM accounts')).n, 0);
  // Every module's tables are emptied, including those with no foreign key to people or accounts.
  const { rows: tables } = await t.database.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND NOT (tablename = ANY($1::text[]))`,
    [[...KEPT_ON_RESET]],
  );
  assert.ok(tables.some((r) => r.name === 'assembly_roll'));
  for (const { name } of tables) assert.equal((await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`)).n, 0, name);
  const again = await generateDemo(t.database, { coops: COOPS, members: MEMBERS, seed: SEED });
  assert.equal(await fingerprint(), first);
  assert.deepEqual(again.accounts, result.accounts);
  await resetRegistry(t.database);
  await generateDemo(t.database, { coops: COOPS, members: MEMBERS, seed: SEED + 1 });
  assert.notEqual(await fingerprint(), first);
});

test('rejects impossible sizes', async () => {
  await assert.rejects(generateDemo(t.database, { coops: 10, members: 50 }), RangeError);
  await assert.rejects(generateDemo(t.database, { coops: 10, members: 3_000_001 }), RangeError);
});

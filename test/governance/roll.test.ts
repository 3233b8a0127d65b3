// The roll computed set-based in SQL agrees with the rule in plain code (domain/eligibility.ts) on random registers:
// admissions around the 90-day line, exits before and after the record date, re-admissions, legal persons, financing
// members, unpaid shares.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { queryRows } from '../../src/core/db.ts';
import { rollEntry } from '../../src/modules/governance/domain/eligibility.ts';
import { DEFAULT_STATUTE } from '../../src/modules/governance/domain/statute.ts';
import { romeDate, addDays } from '../../src/modules/governance/domain/calendar.ts';
import { api, inDays } from './helpers.ts';

let p: TestPlatform;
let f: SmallFederation;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
});
after(() => p.close());

const membership = fc.record({
  legal: fc.boolean(),
  types: fc.constantFrom(['lavoratore'], ['sovventore'], ['utente', 'finanziatore']),
  admittedDaysBefore: fc.integer({ min: -10, max: 200 }),
  registeredLag: fc.integer({ min: 0, max: 5 }),
  exitDaysBefore: fc.option(fc.integer({ min: -10, max: 200 }), { nil: null }),
  paid: fc.boolean(),
  readmitted: fc.boolean(),
});

test('property: SQL roll = plain-code rule, member by member', async () => {
  const db = p.database.db;
  const admin = await p.signIn(f.accounts.admin.email, PASSWORD);
  const a = api(p);
  let round = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(membership, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), async (ms, legalVotes, excludeUnpaid) => {
      round++;
      // A fresh co-op per run, under the Bologna association.
      const [coop] = await queryRows<{ id: string }>(db, sql`INSERT INTO organisations (kind, name, parent_id) VALUES ('cooperative', ${`Coop roll ${round}`}, ${f.bologna}) RETURNING id`);
      const coopId = (coop as { id: string }).id;
      await db.execute(sql`INSERT INTO cooperatives (organisation_id, codice_fiscale) VALUES (${coopId}, ${String(90_000_000_000 + round * 7)})`);
      const statute = { ...DEFAULT_STATUTE, legalPersonVotes: legalVotes, excludeUnpaidMembers: excludeUnpaid };
      assert.equal((await a.put(`/api/v1/cooperatives/${coopId}/governance/statute`, admin, { params: statute })).status, 200);
      const firstCallAt = inDays(16);
      const assemblyDate = romeDate(new Date(firstCallAt));
      const day = (before: number) => addDays(assemblyDate, -before);
      const expected = new Map<string, ReturnType<typeof rollEntry>>();
      let reg = 0;
      for (const m of ms) {
        const [person] = await queryRows<{ id: string }>(db, m.legal
          ? sql`INSERT INTO people (kind, legal_name) VALUES ('legal', 'Ente') RETURNING id`
          : sql`INSERT INTO people (kind, given_name, family_name) VALUES ('natural', 'N', 'N') RETURNING id`);
        const personId = (person as { id: string }).id;
        const admitted = day(m.admittedDaysBefore);
        const registered = day(m.admittedDaysBefore - m.registeredLag);
        const exit = m.exitDaysBefore !== null && m.exitDaysBefore <= m.admittedDaysBefore ? day(m.exitDaysBefore) : null;
        const facts = { personKind: m.legal ? 'legal' as const : 'natural' as const, memberTypes: m.types, admittedOn: admitted, registeredOn: registered, exitOn: exit, subscribedCents: 5000, paidCents: m.paid ? 5000 : 0 };
        await db.execute(sql`INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, exit_kind, exit_on, subscribed_cents, paid_cents)
          VALUES (${coopId}, ${personId}, ${++reg}, ${`{${m.types.join(',')}}`}::text[], ${admitted}, ${registered}, ${exit ? 'recesso' : null}, ${exit}, 5000, ${facts.paidCents})`);
        let entry = rollEntry(facts, assemblyDate, assemblyDate, statute);
        if (m.readmitted && exit) {
          // Re-admitted after the exit: a second, later membership; the latest admission on the record date counts.
          const again = addDays(exit, 1);
          const facts2 = { ...facts, admittedOn: again, registeredOn: again, exitOn: null };
          await db.execute(sql`INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, subscribed_cents, paid_cents)
            VALUES (${coopId}, ${personId}, ${++reg}, ${`{${m.types.join(',')}}`}::text[], ${again}, ${again}, 5000, ${facts.paidCents})`);
          entry = rollEntry(facts2, assemblyDate, assemblyDate, statute) ?? entry;
        }
        expected.set(personId, entry);
      }
      const created = await a.post(`/api/v1/cooperatives/${coopId}/assemblies`, admin, { kind: 'ordinary', title: 'Roll', mode: 'in_person', firstCallAt, items: [{ kind: 'information', title: 'x' }] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await a.post(`/api/v1/assemblies/${created.body.id}/convene`, admin)).status, 200);
      const roll = await queryRows<{ personId: string; weight: number; financing: boolean; eligible: boolean; reason: string | null; days: number }>(db, sql`
        SELECT person_id AS "personId", weight, financing, eligible, reason, days_in_register AS days FROM assembly_roll WHERE assembly_id = ${created.body.id}`);
      const got = new Map(roll.map((r) => [r.personId, r]));
      for (const [personId, e] of expected) {
        const r = got.get(personId);
        if (!e) {
          assert.equal(r, undefined, 'not a member on the record date');
          continue;
        }
        assert.ok(r, 'on the roll');
        assert.deepEqual({ weight: r.weight, financing: r.financing, eligible: r.eligible, reason: r.reason, days: r.days }, { weight: e.weight, financing: e.financing, eligible: e.eligible, reason: e.reason, days: e.daysInRegister });
      }
      assert.equal(got.size, [...expected.values()].filter(Boolean).length);
    }),
    { numRuns: 25 },
  );
});

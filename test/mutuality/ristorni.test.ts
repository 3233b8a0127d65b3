// The ristorni year-end through the API: statement lines, weights, a draft, compute (ceiling, L. 142/2001 cap,
// exact allocation), the member's statement (JSON and PDF), approval by the assembly, payment into share capital.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, pdfText, work, type Ctx } from './helpers.ts';

let c: Ctx;
before(async () => {
  c = await setup();
});
after(() => c.close());

test('a worker co-op’s year: ceiling, 30% cap, exact allocation, statement, approval, payment', async () => {
  const { f } = c;
  // c1 has Mario (worker since 2015) and Giulia (worker since 2018); Luca left in 2022.
  for (let month = 1; month <= 12; month++) {
    const day = `2025-${String(month).padStart(2, '0')}-28`;
    assert.equal((await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/exchanges`, work(f.memberships.marioC1, day, 160, 200_000))).statusCode, 201);
    assert.equal((await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/exchanges`, work(f.memberships.giuliaC1, day, 80, 100_000))).statusCode, 201);
  }
  // Wages: Mario 24,000.00, Giulia 12,000.00. B9: members 36,000.00, others 12,000.00 (75%).
  const lines = await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${f.c1}/financial-statements/2025`, { lines: [{ line: 'B9', membersCents: 3_600_000, othersCents: 1_200_000 }] });
  assert.equal(lines.statusCode, 200, lines.body);
  const created = await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/ristorni`, {
    year: 2025,
    surplusCents: 2_000_000,
    kinds: [{ kind: 'work' }],
    forms: { cashBps: 5_000, capitalBps: 5_000, instrumentsBps: 0 },
    withholding: true,
  });
  assert.equal(created.statusCode, 201, created.body);
  const run = created.json();
  assert.equal(run.status, 'draft');
  // Payment before approval is refused, and writes nothing.
  assertProblem(await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/payment`, { paidOn: '2026-05-10' }), 409);

  // Giulia leaves at the end of the year: a former member gets no new shares.
  assert.equal((await c.req('adminC1', 'POST', `/api/v1/memberships/${f.memberships.giuliaC1}/exit`, { exitKind: 'recesso', exitOn: '2025-12-31' })).statusCode, 200);
  const computed = await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/compute`);
  assert.equal(computed.statusCode, 200, computed.body);
  const fig = computed.json().figures;
  // Attributable: 20,000.00 × 36,000 ÷ 48,000 = 15,000.00; cap 30% of wages = 7,200 + 3,600 = 10,800.00 → ceiling 10,800.00.
  assert.equal(fig.kinds[0].attributableCents, 1_500_000);
  assert.equal(fig.kinds[0].capsCents, 1_080_000);
  assert.equal(fig.ceiling.ceilingCents, 1_080_000);
  assert.equal(fig.allocatedCents, 1_080_000);
  // Net profit 20,000 − 10,800 = 9,200 → legal reserve 2,760, mutual funds 276, indivisible reserve 6,164.
  assert.deepEqual([fig.profit.netProfitCents, fig.profit.legalReserveCents, fig.profit.mutualFundsCents, fig.profit.reserveCents], [920_000, 276_000, 27_600, 616_400]);
  assert.match(fig.kinds[0].explanation.it, /L\. 142\/2001/);

  const mine = await c.req('member', 'GET', `/api/v1/me/ristorni`);
  assert.equal(mine.statusCode, 200);
  assert.equal(mine.json().items.length, 1);
  const st = await c.req('member', 'GET', `/api/v1/me/ristorni/${run.id}`);
  assert.equal(st.statusCode, 200, st.body);
  const s = st.json();
  // Both members are at their cap: Mario 30% of 24,000.00 = 7,200.00.
  assert.equal(s.totals.amountCents, 720_000);
  assert.equal(s.lines[0].capped, true);
  // Half to capital in €25 shares: 144 shares = 3,600.00; cash 3,600.00; withholding 12.5% of 3,600 = 450.00.
  assert.deepEqual([s.totals.capitalShares, s.totals.capitalCents, s.totals.cashCents, s.totals.withholdingCents, s.totals.netCashCents], [144, 360_000, 360_000, 45_000, 315_000]);
  assert.ok(s.explanation.some((p: { it: string }) => /2545-sexies/.test(p.it)));
  assert.ok(s.explanation.some((p: { en: string }) => /awaiting the assembly/.test(p.en)));

  const giulia = (await c.req('adminC1', 'GET', `/api/v1/me/ristorni/${run.id}`)).json();
  // 30% of 12,000.00 = 3,600.00, all in cash although half was meant for capital; no withholding without capital.
  assert.deepEqual([giulia.totals.amountCents, giulia.totals.cashCents, giulia.totals.capitalCents, giulia.totals.withholdingCents], [360_000, 360_000, 0, 0]);
  assert.ok(giulia.explanation.some((p: { en: string }) => /no longer a member/.test(p.en)));
  const pdf = await c.req('member', 'GET', `/api/v1/me/ristorni/${run.id}/pdf?lang=en`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  // The PDF states the figures with the rate the rule set applied, in the language asked for.
  assert.equal(s.totals.withholdingBps, 1_250);
  const text = pdfText((await c.req('member', 'GET', `/api/v1/me/ristorni/${run.id}/pdf?lang=it`)).rawPayload);
  assert.match(text, /Estratto dei ristorni 2025/);
  assert.match(text, /Ritenuta \(12,5% sulla parte a capitale\)/);
  assert.match(text, /450,00/);
  assert.match(text, /7\.200,00/);

  // The year is closed to new entries now.
  assertProblem(await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/exchanges`, work(f.memberships.marioC1, '2025-12-30', 1, 100)), 409, 'body/occurredOn');

  assertProblem(await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/approval`, { assemblyDate: '2025-12-20', assemblyKind: 'ordinaria', votesFor: 2, votesAgainst: 0, votesAbstained: 0, resolutionText: 'x' }), 400, 'body/assemblyDate');
  assertProblem(await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/approval`, { assemblyDate: '2026-04-28', assemblyKind: 'ordinaria', votesFor: 1, votesAgainst: 1, votesAbstained: 0, resolutionText: 'x' }), 400, 'body/votesFor');
  const approved = await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/approval`, {
    assemblyDate: '2026-04-28', assemblyKind: 'ordinaria', votesFor: 2, votesAgainst: 0, votesAbstained: 0, resolutionText: 'Approvato il bilancio 2025 e i ristorni.',
  });
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().approval.governanceResolutionId, null);
  assertProblem(await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/reopen`), 409);

  const paid = await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/payment`, { paidOn: '2026-05-10' });
  assert.equal(paid.statusCode, 200, paid.body);
  assert.equal(paid.json().status, 'paid');
  const capital = await c.req('member', 'GET', `/api/v1/memberships/${f.memberships.marioC1}/share-capital`);
  assert.equal(capital.statusCode, 200, capital.body);
  const ristorno = capital.json().movements.find((m: { kind: string }) => m.kind === 'ristorno');
  assert.deepEqual([ristorno.sharesDelta, ristorno.subscribedDeltaCents, ristorno.paidDeltaCents], [144, 360_000, 360_000]);
  assertProblem(await c.req('adminC1', 'POST', `/api/v1/ristorni/${run.id}/payment`, { paidOn: '2026-05-10' }), 409);
});

test('two kinds with graded weights: pools per activity, exact sums, reopen and recompute, the inputs’ errors', async () => {
  const { f } = c;
  const url = `/api/v1/cooperatives/${f.c3}/exchanges`;
  // c3: Anna (worker). Add two more members who deliver produce.
  const admit = async (given: string, n: number) =>
    (await c.req('adminC3', 'POST', `/api/v1/cooperatives/${f.c3}/members`, { person: { kind: 'natural', givenName: given, familyName: 'Conferente' }, memberTypes: ['conferente'], admittedOn: '2020-01-01', registerNumber: n })).json().id as string;
  const paolo = await admit('Paolo', 10);
  const rita = await admit('Rita', 11);
  assert.equal((await c.req('adminC3', 'POST', url, work(f.memberships.annaC3, '2025-03-31', 500, 1_000_000))).statusCode, 201);
  for (const [m, q, g, v] of [[paolo, 1000, 'A', 70_000], [rita, 1000, 'C', 40_000], [rita, 500, 'B', 27_500]] as const) {
    const r = await c.req('adminC3', 'POST', url, { membershipId: m, kind: 'delivery', occurredOn: '2025-09-15', quantity: q, unit: 'kg', valueCents: v, grade: g });
    assert.equal(r.statusCode, 201, r.body);
  }
  await c.req('adminC3', 'PUT', `/api/v1/cooperatives/${f.c3}/quality-weights/2025`, { items: [{ kind: 'delivery', grade: 'A', weightBps: 12_000 }, { kind: 'delivery', grade: 'C', weightBps: 8_000 }] });
  const draft = (await c.req('adminC3', 'POST', `/api/v1/cooperatives/${f.c3}/ristorni`, { year: 2025, surplusCents: 100_000, kinds: [{ kind: 'work' }, { kind: 'delivery', basis: 'quantity' }] })).json();
  // No statement lines yet: computing is refused and writes nothing.
  assertProblem(await c.req('adminC3', 'POST', `/api/v1/ristorni/${draft.id}/compute`), 409);
  await c.req('adminC3', 'PUT', `/api/v1/cooperatives/${f.c3}/financial-statements/2025`, {
    lines: [{ line: 'B9', membersCents: 1_000_000, othersCents: 0 }, { line: 'B6', membersCents: 137_500, othersCents: 62_500 }],
  });
  // Work: 1,000.00 × 10,000 ÷ 12,000 = 833.33 (cap 30% × 10,000 = 3,000); deliveries: 1,000 × 1,375 ÷ 12,000 = 114.58.
  assertProblem(await c.req('adminC3', 'PATCH', `/api/v1/ristorni/${draft.id}`, { poolCents: 200_000 }), 400, 'body/poolCents');
  await c.req('adminC3', 'PATCH', `/api/v1/ristorni/${draft.id}`, { poolCents: 95_000 });
  assertProblem(await c.req('adminC3', 'POST', `/api/v1/ristorni/${draft.id}/compute`), 400, 'inputs/poolCents');
  assert.equal(await c.count('SELECT 1 FROM ristorni_allocations WHERE run_id = $1', [draft.id]), 0);
  await c.req('adminC3', 'PATCH', `/api/v1/ristorni/${draft.id}`, { poolCents: null, dividendsCents: 5_000_000 });
  assertProblem(await c.req('adminC3', 'POST', `/api/v1/ristorni/${draft.id}/compute`), 400, 'inputs/dividendsCents');
  await c.req('adminC3', 'PATCH', `/api/v1/ristorni/${draft.id}`, { dividendsCents: 0 });
  const run = (await c.req('adminC3', 'POST', `/api/v1/ristorni/${draft.id}/compute`)).json();
  assert.equal(run.status, 'computed');
  assert.deepEqual(run.figures.kinds.map((k: { kind: string; ceilingCents: number; poolCents: number; allocatedCents: number }) => [k.kind, k.ceilingCents, k.poolCents, k.allocatedCents]), [
    ['work', 83_333, 83_333, 83_333],
    ['delivery', 11_458, 11_458, 11_458],
  ]);
  // Deliveries by weighted kg: Paolo 1,000 × 1.2 = 1,200; Rita 1,000 × 0.8 + 500 × 1.0 = 1,300 → 11,458 × 12 ÷ 25 = 5,499.84
  // → 5,499 (+1 for the larger remainder .84 vs .16) = 5,500; Rita 5,958.
  const { rows } = await c.p.database.query<{ membership_id: string; amount_cents: number }>(`SELECT membership_id, amount_cents FROM ristorni_allocations WHERE run_id = $1 AND kind = 'delivery'`, [run.id]);
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r.membership_id, Number(r.amount_cents)])), { [paolo]: 5_500, [rita]: 5_958 });
  const list = (await c.req('adminC3', 'GET', `/api/v1/ristorni/${run.id}/allocations`)).json();
  assert.equal(list.total, 3);
  assert.equal(list.items.reduce((s: number, i: { amountCents: number }) => s + i.amountCents, 0), 94_791);
  const st = (await c.req('adminC3', 'GET', `/api/v1/ristorni/${run.id}/statements/${rita}`)).json();
  assert.deepEqual(st.lines[0].grades.map((g: { grade: string; weightBps: number }) => [g.grade, g.weightBps]), [['B', 10_000], ['C', 8_000]]);
  assert.match(st.lines[0].formula.it, /Pesi di qualità/);
  // Reopen: back to draft, allocations gone; compute again gives the same figures.
  const reopened = (await c.req('adminC3', 'POST', `/api/v1/ristorni/${run.id}/reopen`)).json();
  assert.equal(reopened.status, 'draft');
  assert.equal(await c.count('SELECT 1 FROM ristorni_allocations WHERE run_id = $1', [run.id]), 0);
  assertProblem(await c.req('adminC3', 'GET', `/api/v1/ristorni/${run.id}/statements/${rita}`), 409);
  const again = (await c.req('adminC3', 'POST', `/api/v1/ristorni/${run.id}/compute`)).json();
  assert.deepEqual(again.figures.kinds, run.figures.kinds);
  assertProblem(await c.req('adminC3', 'DELETE', `/api/v1/ristorni/${run.id}`), 409);
});

test('streaming in small chunks gives the same allocation as one chunk (cursor and COPY overlap)', async () => {
  const { f, p } = c;
  // 250 more consumer members in c2, each with a purchase of (n × 7 mod 1000) + 1 euro.
  await p.database.query(`
    WITH people_ AS (
      INSERT INTO people (kind, given_name, family_name) SELECT 'natural', 'Nome' || g, 'Cliente' || lpad(g::text, 4, '0') FROM generate_series(1, 250) g RETURNING id, family_name)
    INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on)
    SELECT $1, id, 100 + right(family_name, 4)::int, '{utente}', '2020-01-01', '2020-01-01' FROM people_`, [f.c2]);
  await p.database.query(`
    INSERT INTO exchange_entries (cooperative_id, membership_id, kind, occurred_on, value_cents)
    SELECT $1, id, 'purchase', '2024-06-01', ((register_number * 7) % 1000 + 1) * 100 FROM memberships WHERE cooperative_id = $1 AND register_number >= 100`, [f.c2]);
  await c.req('admin', 'PUT', `/api/v1/cooperatives/${f.c2}/financial-statements/2024`, { lines: [{ line: 'A1', membersCents: 20_000_000, othersCents: 5_000_000 }] });
  const run = (await c.req('admin', 'POST', `/api/v1/cooperatives/${f.c2}/ristorni`, { year: 2024, surplusCents: 1_234_567, kinds: [{ kind: 'purchase' }], forms: { cashBps: 3_000, capitalBps: 6_000, instrumentsBps: 1_000 }, withholding: true })).json();
  const { computeRun } = await import('../../src/modules/mutuality/index.ts');
  const admin = { principal: { accountId: f.accounts.admin.id, personId: null, email: '', displayName: '', locale: 'it' as const, grants: [{ role: 'platform_admin' as const, organisationId: null }], sessionIdHash: '', csrfToken: '' }, requestId: 'test' };
  const small = await computeRun(p.database, admin, run.id, { chunkSize: 100 });
  const rows = async () => (await p.database.query<{ membership_id: string; amount_cents: number; cash_cents: number; capital_cents: number; withholding_cents: number }>(
    'SELECT membership_id, amount_cents, cash_cents, capital_cents, withholding_cents FROM ristorni_allocations WHERE run_id = $1 ORDER BY membership_id', [run.id])).rows.map((r) => JSON.stringify(r));
  const first = await rows();
  assert.equal(first.length, 250);
  const sum = (await p.database.query<{ s: number }>('SELECT sum(amount_cents)::float8 AS s FROM ristorni_allocations WHERE run_id = $1', [run.id])).rows[0]?.s;
  assert.equal(sum, small.figures?.poolCents);
  assert.equal((await c.req('admin', 'POST', `/api/v1/ristorni/${run.id}/reopen`)).statusCode, 200);
  const whole = await computeRun(p.database, admin, run.id);
  assert.deepEqual(await rows(), first);
  assert.deepEqual(whole.figures?.forms, small.figures?.forms);
});

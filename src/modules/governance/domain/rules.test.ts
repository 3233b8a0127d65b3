// The legal rules as named constants: statute validation (tighten only), calls and notice periods, the roll entry,
// delegates' weights, choices, polls and the BLT reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_STATUTE, LEGAL_QUORUMS, validateStatute, isAtLeastAsStrict, withDefaults } from './statute.ts';
import { checkCalls, romeDate, daysBetween } from './calendar.ts';
import { rollEntry, explainRollEntry, type MembershipFacts } from './eligibility.ts';
import { delegateWeights } from './delegates.ts';
import { encodeChoice } from './ballot.ts';
import { pollResult, checkResponse } from './polls.ts';
import { parseBlt } from './ballot-file.ts';
import { tally } from './tally/index.ts';

test('statute: the defaults are the Codice civile and are valid; looser values are refused field by field', () => {
  assert.deepEqual(validateStatute(DEFAULT_STATUTE), []);
  const bad = validateStatute({ ...DEFAULT_STATUTE, minDaysInRegister: 89, legalPersonVotes: 6, maxProxiesPerHolder: 11, noticeDays: 14, financingCap: { num: 1, den: 2 } });
  assert.deepEqual(bad.map((b) => b.field).sort(), ['financingCap', 'legalPersonVotes', 'maxProxiesPerHolder', 'minDaysInRegister', 'noticeDays']);
  const looser = withDefaults({ quorums: { ...LEGAL_QUORUMS, ordinary: { ...LEGAL_QUORUMS.ordinary, first: { ...LEGAL_QUORUMS.ordinary.first, constitutive: { num: 1, den: 3, strict: false, base: 'entitled' } } } } });
  assert.equal(validateStatute(looser)[0]?.code, 'governance.statute.looser-than-law');
  const stricter = withDefaults({ quorums: { ...LEGAL_QUORUMS, extraordinary: { ...LEGAL_QUORUMS.extraordinary, second: { ...LEGAL_QUORUMS.extraordinary.second, deliberative: { num: 3, den: 4, strict: false, base: 'present' } } } } });
  assert.deepEqual(validateStatute(stricter), []);
  // "more than 1/2" is stricter than "at least 1/2"; a base of all entitled votes is stricter than those present.
  assert.equal(isAtLeastAsStrict({ num: 1, den: 2, strict: true, base: 'present' }, { num: 1, den: 2, strict: false, base: 'present' }), true);
  assert.equal(isAtLeastAsStrict({ num: 1, den: 2, strict: false, base: 'present' }, { num: 1, den: 2, strict: true, base: 'present' }), false);
  assert.equal(isAtLeastAsStrict({ num: 1, den: 2, strict: true, base: 'cast' }, { num: 1, den: 2, strict: true, base: 'present' }), false);
  assert.equal(isAtLeastAsStrict(null, { num: 1, den: 3, strict: true, base: 'entitled' }), false);
});

test('calls: 15 days’ notice (8 with proof of receipt); second call not the same day and within 30 days (Rome dates)', () => {
  const at = (s: string) => new Date(s);
  const plan = (notice: string, first: string, second: string | null, method: 'standard' | 'with_receipt' = 'standard') =>
    checkCalls({ noticeAt: at(notice), firstCallAt: at(first), secondCallAt: second ? at(second) : null, noticeMethod: method, recordDate: first.slice(0, 10) }, DEFAULT_STATUTE).map((p) => p.code);
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-16T16:00:00Z', '2026-04-17T16:00:00Z'), []);
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-15T16:00:00Z', null), ['governance.calls.notice-too-short']);
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-09T16:00:00Z', null, 'with_receipt'), []);
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-08T16:00:00Z', null, 'with_receipt'), ['governance.calls.notice-too-short']);
  // 23:30 UTC on 16 April is already 17 April in Rome: a "next day" second call in UTC terms is the same Rome day.
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-17T07:00:00Z', '2026-04-16T23:30:00Z'), ['governance.calls.second-before-first']);
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-16T20:00:00Z', '2026-04-16T21:30:00Z'), ['governance.calls.second-same-day']);
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-16T20:00:00Z', '2026-04-16T22:30:00Z'), []); // 00:30 next day in Rome
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-16T16:00:00Z', '2026-05-17T16:00:00Z'), ['governance.calls.second-too-late']);
  assert.deepEqual(plan('2026-04-01T10:00:00Z', '2026-04-16T16:00:00Z', '2026-05-16T16:00:00Z'), []);
  assert.equal(romeDate('2026-10-25T23:30:00Z'), '2026-10-26'); // winter time: UTC+1
  assert.equal(romeDate('2026-06-30T22:30:00Z'), '2026-07-01'); // summer time: UTC+2
});

const member = (over: Partial<MembershipFacts> = {}): MembershipFacts => ({
  personKind: 'natural', memberTypes: ['lavoratore'], admittedOn: '2025-01-01', registeredOn: '2025-01-01', exitOn: null, subscribedCents: 5000, paidCents: 5000, ...over,
});

test('roll entry: 90 days in the register (day 89 no, day 90 yes), legal persons, financing members, exits', () => {
  const s = { ...DEFAULT_STATUTE, legalPersonVotes: 5, excludeUnpaidMembers: true };
  const assembly = '2026-05-20';
  const reg = (days: number) => new Date(Date.parse(`${assembly}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  assert.equal(rollEntry(member({ admittedOn: reg(89), registeredOn: reg(89) }), assembly, assembly, s)?.reason, 'seniority');
  assert.equal(rollEntry(member({ admittedOn: reg(90), registeredOn: reg(90) }), assembly, assembly, s)?.eligible, true);
  assert.equal(rollEntry(member({ personKind: 'legal' }), assembly, assembly, s)?.weight, 5);
  assert.equal(rollEntry(member({ memberTypes: ['sovventore'] }), assembly, assembly, s)?.financing, true);
  assert.equal(rollEntry(member({ paidCents: 0 }), assembly, assembly, s)?.reason, 'unpaid');
  assert.equal(rollEntry(member({ exitOn: '2026-05-20' }), assembly, assembly, s), null);
  assert.equal(rollEntry(member({ exitOn: '2026-05-21' }), assembly, assembly, s)?.eligible, true);
  assert.equal(rollEntry(member({ admittedOn: '2026-05-21', registeredOn: '2026-05-21' }), assembly, assembly, s), null);
  const e = rollEntry(member({ admittedOn: reg(41), registeredOn: reg(41) }), assembly, assembly, s);
  assert.deepEqual(explainRollEntry(e!, s, 'natural')[0], { key: 'governance.roll.reason.seniority', params: { days: 41, needed: 90, source: 'art. 2538 c. 1 c.c.' } });
  assert.equal(daysBetween('2026-02-28', '2026-03-01'), 1);
});

test('delegates share their section’s votes exactly (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 200 }), (votes, n) => {
      const w = delegateWeights(votes, n);
      assert.equal(w.length, n);
      assert.equal(w.reduce((a, b) => a + b, 0), votes);
      assert.ok(Math.max(...w) - Math.min(...w) <= 1);
    }),
  );
});

test('choices are validated and encoded canonically', () => {
  const spec = { method: 'plurality' as const, seats: 2, maxChoices: 2, candidateCount: 4 };
  assert.deepEqual(encodeChoice(spec, { candidates: [3, 1] }), { ok: true, encoded: '1,3' });
  assert.deepEqual(encodeChoice(spec, { candidates: [0, 1, 2] }), { ok: false, code: 'governance.vote.too-many-choices' });
  assert.deepEqual(encodeChoice({ ...spec, method: 'stv', maxChoices: 4 }, { candidates: [3, 1] }), { ok: true, encoded: '3,1' });
  assert.deepEqual(encodeChoice({ ...spec, method: 'stv', maxChoices: 4 }, { candidates: [3, 3] }), { ok: false, code: 'governance.vote.duplicate-candidate' });
  assert.deepEqual(encodeChoice({ ...spec, method: 'stv', maxChoices: 4 }, { candidates: [] }), { ok: true, encoded: '' });
  assert.deepEqual(encodeChoice({ method: 'yes_no', seats: 1, maxChoices: 1, candidateCount: 0 }, { candidates: [] }), { ok: false, code: 'governance.vote.yes-no-expected' });
});

test('consultative polls of every kind', () => {
  assert.deepEqual(pollResult({ kind: 'single', options: 3, max: 1 }, [{ choices: [1] }, { choices: [1] }, { choices: [2] }]).best, [1]);
  assert.deepEqual(pollResult({ kind: 'multiple', options: 3, max: 2 }, [{ choices: [0, 2] }, { choices: [2] }]).best, [2]);
  const score = pollResult({ kind: 'score', options: 2, max: 5 }, [{ scores: [5, 1] }, { scores: [3, 4] }]);
  assert.deepEqual(score.best, [0]);
  assert.equal(score.options[0]?.average, 4);
  assert.deepEqual(pollResult({ kind: 'ranked', options: 3, max: 1 }, [{ choices: [2, 0, 1] }, { choices: [2, 1, 0] }, { choices: [0, 2, 1] }]).best, [2]);
  const when = pollResult({ kind: 'meeting_time', options: 2, max: 1 }, [{ availability: ['yes', 'maybe'] }, { availability: ['no', 'yes'] }, { availability: ['maybe', 'yes'] }]);
  assert.deepEqual(when.best, [1]);
  assert.equal(checkResponse({ kind: 'single', options: 3, max: 1 }, { choices: [0, 1] }), 'governance.poll.one-choice');
  assert.equal(checkResponse({ kind: 'score', options: 2, max: 5 }, { scores: [6, 1] }), 'governance.poll.score-range');
});

test('BLT files are read (withdrawn candidates dropped) and counted with STV', () => {
  const blt = `4 2\n-4\n3 1 2 0\n4 1 2 3 0\n2 4 1 0\n1 2 0\n4 3 4 0\n0\n"Adams" "Baker" "Clark" "Davis"\n"Test"\n`;
  const { input, names, title } = parseBlt(blt);
  assert.deepEqual(names, ['Adams', 'Baker', 'Clark', 'Davis']);
  assert.equal(title, 'Test');
  assert.equal(input.groups.find((g) => g.weight === 2)?.choice, '0');
  // 14 papers, quota 5. Adams 9 (elected, surplus 4 at 4/9 = 0.44444 a paper): Baker 1 + 7 × 0.44444 = 4.11108,
  // Clark 4 is excluded (his papers have no further preference: Davis withdrew), Baker fills the second seat.
  const r = tally(input);
  assert.equal(r.election?.stv?.quota, '5');
  assert.equal(r.election?.stv?.stages[1]?.totals[1], '4.11108');
  assert.deepEqual(r.election?.elected, [0, 1]);
});

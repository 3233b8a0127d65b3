// The stages' rule: one stage forward at a time, after the current checklist, and eligible from the founding deed on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CHECKLISTS, ELIGIBILITY_FROM, STAGES, STAGE_NAMES, canMove, isChecklistItem } from '../../src/modules/incubator/domain/stages.ts';

test('every stage has a name and a checklist in both languages, item ids unique', () => {
  for (const s of STAGES) {
    assert.ok(STAGE_NAMES[s].it && STAGE_NAMES[s].en);
    assert.ok(CHECKLISTS[s].length > 0);
    assert.equal(new Set(CHECKLISTS[s].map((c) => c.item)).size, CHECKLISTS[s].length);
    for (const c of CHECKLISTS[s]) assert.ok(c.text.it && c.text.en && /^[a-z0-9-]{1,40}$/.test(c.item) && isChecklistItem(s, c.item));
  }
  assert.equal(isChecklistItem('idea', 'notary'), false);
});

test('examples', () => {
  const all = (s: (typeof STAGES)[number]) => new Set(CHECKLISTS[s].map((c) => c.item));
  assert.equal(canMove('idea', 'validation', all('idea'), false), null, 'early stages need no eligibility');
  assert.equal(canMove('idea', 'validation', new Set(['team']), true), 'checklist-open');
  assert.equal(canMove('idea', 'business_plan', all('idea'), true), 'not-next');
  assert.equal(canMove('validation', 'idea', all('validation'), true), 'not-next');
  assert.equal(canMove('statute', 'founding_deed', all('statute'), false), 'not-eligible');
  assert.equal(canMove('statute', 'founding_deed', all('statute'), true), null);
  assert.equal(canMove('follow_up', 'follow_up', all('follow_up'), true), 'not-next');
});

test('property: a move is allowed iff it is the next stage, the checklist is complete and, from the deed on, eligible', () => {
  const stage = fc.constantFrom(...STAGES);
  fc.assert(
    fc.property(stage, stage, fc.boolean(), fc.boolean(), (from, to, complete, eligible) => {
      const items = CHECKLISTS[from].map((c) => c.item);
      const done = new Set(complete ? items : items.slice(1));
      const ok = STAGES.indexOf(to) === STAGES.indexOf(from) + 1 && complete && (STAGES.indexOf(to) < STAGES.indexOf(ELIGIBILITY_FROM) || eligible);
      assert.equal(canMove(from, to, done, eligible) === null, ok);
    }),
  );
});

// The ristorni approved by the resolution an assembly passed in the governance module: the run lists the co-op's
// passed resolutions, links one, and copies its date, kind, votes and text; anything else is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setup, assertProblem, work, type Ctx } from './helpers.ts';
import { convenedAssembly } from '../governance/scenario.ts';
import { api } from '../governance/helpers.ts';

let c: Ctx;
before(async () => {
  c = await setup();
});
after(() => c.close());

test('the ristorni are approved by linking the resolution the general assembly passed', async () => {
  const { f } = c;
  for (let month = 1; month <= 12; month++) {
    const day = `2025-${String(month).padStart(2, '0')}-28`;
    assert.equal((await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/exchanges`, work(f.memberships.marioC1, day, 160, 200_000))).statusCode, 201);
  }
  assert.equal((await c.req('adminC1', 'PUT', `/api/v1/cooperatives/${f.c1}/financial-statements/2025`, { lines: [{ line: 'B9', membersCents: 2_400_000, othersCents: 600_000 }] })).statusCode, 200);
  const created = await c.req('adminC1', 'POST', `/api/v1/cooperatives/${f.c1}/ristorni`, {
    year: 2025, surplusCents: 1_000_000, kinds: [{ kind: 'work' }], forms: { cashBps: 10_000, capitalBps: 0, instrumentsBps: 0 }, withholding: false,
  });
  assert.equal(created.statusCode, 201, created.body);
  const runId = created.json().id as string;
  assert.equal((await c.req('adminC1', 'POST', `/api/v1/ristorni/${runId}/compute`)).statusCode, 200);

  // Nothing passed yet: no candidates, and a made-up link is refused without changing the run.
  assert.deepEqual((await c.req('adminC1', 'GET', `/api/v1/ristorni/${runId}/resolutions`)).json().items, []);
  assertProblem(await c.req('adminC1', 'POST', `/api/v1/ristorni/${runId}/approval`, { governanceResolutionId: randomUUID() }), 400, 'body/governanceResolutionId');
  // Without a link every field of the resolution is required.
  assertProblem(await c.req('adminC1', 'POST', `/api/v1/ristorni/${runId}/approval`, { assemblyDate: '2026-04-28' }), 400, 'body/votesFor');
  assert.equal((await c.req('adminC1', 'GET', `/api/v1/ristorni/${runId}`)).json().status, 'computed');

  // The assembly votes the resolution: every member present votes yes, the chair closes the vote.
  const s = await convenedAssembly(c.p, f, { members: 2, open: true });
  const a = api(c.p);
  assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/open`, s.admin)).status, 200);
  for (const h of s.memberHeaders) assert.equal((await a.post(`/api/v1/ballots/${s.resolutionBallot}/votes`, h, { vote: 'yes' })).status, 201);
  const closed = await a.post(`/api/v1/ballots/${s.resolutionBallot}/close`, s.admin);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal(closed.body.result.outcome, 'approved', JSON.stringify(closed.body.result));

  // Members cannot list the candidates; the co-op administrator sees the passed resolution.
  assert.equal((await c.req('member', 'GET', `/api/v1/ristorni/${runId}/resolutions`)).statusCode, 403);
  const list = (await c.req('adminC1', 'GET', `/api/v1/ristorni/${runId}/resolutions`)).json().items;
  assert.equal(list.length, 1);
  assert.equal(list[0].assemblyId, s.assemblyId);
  assert.equal(list[0].votesFor, 2);

  const approved = await c.req('adminC1', 'POST', `/api/v1/ristorni/${runId}/approval`, { governanceResolutionId: list[0].itemId });
  assert.equal(approved.statusCode, 200, approved.body);
  const run = approved.json();
  assert.equal(run.status, 'approved');
  assert.equal(run.approval.governanceResolutionId, list[0].itemId);
  assert.equal(run.approval.assemblyDate, list[0].heldOn);
  assert.equal(run.approval.assemblyKind, 'ordinaria');
  assert.deepEqual([run.approval.votesFor, run.approval.votesAgainst, run.approval.votesAbstained], [2, 0, 0]);
  assert.equal(run.approval.resolutionText, list[0].text);
});

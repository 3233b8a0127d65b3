// The verifiable secret ballot through the API, with the crypto run as the trustees' and voters' browsers run it:
// 3 trustees (k = 2) hold the key ceremony, the ballot opens, members cast encrypted ballots (a proxy holder for the
// member they represent, a re-vote), the chair closes, two trustees decrypt, the result matches the plaintext
// choices and the exported election record passes the independent verifier. Then the refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { addMembers, arrive, api, inDays, OPEN_STATUTE, type Headers, type NewMember } from './helpers.ts';
import * as V from '../../src/modules/governance/verifiable/index.ts';
import type { TrusteeSecret } from '../../src/modules/governance/verifiable/index.ts';
import type { Ciphertext, ElectionManifest, ElectionRecord, EncryptedBallot, TrusteeKeyCommitment } from '../../src/modules/governance/verifiable/types.ts';

let p: TestPlatform;
let f: SmallFederation;
let a: ReturnType<typeof api>;
let admin: Headers;
let mario: Headers;
let outsider: Headers;
let trustees: NewMember[];
let trusteeH: Headers[];
let voters: NewMember[];
let voterH: Headers[];
let financing: NewMember;
let financingH: Headers;
let assemblyId: string;
let ballotId: string;
let approvalId: string;
const secrets: TrusteeSecret[] = [];
const keyShares: string[] = [];
let manifest: ElectionManifest;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  trustees = await addMembers(p.database, f.c1, 3, { accounts: true, prefix: 'gar' });
  voters = await addMembers(p.database, f.c1, 3, { accounts: true, prefix: 'vev' });
  [financing] = (await addMembers(p.database, f.c1, 1, { accounts: true, prefix: 'fin', types: ['sovventore'] })) as [NewMember];
  admin = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  mario = await p.signIn(f.accounts.member.email, PASSWORD);
  outsider = await p.signIn(f.accounts.outsider.email, PASSWORD);
  trusteeH = await Promise.all(trustees.map((t) => p.signIn(t.email, PASSWORD)));
  voterH = await Promise.all(voters.map((v) => p.signIn(v.email, PASSWORD)));
  financingH = await p.signIn(financing.email, PASSWORD);
  assert.equal((await a.put(`/api/v1/cooperatives/${f.c1}/governance/statute`, admin, { params: OPEN_STATUTE })).status, 200);
});
after(() => p.close());

const trusteeList = () => trustees.map((t) => ({ personId: t.personId }));

test('creating an encrypted ballot: trustees and threshold checked, ranked methods refused', async () => {
  const base = { kind: 'ordinary', title: 'Assemblea con voto cifrato', mode: 'hybrid', firstCallAt: inDays(16), secondCallAt: inDays(17) };
  const badK = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, admin, {
    ...base,
    items: [{ kind: 'resolution', title: 'x', ballot: { method: 'yes_no', ballotType: 'encrypted', trustees: trusteeList(), threshold: 4 } }],
  });
  assert.equal(badK.status, 400);
  assert.deepEqual(badK.body.errors.map((e: { field: string }) => e.field), ['body/items/0/ballot/threshold']);
  const outsiderTrustee = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, admin, {
    ...base,
    items: [{ kind: 'resolution', title: 'x', ballot: { method: 'yes_no', ballotType: 'encrypted', trustees: [{ personId: f.people.anna }], threshold: 1 } }],
  });
  assert.equal(outsiderTrustee.status, 400);
  assert.equal(outsiderTrustee.body.errors[0].field, 'body/items/0/ballot/trustees/0/personId');
  assert.equal(outsiderTrustee.body.errors[0].code, 'governance.evote.trustee-not-member');
  const draft = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, admin, {
    ...base,
    items: [
      { kind: 'resolution', title: 'Bilancio 2025', motion: 'Si approva il bilancio.', ballot: { method: 'yes_no', ballotType: 'encrypted', trustees: trusteeList(), threshold: 2, remoteVoting: true } },
      { kind: 'election', title: 'Collegio dei probiviri', ballot: { method: 'approval', seats: 2, ballotType: 'encrypted', trustees: [{ personId: trustees[0]!.personId }], threshold: 1, remoteVoting: true, candidates: [{ name: 'Anna' }, { name: 'Bruno' }, { name: 'Carla' }] } },
    ],
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  assemblyId = draft.body.id;
  ballotId = draft.body.items[0].ballot.id;
  approvalId = draft.body.items[1].ballot.id;
  assert.equal(draft.body.items[0].ballot.ballotType, 'encrypted');
  assert.equal(draft.body.items[0].ballot.secret, true);
  assert.deepEqual(draft.body.items[0].ballot.evote, { status: 'ceremony', trustees: 3, threshold: 2 });
  // Ranked methods are not end-to-end verifiable yet: refused, naming the field.
  const ranked = await a.post(`/api/v1/assemblies/${assemblyId}/items`, admin, {
    kind: 'election',
    title: 'CdA',
    ballot: { method: 'stv', seats: 2, ballotType: 'encrypted', trustees: trusteeList(), threshold: 2, candidates: [{ name: 'A' }, { name: 'B' }] },
  });
  assert.equal(ranked.status, 400);
  assert.equal(ranked.body.errors[0].field, 'body/ballot/method');
  assert.equal(ranked.body.errors[0].code, 'governance.evote.ranked-not-verifiable');
  const open = await a.post(`/api/v1/assemblies/${assemblyId}/items`, admin, { kind: 'resolution', title: 'y', ballot: { method: 'yes_no', ballotType: 'encrypted', secret: false, trustees: trusteeList() } });
  assert.equal(open.status, 400);
  assert.equal(open.body.errors[0].field, 'body/ballot/secret');
});

test('key ceremony through the API, as the trustees’ browsers run it', async () => {
  // A trustee sees the ceremony of a draft assembly members cannot see yet; outsiders and other members do not.
  const state = await a.get(`/api/v1/ballots/${ballotId}/evote`, trusteeH[1]!);
  assert.equal(state.status, 200, JSON.stringify(state.body));
  assert.equal(state.body.myTrusteeIndex, 2);
  assert.equal(state.body.status, 'ceremony');
  assert.equal((await a.get(`/api/v1/ballots/${ballotId}/evote`, outsider)).status, 403);
  assert.equal((await a.get(`/api/v1/ballots/${ballotId}/evote`, mario)).status, 404); // a draft, for a member
  const commitments: TrusteeKeyCommitment[] = [];
  for (let i = 1; i <= 3; i++) {
    const t = V.createTrustee(i, 3, 2, ballotId);
    secrets.push(t.secret);
    commitments.push(t.commitment);
  }
  // Shares before every commitment is in: refused.
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/1/commitment`, trusteeH[0]!, { commitment: commitments[0] })).status, 200);
  const early = await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/1/shares`, trusteeH[0]!, { shares: [] });
  assert.equal(early.status, 409);
  // A trustee posting for another: 403. A commitment whose proof fails: 400 naming it.
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/2/commitment`, trusteeH[0]!, { commitment: commitments[1] })).status, 403);
  const forged = { ...commitments[1]!, proof: { ...commitments[1]!.proof, r: commitments[2]!.proof.r } };
  const bad = await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/2/commitment`, trusteeH[1]!, { commitment: forged });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].field, 'body/commitment');
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/2/commitment`, trusteeH[1]!, { commitment: commitments[1] })).status, 200);
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/3/commitment`, trusteeH[2]!, { commitment: commitments[2] })).status, 200);
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/3/commitment`, trusteeH[2]!, { commitment: commitments[2] })).status, 409);
  // Each trustee reads the commitments and sends a share to each other trustee.
  const posted = (await a.get(`/api/v1/ballots/${ballotId}/evote/commitments`, trusteeH[0]!)).body.items as TrusteeKeyCommitment[];
  assert.equal(posted.length, 3);
  for (let i = 0; i < 3; i++) {
    assert.ok(V.verifyTrusteeCommitment(posted[i]!, 2, ballotId));
    const r = await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/${i + 1}/shares`, trusteeH[i]!, { shares: V.sharesFor(secrets[i]!, posted) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, i < 2 ? 'ceremony' : 'ready');
  }
  assert.equal((await a.get(`/api/v1/ballots/${ballotId}/evote/trustees/1/shares`, trusteeH[1]!)).status, 403);
  for (let i = 0; i < 3; i++) {
    const mine = await a.get(`/api/v1/ballots/${ballotId}/evote/trustees/${i + 1}/shares`, trusteeH[i]!);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.items.length, 2);
    const got = V.receiveShares(secrets[i]!, posted, mine.body.items);
    assert.equal(got.ok, true);
    if (got.ok) keyShares.push(got.share);
    assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/${i + 1}/ack`, trusteeH[i]!, { ok: true })).status, 200);
  }
  const ready = await a.get(`/api/v1/ballots/${ballotId}/evote`, admin);
  assert.equal(ready.body.status, 'ready');
  assert.equal(ready.body.publicKey, V.jointPublicKey(posted));
  // The one-trustee approval election's ceremony.
  const solo = V.createTrustee(1, 1, 1, approvalId);
  assert.equal((await a.post(`/api/v1/ballots/${approvalId}/evote/trustees/1/commitment`, trusteeH[0]!, { commitment: solo.commitment })).status, 200);
  const soloReady = await a.post(`/api/v1/ballots/${approvalId}/evote/trustees/1/shares`, trusteeH[0]!, { shares: [] });
  assert.equal(soloReady.body.status, 'ready');
  secrets.push(solo.secret);
});

test('the ballot opens in session; the roll gets pseudonymous slots; a proxy holder carries a second slot', async () => {
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/convene`, admin)).status, 200);
  // voter 1 gives their proxy to voter 0.
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[1]!, { holderPersonId: voters[0]!.personId })).status, 201);
  // Before the session: an encrypted ballot waits for the final roll.
  const early = await a.post(`/api/v1/ballots/${ballotId}/open`, admin);
  assert.equal(early.status, 409);
  await arrive(p.database, assemblyId);
  for (const h of [voterH[0]!, trusteeH[0]!, trusteeH[1]!, trusteeH[2]!, mario]) {
    assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/attendance/check-in`, h, {})).status, 200);
  }
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/attendance/check-in`, admin, { personId: f.people.giulia })).status, 200);
  const session = await a.post(`/api/v1/assemblies/${assemblyId}/open`, admin, { call: 'first' });
  assert.equal(session.status, 200, JSON.stringify(session.body));
  const opened = await a.post(`/api/v1/ballots/${ballotId}/open`, admin);
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  assert.equal(opened.body.status, 'open');
  const roll = await a.get(`/api/v1/ballots/${ballotId}/evote/roll`, mario);
  assert.equal(roll.status, 200);
  // c1's eligible members: mario, giulia, 3 trustees, 3 voters, 1 financing member.
  assert.equal(roll.body.items.length, 9);
  assert.ok(roll.body.items.every((r: Record<string, unknown>) => Object.keys(r).sort().join() === 'group,voterSlot,weight'));
  // Financing members (art. 2526): Giulia (lavoratore and sovventore) and the sovventore added here.
  assert.equal(roll.body.items.filter((r: { group: string }) => r.group === 'financing').length, 2);
  const me = await a.get(`/api/v1/ballots/${ballotId}/evote/me`, voterH[0]!);
  assert.equal(me.status, 200);
  assert.equal(me.body.slots.length, 2);
  assert.deepEqual(me.body.slots.map((s: { own: boolean; personId: string }) => [s.own, s.personId]), [[true, voters[0]!.personId], [false, voters[1]!.personId]]);
  manifest = me.body.manifest;
  assert.deepEqual(manifest.choices, ['yes', 'no', 'abstain']);
  assert.equal(me.body.manifestHash, V.manifestHash(manifest));
});

async function slotsOf(h: Headers, id = ballotId) {
  return (await a.get(`/api/v1/ballots/${id}/evote/me`, h)).body.slots as { slot: string; own: boolean; personId: string }[];
}
const YES = [1, 0, 0];
const NO = [0, 1, 0];
const ABSTAIN = [0, 0, 1];

async function cast(h: Headers, slot: string, selections: number[], id = ballotId, m = manifest) {
  const { ballot } = V.encryptBallot(m, slot, selections);
  return { ballot, res: await a.post(`/api/v1/ballots/${id}/evote/cast`, h, { voterSlot: slot, ballot }) };
}

let revoteFirst = '';
test('members cast encrypted ballots: own, by proxy, remote, a re-vote; refusals name the field', async () => {
  const [own, carried] = (await slotsOf(voterH[0]!)) as unknown as [{ slot: string }, { slot: string }];
  const c1 = await cast(voterH[0]!, own.slot, YES);
  assert.equal(c1.res.status, 201, JSON.stringify(c1.res.body));
  assert.equal(c1.res.body.trackingCode, V.trackingCode(c1.ballot));
  assert.equal(c1.res.body.seq, 1);
  assert.equal(c1.res.body.hash, V.chainHash(null, V.manifestHash(manifest), c1.res.body.trackingCode));
  assert.equal((await cast(voterH[0]!, carried.slot, NO)).res.status, 201);
  // Voter 2 votes remotely (statute and ballot allow it), then changes their mind: the last ballot counts.
  const [v2] = (await slotsOf(voterH[2]!)) as unknown as [{ slot: string }];
  const first = await cast(voterH[2]!, v2.slot, YES);
  assert.equal(first.res.status, 201);
  revoteFirst = first.res.body.trackingCode;
  const again = await cast(voterH[2]!, v2.slot, NO);
  assert.equal(again.res.status, 201);
  assert.equal(again.res.body.revote, true);
  const [fin] = (await slotsOf(financingH)) as unknown as [{ slot: string }];
  assert.equal((await cast(financingH, fin.slot, YES)).res.status, 201);
  const [m] = (await slotsOf(mario)) as unknown as [{ slot: string }];
  assert.equal((await cast(mario, m.slot, ABSTAIN)).res.status, 201);
  // Someone else's slot: 403.
  const other = await cast(voterH[2]!, own.slot, YES);
  assert.equal(other.res.status, 403);
  assert.equal(other.res.body.errors[0].field, 'body/voterSlot');
  // A ballot whose proof fails: 400 naming the ballot; one encrypted for another slot: 400 naming voterSlot.
  const [t0] = (await slotsOf(trusteeH[0]!)) as unknown as [{ slot: string }];
  const { ballot } = V.encryptBallot(manifest, t0.slot, YES);
  const tampered: EncryptedBallot = { ...ballot, ciphertexts: [ballot.ciphertexts[1]!, ballot.ciphertexts[0]!, ballot.ciphertexts[2]!] };
  const invalid = await a.post(`/api/v1/ballots/${ballotId}/evote/cast`, trusteeH[0]!, { voterSlot: t0.slot, ballot: tampered });
  assert.equal(invalid.status, 400, JSON.stringify(invalid.body));
  assert.equal(invalid.body.errors[0].field, 'body/ballot');
  assert.equal(invalid.body.errors[0].code, 'governance.evote.invalid-ballot');
  const other2 = V.encryptBallot(manifest, t0.slot, NO).ballot;
  const spliced = await a.post(`/api/v1/ballots/${ballotId}/evote/cast`, trusteeH[0]!, { voterSlot: t0.slot, ballot: { ...ballot, sumProof: other2.sumProof } });
  assert.equal(spliced.status, 400);
  const mismatch = await a.post(`/api/v1/ballots/${ballotId}/evote/cast`, trusteeH[0]!, { voterSlot: t0.slot, ballot: { ...ballot, voterSlot: own.slot } });
  assert.equal(mismatch.body.errors[0].field, 'body/ballot/voterSlot');
  const junk = await a.post(`/api/v1/ballots/${ballotId}/evote/cast`, trusteeH[0]!, { voterSlot: t0.slot, ballot: { ...ballot, sumProof: { branches: [{ a: 'zz', b: '00', c: '00', r: '00' }] } } });
  assert.equal(junk.status, 400);
  // The trustee casts the honest ballot; the same ballot again is a replay: refused.
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/cast`, trusteeH[0]!, { voterSlot: t0.slot, ballot })).status, 201);
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/cast`, trusteeH[0]!, { voterSlot: t0.slot, ballot })).status, 409);
  // The plain vote endpoint does not take votes on an encrypted ballot.
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/votes`, mario, { vote: 'yes' })).status, 409);
  // Turnout counts voters once each, however often they re-voted.
  const view = await a.get(`/api/v1/ballots/${ballotId}`, mario);
  assert.equal(view.body.votesCast, 6);
});

test('the board: paged, chained, looked up by tracking code; append-only in SQL', async () => {
  const board = await a.get(`/api/v1/ballots/${ballotId}/evote/board?pageSize=3`, mario);
  assert.equal(board.status, 200);
  assert.equal(board.body.total, 7);
  assert.equal(board.body.items.length, 3);
  const found = await a.get(`/api/v1/ballots/${ballotId}/evote/board/${revoteFirst}`, voterH[2]!);
  assert.equal(found.status, 200);
  assert.equal(found.body.superseded, true);
  assert.equal((await a.get(`/api/v1/ballots/${ballotId}/evote/board/${'0'.repeat(64)}`, mario)).status, 404);
  assert.equal((await a.get(`/api/v1/ballots/${ballotId}/evote/board`, outsider)).status, 403);
  await assert.rejects(p.database.query(`UPDATE evote_board SET ballot = '{}' WHERE ballot_id = $1`, [ballotId]), /append-only/);
  await assert.rejects(p.database.query(`DELETE FROM evote_board WHERE ballot_id = $1`, [ballotId]), /append-only/);
  await assert.rejects(p.database.query(`UPDATE evote_roll SET weight = 5 WHERE ballot_id = $1`, [ballotId]), /append-only/);
  await assert.rejects(p.database.query(`INSERT INTO evote_board (ballot_id, seq, slot, tracking_code, hash, ballot) SELECT ballot_id, 99, slot, 'x', 'x', '{}' FROM evote_roll WHERE ballot_id = $1 LIMIT 1`, [ballotId]), /in sequence/);
});

let ciphertexts: Ciphertext[] = [];
test('closing stops casting and computes the encrypted tally; trustees decrypt; the result is the plaintext count', async () => {
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/close`, mario)).status, 403);
  const closed = await a.post(`/api/v1/ballots/${ballotId}/close`, admin);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal(closed.body.status, 'open'); // until decrypted: see migration 0034
  assert.equal(closed.body.evote.status, 'tallying');
  const [m] = (await slotsOf(mario)) as unknown as [{ slot: string }];
  const late = await cast(mario, m.slot, YES);
  assert.equal(late.res.status, 409);
  // The assembly cannot close while the count is pending.
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/close`, admin)).status, 409);
  const record = (await a.get(`/api/v1/ballots/${ballotId}/evote/record`, mario)).body as ElectionRecord;
  assert.deepEqual(record.encryptedTally.map((t) => t.group), ['financing', 'ordinary'].filter((g) => record.roll.some((r) => r.group === g)).sort((x, y) => (x === 'ordinary' ? -1 : y === 'ordinary' ? 1 : 0)));
  ciphertexts = record.encryptedTally.flatMap((t) => t.ciphertexts);
  const pd1 = V.partialDecrypt(manifest, secrets[0]!, keyShares[0]!, ciphertexts);
  // Another trustee's account posting it: 403. A wrong partial decryption (trustee 3 with trustee 2's share): refused.
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/1/partial-decryption`, trusteeH[1]!, { partial: pd1 })).status, 403);
  const wrong = V.partialDecrypt(manifest, secrets[2]!, keyShares[1]!, ciphertexts);
  const refused = await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/3/partial-decryption`, trusteeH[2]!, { partial: wrong });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.errors[0].field, 'body/partial');
  const r1 = await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/1/partial-decryption`, trusteeH[0]!, { partial: pd1 });
  assert.equal(r1.status, 200, JSON.stringify(r1.body));
  assert.equal(r1.body.status, 'tallying');
  const pd3 = V.partialDecrypt(manifest, secrets[2]!, keyShares[2]!, ciphertexts);
  const r3 = await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/3/partial-decryption?lang=en`, trusteeH[2]!, { partial: pd3 });
  assert.equal(r3.status, 200, JSON.stringify(r3.body));
  assert.equal(r3.body.status, 'decrypted');
  const ballot = r3.body.ballot;
  assert.equal(ballot.status, 'closed');
  assert.ok(ballot.resultSha256);
  // Plaintext: yes = voter 0, financing member, trustee 1; no = voter 1 (by proxy), voter 2 (re-vote); abstain = mario.
  assert.deepEqual(ballot.result.resolution && { yes: ballot.result.resolution.yes, no: ballot.result.resolution.no, abstain: ballot.result.resolution.abstain }, { yes: '3', no: '2', abstain: '1' });
  assert.equal(ballot.result.castVotes, 6);
  assert.equal(ballot.result.outcome, 'rejected'); // 3 of 8 present (giulia, trustees 2 and 3 present, not voting)
  assert.equal((await a.post(`/api/v1/ballots/${ballotId}/evote/trustees/2/partial-decryption`, trusteeH[1]!, { partial: V.partialDecrypt(manifest, secrets[1]!, keyShares[1]!, ciphertexts) })).status, 409);
});

test('the election record passes the independent verifier; a changed ballot on the board fails it', async () => {
  const res = await a.get(`/api/v1/ballots/${ballotId}/evote/record`, mario);
  assert.equal(res.status, 200);
  const record = res.body as ElectionRecord & { status: string };
  assert.equal(record.status, 'decrypted');
  assert.equal(record.partialDecryptions.length, 2);
  const { status: _s, ...pure } = record;
  const v = V.verifyElectionRecord(pure);
  assert.equal(v.ok, true, JSON.stringify(v.checks.filter((c) => !c.ok)));
  const counts = Object.fromEntries(record.result.map((r) => [r.group, r.counts]));
  assert.deepEqual(counts, { ordinary: [2, 2, 1], financing: [1, 0, 0] });
  const changed = structuredClone(pure);
  changed.board[0]!.ballot = changed.board[1]!.ballot;
  assert.equal(V.verifyElectionRecord(changed).ok, false);
});

test('an encrypted approval election: marks per candidate, a blank ballot, counted by the platform', async () => {
  assert.equal((await a.post(`/api/v1/ballots/${approvalId}/open`, admin)).status, 200);
  const me = (await a.get(`/api/v1/ballots/${approvalId}/evote/me`, voterH[0]!)).body;
  const m2 = me.manifest as ElectionManifest;
  assert.deepEqual([m2.choices, m2.minSelections, m2.maxSelections], [['Anna', 'Bruno', 'Carla'], 0, 3]);
  const [own, carried] = me.slots as [{ slot: string }, { slot: string }];
  const ap = await cast(voterH[0]!, own.slot, [1, 1, 0], approvalId, m2);
  assert.equal(ap.res.status, 201, JSON.stringify(ap.res.body));
  assert.equal((await cast(voterH[0]!, carried.slot, [0, 0, 0], approvalId, m2)).res.status, 201);
  const [mm] = (await slotsOf(mario, approvalId)) as unknown as [{ slot: string }];
  assert.equal((await cast(mario, mm.slot, [0, 1, 1], approvalId, m2)).res.status, 201);
  assert.equal((await a.post(`/api/v1/ballots/${approvalId}/close`, admin)).status, 200);
  const record = (await a.get(`/api/v1/ballots/${approvalId}/evote/record`, admin)).body as ElectionRecord;
  const cts = record.encryptedTally.flatMap((t) => t.ciphertexts);
  // One trustee, threshold 1: their key share is their constant term.
  const share = V.receiveShares(secrets[3]!, record.trustees, []);
  assert.equal(share.ok, true);
  const pd = V.partialDecrypt(m2, secrets[3]!, share.ok ? share.share : '', cts);
  const done = await a.post(`/api/v1/ballots/${approvalId}/evote/trustees/1/partial-decryption`, trusteeH[0]!, { partial: pd });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const e = done.body.ballot.result.election;
  assert.deepEqual(e.candidates.map((c: { votes: string }) => c.votes), ['1', '2', '1']);
  assert.equal(e.elected[0], 1); // Bruno
  assert.equal(done.body.ballot.result.castVotes, 3);
  const full = (await a.get(`/api/v1/ballots/${approvalId}/evote/record`, admin)).body;
  delete full.status;
  assert.equal(V.verifyElectionRecord(full).ok, true);
  // Nothing more to export than the record.
  assert.equal((await a.get(`/api/v1/ballots/${approvalId}/export`, admin)).status, 409);
});

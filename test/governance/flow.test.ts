// A whole assembly through the API: statute, convocation (roll, notices, outbox), proxies, attendance, quorum,
// votes (self, proxy, postal, remote), results explained, an STV election, closing, minutes with a verifiable hash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { seedSmallFederation, PASSWORD, type SmallFederation } from '../support/fixtures.ts';
import { addMembers, arrive, api, inDays, OPEN_STATUTE, type Headers, type NewMember } from './helpers.ts';

let p: TestPlatform;
let f: SmallFederation;
let admin: Headers; // adminC1: Giulia Bianchi, administrator and member of c1
let mario: Headers;
let voters: NewMember[];
let voterH: Headers[];
let recent: NewMember[];
let a: ReturnType<typeof api>;
let assemblyId: string;

before(async () => {
  p = await startTestPlatform();
  f = await seedSmallFederation(p.database);
  a = api(p);
  voters = await addMembers(p.database, f.c1, 4, { accounts: true, prefix: 'vot' });
  recent = await addMembers(p.database, f.c1, 1, { daysAgo: 41 - 20, accounts: true, prefix: 'new' });
  await addMembers(p.database, f.c1, 1, { legal: true, prefix: 'leg' });
  admin = await p.signIn(f.accounts.adminC1.email, PASSWORD);
  mario = await p.signIn(f.accounts.member.email, PASSWORD);
  voterH = await Promise.all(voters.map((v) => p.signIn(v.email, PASSWORD)));
});
after(() => p.close());

test('statute: defaults from the Codice civile, a new version may only tighten the law', async () => {
  const d = await a.get(`/api/v1/cooperatives/${f.c1}/governance/statute`, admin);
  assert.equal(d.status, 200);
  assert.equal(d.body.version, 0);
  assert.equal(d.body.params.minDaysInRegister, 90);
  assert.equal(d.body.params.maxProxiesPerHolder, 10);
  const loose = await a.put(`/api/v1/cooperatives/${f.c1}/governance/statute`, admin, { params: { maxProxiesPerHolder: 11 } });
  assert.equal(loose.status, 400);
  assert.equal(loose.body.errors[0].field, 'body/params/maxProxiesPerHolder');
  const ok = await a.put(`/api/v1/cooperatives/${f.c1}/governance/statute`, admin, { params: { ...OPEN_STATUTE, legalPersonVotes: 3, maxProxiesPerHolder: 2 }, note: 'art. 12 dello statuto' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.version, 1);
  const asMember = await a.put(`/api/v1/cooperatives/${f.c1}/governance/statute`, mario, { params: {} });
  assert.equal(asMember.status, 403);
});

test('convene: notice period, roll at the record date with reasons, notices and e-mails', async () => {
  const draft = await a.post(`/api/v1/cooperatives/${f.c1}/assemblies`, admin, {
    kind: 'ordinary',
    title: 'Assemblea di bilancio',
    mode: 'hybrid',
    place: 'Sede sociale',
    firstCallAt: inDays(10),
    secondCallAt: inDays(11),
    items: [
      { kind: 'resolution', title: 'Bilancio 2025', motion: 'Si approva il bilancio 2025.', ballot: { method: 'yes_no', remoteVoting: true } },
      { kind: 'election', title: 'Consiglio di amministrazione', ballot: { method: 'stv', seats: 2, secret: true, candidates: [{ name: 'Anna' }, { name: 'Bruno' }, { name: 'Carla' }] } },
      { kind: 'information', title: 'Varie' },
    ],
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  assemblyId = draft.body.id;
  assert.equal(draft.body.status, 'draft');
  assert.equal(draft.body.items.length, 3);
  // A member does not see a draft.
  assert.equal((await a.get(`/api/v1/assemblies/${assemblyId}`, mario)).status, 404);
  // 10 days' notice is too short (15 needed, art. 2366).
  const short = await a.post(`/api/v1/assemblies/${assemblyId}/convene`, admin);
  assert.equal(short.status, 400);
  assert.equal(short.body.errors[0].code, 'governance.calls.notice-too-short');
  const same = await a.patch(`/api/v1/assemblies/${assemblyId}`, admin, { firstCallAt: inDays(16, 9), secondCallAt: inDays(16, 15) });
  assert.equal(same.status, 400);
  assert.equal(same.body.errors[0].code, 'governance.calls.second-same-day');
  assert.equal((await a.patch(`/api/v1/assemblies/${assemblyId}`, admin, { firstCallAt: inDays(16), secondCallAt: inDays(17) })).status, 200);
  // One voter reads the platform in English: their notice comes in English.
  await p.database.query(`UPDATE accounts SET locale = 'en' WHERE email = $1`, [voters[3]!.email]);
  const conv = await a.post(`/api/v1/assemblies/${assemblyId}/convene`, admin);
  assert.equal(conv.status, 200, JSON.stringify(conv.body));
  const english = await p.database.query<{ subject: string; text_body: string; locale: string }>(`SELECT subject, text_body, locale FROM mail_outbox WHERE to_address = $1`, [voters[3]!.email]);
  assert.equal(english.rows[0]!.locale, 'en');
  assert.match(english.rows[0]!.subject, /^Notice of meeting — /);
  assert.match(english.rows[0]!.text_body, /^Dear Socio3 vot,\n\nthe board of .* convenes the ordinary general meeting/);
  assert.match(english.rows[0]!.text_body, /First call: \w+day, \d{1,2} \w+ \d{4} at \d{2}:\d{2}/);
  const italian = await p.database.query<{ subject: string; locale: string }>(`SELECT subject, locale FROM mail_outbox WHERE to_address = $1`, [voters[0]!.email]);
  assert.deepEqual([italian.rows[0]!.locale, italian.rows[0]!.subject.startsWith('Convocazione di assemblea')], ['it', true]);
  // c1 members on the record date: mario, giulia, 4 voters, 1 recent, 1 legal person (luca exited in 2022).
  assert.equal(conv.body.notices, 8);
  assert.equal(conv.body.emails, 8);
  // The e-mails go through the platform's mailer: without SMTP_URL they wait in the administrators' outbox.
  const mails = await p.database.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM mail_outbox WHERE template = 'governance-convocation' GROUP BY status`,
  );
  assert.deepEqual(mails.rows, [{ status: 'outbox', n: 8 }]);
  const detail = await a.get(`/api/v1/assemblies/${assemblyId}`, mario);
  assert.equal(detail.status, 200);
  assert.equal(detail.body.status, 'convened');
  assert.equal(detail.body.statuteVersion, 1);
  assert.deepEqual(detail.body.roll, { ...detail.body.roll, members: 8, voters: 7, votes: 9 });
  // The agenda is fixed now.
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/items`, admin, { kind: 'information', title: 'Altro' })).status, 409);
});

test('a member reads their roll entry, explained; the recent member is told why they cannot vote', async () => {
  const me = await a.get(`/api/v1/assemblies/${assemblyId}/roll/me?lang=en`, mario);
  assert.equal(me.status, 200);
  assert.equal(me.body.entry.eligible, true);
  assert.equal(me.body.entry.weight, 1);
  const h = await p.signIn(recent[0]!.email, PASSWORD);
  const r = await a.get(`/api/v1/assemblies/${assemblyId}/roll/me`, h);
  assert.equal(r.body.entry.eligible, false);
  assert.equal(r.body.entry.reason, 'seniority');
  assert.equal(r.body.entry.daysInRegister, 37);
  assert.match(r.body.explanation[0], /37 giorni prima dell’assemblea: ne servono almeno 90 \(art\. 2538 c\. 1 c\.c\.\)/);
  const roll = await a.get(`/api/v1/assemblies/${assemblyId}/roll?eligible=false`, admin);
  assert.equal(roll.body.total, 1);
  const legal = (await a.get(`/api/v1/assemblies/${assemblyId}/roll?q=Impresa`, admin)).body.items[0];
  assert.equal(legal.weight, 3);
  assert.equal((await a.get(`/api/v1/assemblies/${assemblyId}/roll`, mario)).status, 403);
});

test('notices: the member opens and acknowledges; the e-mail receipt link records the opening', async () => {
  const mine = await a.get('/api/v1/me/notices', mario);
  assert.equal(mine.body.items.length, 1);
  assert.equal((await a.post(`/api/v1/me/notices/${assemblyId}/acknowledge`, mario)).body.acknowledgedAt !== null, true);
  const outbox = await a.get(`/api/v1/cooperatives/${f.c1}/governance/outbox`, admin);
  assert.equal(outbox.status, 200);
  assert.equal(outbox.body.total, 8);
  assert.ok(outbox.body.items.every((m: { delivery: string; sentAt: string | null }) => m.delivery === 'outbox' && m.sentAt === null));
  // When the platform's mailer delivers one (what it writes on success), the outbox shows it sent — and keeps
  // saying so after retention has purged the mail itself.
  const delivered = await p.database.query<{ id: string }>(
    `UPDATE mail_outbox SET status = 'sent', sent_at = now(), text_body = NULL WHERE id = (SELECT mail_id FROM governance_outbox WHERE to_address = $1) RETURNING id`,
    [voters[1]!.email],
  );
  assert.equal(delivered.rows.length, 1);
  const sentRow = (await a.get(`/api/v1/cooperatives/${f.c1}/governance/outbox`, admin)).body.items.find((m: { toAddress: string }) => m.toAddress === voters[1]!.email);
  assert.equal(sentRow.delivery, 'sent');
  assert.ok(sentRow.sentAt);
  await p.database.query('DELETE FROM mail_outbox WHERE id = $1', [delivered.rows[0]!.id]);
  const purged = (await a.get(`/api/v1/cooperatives/${f.c1}/governance/outbox`, admin)).body.items.find((m: { toAddress: string }) => m.toAddress === voters[1]!.email);
  assert.deepEqual([purged.delivery, purged.sentAt], ['sent', sentRow.sentAt]);
  const mail = outbox.body.items.find((m: { toAddress: string }) => m.toAddress === voters[0]!.email);
  const token = /receipts\/([0-9a-f-]{36})/.exec(mail.body)?.[1];
  assert.ok(token);
  const receipt = await p.app.inject({ method: 'GET', url: `/api/v1/governance/receipts/${token}` });
  assert.equal(receipt.statusCode, 200);
  const report = await a.get(`/api/v1/assemblies/${assemblyId}/notices`, admin);
  assert.equal(report.body.totals.acknowledged, 1);
  assert.equal(report.body.totals.opened, 2);
  assert.equal(report.body.totals.emailsOpened, 1);
  assert.equal((await a.get(`/api/v1/cooperatives/${f.c1}/governance/outbox`, mario)).status, 403);
});

test('proxies: to another member only, limit per holder, revocable; the holder sees what they carry', async () => {
  const [v0, v1, v2] = voters as [NewMember, NewMember, NewMember, NewMember];
  const toSelf = await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[1]!, { holderPersonId: v1.personId });
  assert.equal(toSelf.status, 409);
  const toOutsider = await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[1]!, { holderPersonId: f.people.anna });
  assert.equal(toOutsider.status, 409);
  assert.equal(toOutsider.body.errors[0].code, 'governance.proxy.holder-not-member');
  const g1 = await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[1]!, { holderPersonId: v0.personId });
  assert.equal(g1.status, 201, JSON.stringify(g1.body));
  const g2 = await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[2]!, { holderPersonId: v0.personId });
  assert.equal(g2.status, 201);
  // The statute allows 2 proxies per holder.
  const g3 = await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[3]!, { holderPersonId: v0.personId });
  assert.equal(g3.status, 409);
  assert.equal(g3.body.errors[0].code, 'governance.proxy.limit');
  // A director cannot hold proxies (art. 2372).
  assert.equal((await a.post(`/api/v1/cooperatives/${f.c1}/governance/officers`, admin, { personId: f.people.mario, role: 'director', since: '2024-01-01' })).status, 201);
  const toDirector = await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[3]!, { holderPersonId: f.people.mario });
  assert.equal(toDirector.body.errors[0].code, 'governance.proxy.holder-officer');
  // v2 revokes and gives it again.
  const rev = await a.post(`/api/v1/proxies/${g2.body.id}/revoke`, voterH[2]!);
  assert.equal(rev.status, 200);
  assert.equal((await a.post(`/api/v1/proxies/${g2.body.id}/revoke`, voterH[1]!)).status, 403);
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/proxies`, voterH[2]!, { holderPersonId: v0.personId })).status, 201);
  const me = await a.get(`/api/v1/assemblies/${assemblyId}/me`, voterH[0]!);
  assert.equal(me.body.proxiesHeld.length, 2);
  assert.deepEqual(me.body.proxiesHeld.map((x: { grantorPersonId: string }) => x.grantorPersonId).sort(), [v1.personId, v2.personId].sort());
});

test('the session opens only when the first call has come and its quorum is met (in votes)', async () => {
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/open`, admin, { call: 'first' })).status, 409);
  await arrive(p.database, assemblyId);
  // Nobody present: the first call needs half of the 9 votes (art. 2368).
  const noQuorum = await a.post(`/api/v1/assemblies/${assemblyId}/open`, admin, { call: 'first' });
  assert.equal(noQuorum.status, 409);
  assert.match(noQuorum.body.detail, /0 voti presenti o rappresentati su 9/);
  // voter 0 checks in online (hybrid assembly), carrying two proxies: 3 votes; Mario is checked in by staff: 4; giulia 5.
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/attendance/check-in`, voterH[0]!, {})).status, 200);
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/attendance/check-in`, admin, { personId: f.people.mario })).status, 200);
  const live = await a.get(`/api/v1/assemblies/${assemblyId}/live`, mario);
  assert.equal(live.body.presence.total, 4);
  assert.equal(live.body.presence.representedPeople, 2);
  assert.equal(live.body.quorum.met, false);
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/attendance/check-in`, admin, { personId: f.people.giulia })).status, 200);
  const open = await a.post(`/api/v1/assemblies/${assemblyId}/open`, admin, { call: 'first' });
  assert.equal(open.status, 200, JSON.stringify(open.body));
  assert.equal(open.body.presence.total, 5);
});

test('votes: in person, for represented members, by post; once each', async () => {
  const detail = (await a.get(`/api/v1/assemblies/${assemblyId}`, admin)).body;
  const resolution = detail.items[0].ballot;
  assert.equal((await a.post(`/api/v1/ballots/${resolution.id}/votes`, mario, { vote: 'yes' })).status, 409); // not open yet
  assert.equal((await a.post(`/api/v1/ballots/${resolution.id}/open`, admin)).status, 200);
  assert.equal((await a.post(`/api/v1/ballots/${resolution.id}/votes`, mario, { vote: 'yes' })).status, 201);
  const again = await a.post(`/api/v1/ballots/${resolution.id}/votes`, mario, { vote: 'no' });
  assert.equal(again.status, 409);
  assert.equal(again.body.detail, 'Il voto è già stato espresso: ogni socio vota una volta sola');
  const [v0, v1, v2, v3] = voters as NewMember[] as [NewMember, NewMember, NewMember, NewMember];
  const carried = await a.post(`/api/v1/ballots/${resolution.id}/votes`, voterH[0]!, { vote: 'no', voters: [v0.personId, v1.personId, v2.personId] });
  assert.equal(carried.status, 201, JSON.stringify(carried.body));
  assert.equal(carried.body.cast.length, 3);
  // v3 holds no proxy from anyone: cannot vote for mario; v3 votes remotely (the ballot allows it).
  assert.equal((await a.post(`/api/v1/ballots/${resolution.id}/votes`, voterH[3]!, { vote: 'yes', voters: [f.people.giulia] })).status, 403);
  const remote = await a.post(`/api/v1/ballots/${resolution.id}/votes`, voterH[3]!, { vote: 'yes' });
  assert.equal(remote.body.cast[0].channel, 'remote');
  // The legal person's postal ballot, recorded by staff: 3 votes.
  const legal = (await a.get(`/api/v1/assemblies/${assemblyId}/roll?q=Impresa`, admin)).body.items[0];
  const postal = await a.post(`/api/v1/ballots/${resolution.id}/votes`, admin, { vote: 'abstain', voters: [legal.personId], postal: true });
  assert.equal(postal.status, 201, JSON.stringify(postal.body));
  // A member cannot record postal votes.
  assert.equal((await a.post(`/api/v1/ballots/${resolution.id}/votes`, mario, { vote: 'yes', voters: [f.people.giulia], postal: true })).status, 403);
  const closed = await a.post(`/api/v1/ballots/${resolution.id}/close?lang=en`, admin);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const r = closed.body.result;
  // The fingerprint is anyone's to recompute: SHA-256 of the served result's canonical JSON (RFC 8785), without the
  // two fields the view adds in the reader's language.
  const { explanationText: _t, candidateNames: _n, ...frozen } = r;
  assert.equal(createHash('sha256').update(canonicalize(frozen) as string).digest('hex'), closed.body.resultSha256);
  const served = (await a.get(`/api/v1/ballots/${resolution.id}`, mario)).body;
  assert.equal(served.resultSha256, closed.body.resultSha256);
  // Present: giulia (not voted), mario, v0 + 2 proxies, v3 (remote), legal person (3) = 1+1+3+1+3 = 9.
  assert.equal(r.presence.total, 9);
  assert.deepEqual(r.resolution && { yes: r.resolution.yes, no: r.resolution.no, abstain: r.resolution.abstain }, { yes: '2', no: '3', abstain: '3' });
  // Ordinary, first call: more than half of the votes present (9) → 4.5 needed, 2 yes: rejected.
  assert.equal(r.outcome, 'rejected');
  assert.match(r.explanationText.at(-2), /more than 1\/2 of the votes present or represented \(9\) = 4\.5; majority not reached \(art\. 2368 c\. 1 c\.c\.\)/);
  assert.equal((await a.post(`/api/v1/ballots/${resolution.id}/votes`, voterH[3]!, { vote: 'yes' })).status, 409);
});

test('a secret STV election keeps no voter id with the choice and counts as Scottish STV', async () => {
  const detail = (await a.get(`/api/v1/assemblies/${assemblyId}`, admin)).body;
  const election = detail.items[1].ballot;
  const [anna, bruno, carla] = election.candidates.map((c: { id: string }) => c.id);
  assert.equal((await a.post(`/api/v1/ballots/${election.id}/open`, admin)).status, 200);
  assert.equal((await a.post(`/api/v1/ballots/${election.id}/votes`, mario, { candidates: [anna, bruno] })).status, 201);
  assert.equal((await a.post(`/api/v1/ballots/${election.id}/votes`, admin, { candidates: [bruno, carla] })).status, 201);
  assert.equal((await a.post(`/api/v1/ballots/${election.id}/votes`, voterH[0]!, { candidates: [carla, anna], voters: [voters[0]!.personId, voters[1]!.personId] })).status, 201);
  const dup = await a.post(`/api/v1/ballots/${election.id}/votes`, voterH[0]!, { candidates: [anna, anna] });
  assert.equal(dup.status, 400);
  const { rows } = await p.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ballot_choices WHERE ballot_id = $1 AND voter_person_id IS NOT NULL', [election.id]);
  assert.equal(rows[0]?.n, 0);
  const closed = await a.post(`/api/v1/ballots/${election.id}/close`, admin);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const e = closed.body.result.election;
  assert.equal(e.stv.quota, '2');
  assert.deepEqual(e.elected.length, 2);
  assert.ok(e.elected.includes(2)); // Carla: 2 first preferences = quota
  const exported = await a.get(`/api/v1/ballots/${election.id}/export`, admin);
  assert.equal(exported.status, 200);
  assert.equal(exported.body.format, 'cooperando-ballots/1');
  assert.equal(exported.body.seed, closed.body.result.seed);
});

test('closing seals the minutes; the hash verifies the PDF; nothing changes afterwards', async () => {
  const closed = await a.post(`/api/v1/assemblies/${assemblyId}/close`, admin);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const pdf = await p.app.inject({ method: 'GET', url: `/api/v1/assemblies/${assemblyId}/minutes.pdf`, headers: mario });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const sha = createHash('sha256').update(pdf.rawPayload).digest('hex');
  assert.equal(sha, closed.body.sha256);
  const verify = await p.app.inject({ method: 'GET', url: `/api/v1/governance/minutes/verify/${sha}` });
  assert.equal(verify.json().valid, true);
  assert.equal((await p.app.inject({ method: 'GET', url: `/api/v1/governance/minutes/verify/${'0'.repeat(64)}` })).json().valid, false);
  // Frozen in SQL too: the triggers refuse any change to a closed assembly, ballot or vote.
  await assert.rejects(p.database.query(`UPDATE assemblies SET title = 'x' WHERE id = $1`, [assemblyId]));
  await assert.rejects(p.database.query(`UPDATE assembly_ballots SET result = '{}' WHERE assembly_id = $1`, [assemblyId]));
  await assert.rejects(p.database.query(`DELETE FROM ballot_casts WHERE ballot_id IN (SELECT id FROM assembly_ballots WHERE assembly_id = $1)`, [assemblyId]));
  await assert.rejects(p.database.query(`UPDATE assembly_minutes SET sha256 = 'x' WHERE assembly_id = $1`, [assemblyId]));
  assert.equal((await a.post(`/api/v1/assemblies/${assemblyId}/attendance/check-in`, admin, { personId: f.people.mario })).status, 409);
});

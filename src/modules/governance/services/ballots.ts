// Voting: the chair opens and closes each ballot; members vote for themselves, proxy holders for each member they
// represent (a separate weighted vote each), delegates with their section's votes, and the chair's staff records
// postal ballots. One member, one vote: the (ballot, voter) primary key settles races and retries inside PostgreSQL.
// A vote is one SQL statement (eligibility, presence, proxy and one-vote checks and both inserts), so the common
// case costs one round trip; only a refused vote pays for a second query that explains why.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, conflict, forbidden, invalid, notFound } from '../../../core/errors.ts';
import { canManageRegister } from '../../registry/index.ts';
import { encodeChoice, defaultMaxChoices, type BallotSpec, type Method, type YesNo } from '../domain/ballot.ts';
import { tally, mergeGroups, type Group, type TallyResult } from '../domain/tally/index.ts';
import { BALLOT_FILE_FORMAT, type BallotFile } from '../domain/ballot-file.ts';
import type { StatuteParams } from '../domain/statute.ts';
import type { Locale } from '../../../core/i18n.ts';
import { loadAssembly } from './access.ts';
import { inTx, mapDbError, one, rows, uuidArray, type Actor } from './common.ts';
import { presenceAtClose } from './presence.ts';
import { ballotViews } from './view.ts';
import { closeEncrypted, prepareEncryptedOpening } from './evote.ts';

interface OpenBallotSpec extends BallotSpec {
  id: string;
  assemblyId: string;
  cooperativeId: string;
  candidateIds: string[];
  secret: boolean;
  ballotType: string;
}

/** Specs of open ballots: method, seats and candidates never change once a ballot is open (a trigger forbids it),
 * so they are cached; whether the ballot is still open is checked by the vote statement itself. */
const specCache = new Map<string, OpenBallotSpec>();

async function openSpec(db: Db, ballotId: string): Promise<OpenBallotSpec> {
  const cached = specCache.get(ballotId);
  if (cached) return cached;
  const b = await one<{ assemblyId: string; cooperativeId: string; method: Method; seats: number; maxChoices: number | null; secret: boolean; ballotType: string; status: string; candidateIds: string[] }>(db, sql`
    SELECT b.assembly_id AS "assemblyId", a.cooperative_id AS "cooperativeId", b.method, b.seats, b.max_choices AS "maxChoices", b.secret, b.ballot_type AS "ballotType", b.status,
           coalesce((SELECT array_agg(c.id ORDER BY c.position) FROM assembly_candidates c WHERE c.ballot_id = b.id), '{}') AS "candidateIds"
      FROM assembly_ballots b JOIN assemblies a ON a.id = b.assembly_id WHERE b.id = ${ballotId}`);
  if (!b) throw notFound('governance.ballot.not-found');
  const n = b.candidateIds.length;
  const spec: OpenBallotSpec = {
    id: ballotId,
    assemblyId: b.assemblyId,
    cooperativeId: b.cooperativeId,
    method: b.method,
    seats: b.seats,
    maxChoices: b.method === 'plurality' && b.maxChoices ? b.maxChoices : defaultMaxChoices(b.method, b.seats, n),
    candidateCount: n,
    candidateIds: b.candidateIds,
    secret: b.secret,
    ballotType: b.ballotType,
  };
  if (b.status !== 'draft') {
    if (specCache.size > 1000) specCache.clear();
    specCache.set(ballotId, spec);
  }
  return spec;
}

async function ballotRow(db: Db, ballotId: string) {
  const b = await one<{ id: string; assemblyId: string; method: Method; status: string; secret: boolean; ballotType: string; remoteVoting: boolean; candidates: number }>(db, sql`
    SELECT id, assembly_id AS "assemblyId", method, status, secret, ballot_type AS "ballotType", remote_voting AS "remoteVoting",
           (SELECT count(*)::int FROM assembly_candidates c WHERE c.ballot_id = b.id) AS candidates
      FROM assembly_ballots b WHERE id = ${ballotId}`);
  if (!b) throw notFound('governance.ballot.not-found');
  return b;
}

export async function openBallot(db: Db, actor: Actor, ballotId: string, locale: Locale) {
  const b = await ballotRow(db, ballotId);
  const a = await loadAssembly(db, actor.principal, b.assemblyId, 'manage');
  if (b.status !== 'draft') throw conflict('governance.ballot.not-draft');
  const statute = (await one<{ s: StatuteParams }>(db, sql`SELECT statute AS s FROM assemblies WHERE id = ${b.assemblyId}`))?.s;
  if (a.status === 'convened') {
    // Before the meeting a ballot opens only to collect remote or postal votes, where the statute allows them.
    const ahead = (b.remoteVoting && statute?.remoteVotingAllowed) || statute?.postalVotingAllowed;
    if (!ahead) throw conflict('governance.ballot.not-in-session');
  } else if (a.status !== 'in_session') {
    throw conflict('governance.ballot.not-in-session');
  }
  if (b.method !== 'yes_no' && b.candidates === 0) throw conflict('governance.ballot.no-candidates');
  if (a.parentId) {
    // A sectional meeting's election of delegates: every candidate must be a member of the section (art. 2540 c.c.).
    const outside = await one<{ n: number }>(db, sql`
      SELECT count(*)::int AS n FROM assembly_candidates c JOIN assembly_ballots b ON b.id = c.ballot_id JOIN assembly_items i ON i.id = b.item_id
        JOIN assemblies a ON a.id = b.assembly_id
       WHERE c.ballot_id = ${ballotId} AND i.source_item_id IS NULL AND i.kind = 'election'
         AND (c.person_id IS NULL OR NOT EXISTS (SELECT 1 FROM governance_section_members m WHERE m.section_id = a.section_id AND m.person_id = c.person_id))`);
    if ((outside?.n ?? 0) > 0) throw conflict('governance.sectional.delegate-not-member');
  }
  await inTx(db, async (tx) => {
    // An encrypted ballot fixes its manifest and writes its roll of slots first (its key ceremony must be over).
    if (b.ballotType === 'encrypted') await prepareEncryptedOpening(tx, ballotId, a.status);
    await tx.execute(sql`UPDATE assembly_ballots SET status = 'open', opened_at = now() WHERE id = ${ballotId}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.ballot.open', subjectType: 'ballot', subjectId: ballotId, organisationId: a.cooperativeId, requestId: actor.requestId });
  }).catch(mapDbError);
  return (await ballotViews(db, b.assemblyId, locale, ballotId))[0];
}

export interface CastInput {
  /** yes/no/abstain for a resolution. */
  vote?: YesNo;
  /** Candidate ids: marked ones, or in order of preference for STV and Schulze; [] is a blank ballot. */
  candidates?: string[];
  /** Members whose vote this is (default: the signed-in member). */
  voters?: string[];
  /** 'postal': the chair's staff records a postal ballot received from the member. */
  postal?: boolean;
}

export interface CastResult {
  ballotId: string;
  cast: { personId: string; channel: 'in_meeting' | 'remote' | 'postal' }[];
}

function encode(spec: OpenBallotSpec, input: CastInput): string {
  let parsed;
  if (spec.method === 'yes_no') {
    if (input.candidates !== undefined || input.vote === undefined) throw invalid([{ field: 'body/vote', code: 'governance.vote.yes-no-expected' }]);
    parsed = encodeChoice(spec, { vote: input.vote });
  } else {
    if (input.vote !== undefined || input.candidates === undefined) throw invalid([{ field: 'body/candidates', code: 'governance.vote.candidates-expected' }]);
    const positions = input.candidates.map((id) => spec.candidateIds.indexOf(id));
    const bad = positions.indexOf(-1);
    if (bad >= 0) throw invalid([{ field: `body/candidates/${bad}`, code: 'governance.vote.unknown-candidate' }]);
    parsed = encodeChoice(spec, { candidates: positions });
  }
  if (!parsed.ok) throw invalid([{ field: spec.method === 'yes_no' ? 'body/vote' : 'body/candidates', code: parsed.code }]);
  return parsed.encoded;
}

/** Casts one vote per voter, all or none. */
export async function castVote(db: Db, actor: Actor, ballotId: string, input: CastInput): Promise<CastResult> {
  const p = actor.principal;
  const spec = await openSpec(db, ballotId);
  // An encrypted ballot is cast encrypted, from the member's browser (POST …/evote/cast).
  if (spec.ballotType === 'encrypted') throw conflict('governance.evote.cast-encrypted');
  const choice = encode(spec, input);
  const postal = input.postal === true;
  if (postal && !canManageRegister(p, spec.cooperativeId)) throw forbidden();
  // Without a person (a staff account) one can only record postal ballots.
  if (!postal && !p.personId) throw forbidden();
  const voters = [...new Set(input.voters ?? (p.personId ? [p.personId] : []))];
  if (voters.length === 0) throw invalid([{ field: 'body/voters', code: 'governance.vote.no-voter' }]);
  const caster = postal ? null : p.personId;
  if (!postal && !caster) throw forbidden();
  const statement = sql`
    WITH b AS (
      SELECT b.id, b.secret, a.id AS assembly_id, a.status AS astatus,
             (coalesce((a.statute->>'remoteVotingAllowed')::boolean, false) AND b.remote_voting) AS remote_ok,
             coalesce((a.statute->>'postalVotingAllowed')::boolean, false) AS postal_ok,
             EXISTS (SELECT 1 FROM assembly_attendance t WHERE t.assembly_id = a.id AND t.person_id = ${caster} AND t.present) AS caster_present
        FROM assembly_ballots b JOIN assemblies a ON a.id = b.assembly_id
       WHERE b.id = ${ballotId} AND b.status = 'open' AND a.status IN ('convened', 'in_session')),
    ch AS (
      SELECT b.*, CASE WHEN ${postal}::boolean THEN CASE WHEN b.postal_ok THEN 'postal' END
                       WHEN b.astatus = 'in_session' AND b.caster_present THEN 'in_meeting'
                       WHEN b.remote_ok THEN 'remote' END AS channel
        FROM b),
    v AS (
      SELECT r.person_id, r.weight, r.financing, ch.channel, ch.secret
        FROM ch JOIN assembly_roll r ON r.assembly_id = ch.assembly_id AND r.person_id = ANY (${uuidArray(voters)}) AND r.eligible
       WHERE ch.channel IS NOT NULL
         AND (${postal}::boolean OR r.person_id = ${caster}
              OR (ch.channel = 'in_meeting'
                  AND EXISTS (SELECT 1 FROM assembly_proxies x WHERE x.assembly_id = ch.assembly_id AND x.grantor_person_id = r.person_id
                                 AND x.holder_person_id = ${caster} AND x.revoked_at IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM assembly_attendance g WHERE g.assembly_id = ch.assembly_id AND g.person_id = r.person_id AND g.present)))),
    ins AS (
      INSERT INTO ballot_casts (ballot_id, voter_person_id, cast_by_person_id, cast_by_account_id, channel)
      SELECT ${ballotId}, v.person_id, ${caster}, ${p.accountId}, v.channel FROM v
      ON CONFLICT DO NOTHING
      RETURNING voter_person_id, channel),
    cho AS (
      INSERT INTO ballot_choices (ballot_id, voter_person_id, weight, financing, choice)
      SELECT ${ballotId}, CASE WHEN v.secret THEN NULL ELSE v.person_id END, v.weight, v.financing, ${choice}
        FROM ins JOIN v ON v.person_id = ins.voter_person_id
      RETURNING 1)
    SELECT ins.voter_person_id AS "personId", ins.channel FROM ins`;
  const run = async (conn: Db) => {
    const done = await rows<{ personId: string; channel: CastResult['cast'][number]['channel'] }>(conn, statement);
    if (done.length !== voters.length) throw await refusal(conn, spec, voters, done.map((d) => d.personId), caster, postal);
    return done;
  };
  // One voter: the statement alone is atomic. Several: a transaction, so a refusal for one writes none.
  const cast = voters.length === 1 ? await run(db).catch(mapDbError) : await inTx(db, run).catch(mapDbError);
  return { ballotId, cast };
}

/**
 * Records a stack of postal ballots at once (the chair's staff, where the statute allows postal voting): one
 * statement for the lot, all or none — a ballot of someone not entitled, or who already voted, refuses the stack.
 */
export async function castPostalBatch(db: Db, actor: Actor, ballotId: string, ballots: { voter: string; vote?: YesNo; candidates?: string[] }[]): Promise<CastResult> {
  const p = actor.principal;
  const spec = await openSpec(db, ballotId);
  if (!canManageRegister(p, spec.cooperativeId)) throw forbidden();
  if (spec.ballotType === 'encrypted') throw conflict('governance.evote.cast-encrypted');
  const voters: string[] = [];
  const choices: string[] = [];
  for (const [i, b] of ballots.entries()) {
    try {
      choices.push(encode(spec, b));
    } catch (e) {
      if (e instanceof ProblemError) throw invalid(e.fields.map((f) => ({ ...f, field: f.field.replace(/^body/, `body/ballots/${i}`) })));
      throw e;
    }
    voters.push(b.voter);
  }
  const dup = voters.findIndex((v, i) => voters.indexOf(v) !== i);
  if (dup >= 0) throw invalid([{ field: `body/ballots/${dup}/voter`, code: 'governance.vote.already-voted' }]);
  const statement = sql`
    WITH input AS (SELECT * FROM unnest(${uuidArray(voters)}, ${`{${choices.map((c) => `"${c}"`).join(',')}}`}::text[]) AS t(person_id, choice)),
    b AS (
      SELECT b.id, b.secret, a.id AS assembly_id FROM assembly_ballots b JOIN assemblies a ON a.id = b.assembly_id
       WHERE b.id = ${ballotId} AND b.status = 'open' AND a.status IN ('convened', 'in_session')
         AND coalesce((a.statute->>'postalVotingAllowed')::boolean, false)),
    v AS (
      SELECT r.person_id, r.weight, r.financing, input.choice, b.secret
        FROM b JOIN input ON true JOIN assembly_roll r ON r.assembly_id = b.assembly_id AND r.person_id = input.person_id AND r.eligible),
    ins AS (
      INSERT INTO ballot_casts (ballot_id, voter_person_id, cast_by_person_id, cast_by_account_id, channel)
      SELECT ${ballotId}, v.person_id, NULL, ${p.accountId}, 'postal' FROM v
      ON CONFLICT DO NOTHING
      RETURNING voter_person_id),
    cho AS (
      INSERT INTO ballot_choices (ballot_id, voter_person_id, weight, financing, choice)
      SELECT ${ballotId}, CASE WHEN v.secret THEN NULL ELSE v.person_id END, v.weight, v.financing, v.choice
        FROM ins JOIN v ON v.person_id = ins.voter_person_id
      RETURNING 1)
    SELECT ins.voter_person_id AS "personId" FROM ins`;
  const done = await inTx(db, async (tx) => {
    const r = await rows<{ personId: string }>(tx, statement);
    if (r.length !== voters.length) {
      const problem = await refusal(tx, spec, voters, r.map((x) => x.personId), null, true);
      throw new ProblemError(problem.status, problem.slug, { detailKey: problem.detailKey, detailParams: problem.detailParams, fields: problem.fields.map((f) => ({ ...f, field: f.field.replace(/^body\/voters\/(\d+)$/, 'body/ballots/$1/voter') })) });
    }
    return r;
  }).catch(mapDbError);
  return { ballotId, cast: done.map((d) => ({ personId: d.personId, channel: 'postal' as const })) };
}

/** Why a vote was refused (looked up only when it was). */
async function refusal(db: Db, spec: OpenBallotSpec, voters: string[], done: string[], caster: string | null, postal: boolean): Promise<ProblemError> {
  const s = await one<{ status: string; astatus: string; remoteOk: boolean; postalOk: boolean; casterPresent: boolean }>(db, sql`
    SELECT b.status, a.status AS astatus, (coalesce((a.statute->>'remoteVotingAllowed')::boolean, false) AND b.remote_voting) AS "remoteOk",
           coalesce((a.statute->>'postalVotingAllowed')::boolean, false) AS "postalOk",
           EXISTS (SELECT 1 FROM assembly_attendance t WHERE t.assembly_id = a.id AND t.person_id = ${caster} AND t.present) AS "casterPresent"
      FROM assembly_ballots b JOIN assemblies a ON a.id = b.assembly_id WHERE b.id = ${spec.id}`);
  if (!s || s.status !== 'open' || !['convened', 'in_session'].includes(s.astatus)) return conflict('governance.ballot.not-open');
  if (postal && !s.postalOk) return conflict('governance.vote.postal-not-allowed');
  for (const [i, v] of voters.entries()) {
    if (done.includes(v)) continue;
    const field = `body/voters/${i}`;
    const r = await one<{ eligible: boolean; reason: string | null; voted: boolean; proxy: boolean; present: boolean }>(db, sql`
      SELECT r.eligible, r.reason,
             EXISTS (SELECT 1 FROM ballot_casts c WHERE c.ballot_id = ${spec.id} AND c.voter_person_id = r.person_id) AS voted,
             EXISTS (SELECT 1 FROM assembly_proxies x WHERE x.assembly_id = r.assembly_id AND x.grantor_person_id = r.person_id
                        AND x.holder_person_id = ${caster} AND x.revoked_at IS NULL) AS proxy,
             EXISTS (SELECT 1 FROM assembly_attendance g WHERE g.assembly_id = r.assembly_id AND g.person_id = r.person_id AND g.present) AS present
        FROM assembly_roll r WHERE r.assembly_id = ${spec.assemblyId} AND r.person_id = ${v}`);
    if (!r) return new ProblemError(403, 'forbidden', { detailKey: 'governance.vote.not-on-roll', fields: [{ field, code: 'governance.vote.not-on-roll' }] });
    if (!r.eligible) return new ProblemError(403, 'forbidden', { detailKey: `governance.roll.short.${r.reason}`, fields: [{ field, code: `governance.roll.short.${r.reason}` }] });
    if (r.voted) return conflict('governance.vote.already-voted', [{ field, code: 'governance.vote.already-voted' }]);
    if (!postal && v !== caster) {
      if (!r.proxy) return new ProblemError(403, 'forbidden', { detailKey: 'governance.vote.no-proxy', fields: [{ field, code: 'governance.vote.no-proxy' }] });
      if (r.present) return conflict('governance.vote.grantor-present', [{ field, code: 'governance.vote.grantor-present' }]);
      if (!(s.astatus === 'in_session' && s.casterPresent)) return conflict('governance.vote.check-in-first', [{ field, code: 'governance.vote.check-in-first' }]);
    }
  }
  if (!postal && !(s.astatus === 'in_session' && s.casterPresent) && !s.remoteOk) return conflict('governance.vote.check-in-first');
  return conflict('governance.vote.refused');
}

/** Closes a ballot: shuffles a secret ballot's choices, counts, freezes the result. */
export async function closeBallot(db: Db, actor: Actor, ballotId: string, locale: Locale) {
  const b = await ballotRow(db, ballotId);
  const a = await loadAssembly(db, actor.principal, b.assemblyId, 'manage');
  if (b.status !== 'open') throw conflict('governance.ballot.not-open');
  if (a.status !== 'in_session' || !a.call) throw conflict('governance.ballot.not-in-session');
  if (b.ballotType === 'encrypted') {
    // Casting stops and the encrypted tally is computed; the ballot closes with its result once the trustees
    // decrypt it (services/evote.ts).
    await closeEncrypted(db, actor, ballotId, a.cooperativeId);
    specCache.delete(ballotId);
    return (await ballotViews(db, b.assemblyId, locale, ballotId))[0];
  }
  await inTx(db, async (tx) => {
    // Waits for the votes in flight (they hold the ballot's advisory lock in shared mode; see migration 0022).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(governance_ballot_lock_key(${ballotId}))`);
    const locked = await one<{ status: string }>(tx, sql`SELECT status FROM assembly_ballots WHERE id = ${ballotId} FOR UPDATE`);
    if (locked?.status !== 'open') throw conflict('governance.ballot.not-open');
    const result = await countBallot(tx, ballotId, b.secret);
    const json = JSON.stringify(result);
    // The fingerprint is over the result's canonical JSON (RFC 8785), not over this string: the database stores jsonb
    // (keys reordered), so anyone can recompute it from the result the API serves, whatever their JSON library.
    const hash = createHash('sha256').update(canonicalize(result) as string).digest('hex');
    await tx.execute(sql`UPDATE assembly_ballots SET status = 'closed', closed_at = now(), rule = ${JSON.stringify(result.rule)}::jsonb,
        result = ${json}::jsonb, result_sha256 = ${hash} WHERE id = ${ballotId}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.ballot.close', subjectType: 'ballot', subjectId: ballotId, organisationId: a.cooperativeId, requestId: actor.requestId, details: { outcome: result.outcome, sha256: hash } });
  }).catch(mapDbError);
  specCache.delete(ballotId);
  if (b.secret) {
    // Dead row versions of the choices (in their original order) go now rather than at the next autovacuum.
    await db.execute(sql`VACUUM ballot_choices`).catch(() => {});
  }
  return (await ballotViews(db, b.assemblyId, locale, ballotId))[0];
}

/**
 * Counts a ballot inside the closing transaction. A secret ballot's choices are first rewritten in random order:
 * the rows written while voting share their transaction id (xmin) and their place in the table with the "has voted"
 * rows; the rewritten rows all belong to the closing transaction, in an order that says nothing.
 */
export async function countBallot(tx: Db, ballotId: string, secret: boolean): Promise<TallyResult & { rule: unknown }> {
  if (secret) {
    await tx.execute(sql`
      WITH old AS (DELETE FROM ballot_choices WHERE ballot_id = ${ballotId} RETURNING weight, financing, choice)
      INSERT INTO ballot_choices (ballot_id, weight, financing, choice) SELECT ${ballotId}, weight, financing, choice FROM old ORDER BY random()`);
  }
  const info = await one<{ assemblyId: string; method: Method; seats: number; kind: 'ordinary' | 'extraordinary'; call: 'first' | 'second'; statute: StatuteParams; candidates: number }>(tx, sql`
    SELECT b.assembly_id AS "assemblyId", b.method, b.seats, a.kind, a.call, a.statute,
           (SELECT count(*)::int FROM assembly_candidates c WHERE c.ballot_id = b.id) AS candidates
      FROM assembly_ballots b JOIN assemblies a ON a.id = b.assembly_id WHERE b.id = ${ballotId}`);
  if (!info) throw notFound('governance.ballot.not-found');
  const groups = await rows<Group>(tx, sql`
    SELECT choice, financing, sum(weight)::int AS weight FROM ballot_choices WHERE ballot_id = ${ballotId} GROUP BY choice, financing`);
  const cast = groups.reduce((acc, g) => ({ total: acc.total + g.weight, financing: acc.financing + (g.financing ? g.weight : 0) }), { total: 0, financing: 0 });
  const pr = await presenceAtClose(tx, info.assemblyId, ballotId, cast);
  const rule = info.statute.quorums[info.kind][info.call];
  const result = tally({
    method: info.method,
    seats: info.method === 'yes_no' ? 1 : info.seats,
    candidateCount: info.candidates,
    groups,
    presence: { total: pr.total, financing: pr.financing },
    entitled: { total: pr.entitled.total, financing: pr.entitled.financing },
    rule,
    financingCapFraction: info.statute.financingCap,
  });
  return { ...result, rule };
}

/** The ballot file of a closed ballot, for `cooperando count` (no voter identities: choices, weights, flags). */
export async function exportBallot(db: Db, p: Principal, ballotId: string): Promise<BallotFile> {
  const b = await ballotRow(db, ballotId);
  await loadAssembly(db, p, b.assemblyId);
  if (b.status !== 'closed') throw conflict('governance.ballot.not-closed');
  // An encrypted ballot has no plaintext ballots to export: its election record is what anyone recounts.
  if (b.ballotType === 'encrypted') throw conflict('governance.evote.export-record');
  const info = await one<{ title: string; seats: number; result: TallyResult & { rule: BallotFile['rule'] }; statute: StatuteParams }>(db, sql`
    SELECT i.title, b.seats, b.result, a.statute FROM assembly_ballots b JOIN assembly_items i ON i.id = b.item_id JOIN assemblies a ON a.id = b.assembly_id
     WHERE b.id = ${ballotId}`);
  const candidates = await rows<{ position: number; name: string }>(db, sql`SELECT position, name FROM assembly_candidates WHERE ballot_id = ${ballotId} ORDER BY position`);
  // Identical ballots are summed: every method counts a weight-w ballot exactly as w identical ballots of weight 1.
  const groups = mergeGroups(await rows<Group>(db, sql`SELECT choice, financing, sum(weight)::int AS weight FROM ballot_choices WHERE ballot_id = ${ballotId} GROUP BY choice, financing`));
  const r = info?.result as TallyResult & { rule: BallotFile['rule'] };
  return {
    format: BALLOT_FILE_FORMAT,
    title: info?.title ?? '',
    method: b.method,
    seats: b.method === 'yes_no' ? 1 : (info?.seats ?? 1),
    candidates,
    rule: r.rule,
    financingCap: info?.statute.financingCap ?? { num: 1, den: 3 },
    presence: { total: r.presence.total, financing: r.presence.financing },
    entitled: { total: r.presence.entitledTotal, financing: (await one<{ f: number }>(db, sql`SELECT roll_financing_votes AS f FROM assemblies WHERE id = ${b.assemblyId}`))?.f ?? 0 },
    seed: r.seed,
    ballots: groups.map((g) => [g.choice, g.weight, g.financing ? 1 : 0]),
  };
}

/** Who voted (and, in an open ballot, how), for the chair and association staff; a member sees their own. */
export async function listCasts(db: Db, p: Principal, ballotId: string, page: number, pageSize: number) {
  const b = await ballotRow(db, ballotId);
  const a = await loadAssembly(db, p, b.assemblyId);
  const mine = !a.access.read;
  if (mine && !p.personId) throw forbidden();
  const filter = mine ? sql`AND (c.voter_person_id = ${p.personId} OR c.cast_by_person_id = ${p.personId})` : sql``;
  const spec = await openSpec(db, ballotId);
  const items = await rows<{ personId: string; name: string; channel: string; castByPersonId: string | null; castAt: string; choice: string | null }>(db, sql`
    SELECT c.voter_person_id AS "personId", coalesce(pe.family_name || ' ' || pe.given_name, pe.legal_name) AS name, c.channel,
           c.cast_by_person_id AS "castByPersonId", to_char(c.cast_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "castAt",
           ch.choice
      FROM ballot_casts c JOIN people pe ON pe.id = c.voter_person_id
      LEFT JOIN ballot_choices ch ON ch.ballot_id = c.ballot_id AND ch.voter_person_id = c.voter_person_id
     WHERE c.ballot_id = ${ballotId} ${filter}
     ORDER BY c.cast_at, c.voter_person_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  // An open ballot shows each choice: yes/no/abstain, or the candidate ids (in order of preference when ranked).
  const decode = (c: string | null) => (c === null || spec.method === 'yes_no' ? c : c === '' ? '' : c.split(',').map((i) => spec.candidateIds[Number(i)]).join(','));
  return { secret: b.secret, items: items.map((i) => ({ ...i, choice: decode(i.choice) })), page, pageSize };
}

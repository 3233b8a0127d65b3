// The end-to-end verifiable secret ballot (ballot_type 'encrypted'; migration 0034): the trustees' key ceremony,
// the roll of pseudonymous slots, casting on the hash-chained board, the homomorphic tally at closing, the trustees'
// partial decryptions and the result, and the election record anyone can check with `cooperando verify-election`.
// The cryptography is in ../verifiable (pure, shared with the browser); this file only stores, authorises and
// orchestrates. The server never holds a key that decrypts a ballot.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { t as translate, type Locale } from '../../../core/i18n.ts';
import { audit } from '../../../core/audit.ts';
import { ProblemError, conflict, forbidden, invalid, notFound, type FieldError } from '../../../core/errors.ts';
import { RANKED_METHODS, defaultMaxChoices, type Method } from '../domain/ballot.ts';
import { tally, type Group, type TallyResult } from '../domain/tally/index.ts';
import type { QuorumRule, StatuteParams } from '../domain/statute.ts';
import * as V from '../verifiable/index.ts';
import type {
  Ciphertext,
  ElectionManifest,
  ElectionRecord,
  EncryptedBallot,
  EncryptedShare,
  PartialDecryption,
  RollEntry,
  TrusteeKeyCommitment,
} from '../verifiable/types.ts';
import { loadAssembly } from './access.ts';
import { inTx, mapDbError, one, rows, type Actor } from './common.ts';
import { presenceAtClose } from './presence.ts';
import { ballotViews } from './view.ts';

export const EVOTE_FORMAT = 'cooperando-evote/1';
export const MAX_TRUSTEES = 10;
/** Groups of the roll, in the order of the encrypted tally: the financing members' votes are capped (art. 2526). */
const GROUPS = ['ordinary', 'financing'] as const;
type GroupName = (typeof GROUPS)[number];
export type ElectionStatus = 'ceremony' | 'ready' | 'tallying' | 'decrypted';

export interface TrusteeInput {
  personId: string;
}

// ---------- creating (with the ballot, on an agenda item) ----------

/** Shape checks of an encrypted ballot's settings (pure; the people are checked by `checkTrusteePeople`). */
export function checkEncryptedSettings(b: { method: Method; secret?: boolean; ballotType?: string; trustees?: TrusteeInput[]; threshold?: number }, field: string): FieldError[] {
  const out: FieldError[] = [];
  if (b.ballotType !== 'encrypted') {
    if (b.trustees?.length || b.threshold !== undefined) out.push({ field: `${field}/trustees`, code: 'governance.evote.trustees-only-encrypted' });
    return out;
  }
  if (RANKED_METHODS.includes(b.method)) out.push({ field: `${field}/method`, code: 'governance.evote.ranked-not-verifiable' });
  if (b.secret === false) out.push({ field: `${field}/secret`, code: 'governance.evote.secret-only' });
  const trustees = b.trustees ?? [];
  if (trustees.length < 1 || trustees.length > MAX_TRUSTEES) out.push({ field: `${field}/trustees`, code: 'governance.evote.trustees-count', params: { max: MAX_TRUSTEES } });
  const dup = trustees.findIndex((t, i) => trustees.findIndex((u) => u.personId === t.personId) !== i);
  if (dup >= 0) out.push({ field: `${field}/trustees/${dup}/personId`, code: 'governance.evote.trustee-twice' });
  const k = b.threshold ?? trustees.length;
  if (!Number.isInteger(k) || k < 1 || k > Math.max(trustees.length, 1)) out.push({ field: `${field}/threshold`, code: 'governance.evote.threshold', params: { n: trustees.length } });
  return out;
}

/** Trustees must be current members of the co-op with an account (they sign in to take part in the ceremony). */
export async function checkTrusteePeople(db: Db, coopId: string, trustees: TrusteeInput[], field: string): Promise<FieldError[]> {
  const out: FieldError[] = [];
  for (const [i, t] of trustees.entries()) {
    const ok = await one<{ ok: boolean }>(db, sql`
      SELECT EXISTS (SELECT 1 FROM memberships m JOIN accounts a ON a.person_id = m.person_id
                      WHERE m.cooperative_id = ${coopId} AND m.person_id = ${t.personId} AND m.exit_on IS NULL) AS ok`);
    if (!ok?.ok) out.push({ field: `${field}/trustees/${i}/personId`, code: 'governance.evote.trustee-not-member' });
  }
  return out;
}

/** Creates the election of a new encrypted ballot (inside the caller's transaction). */
export async function insertElection(tx: Db, ballotId: string, trustees: TrusteeInput[], threshold: number | undefined): Promise<void> {
  await tx.execute(sql`INSERT INTO evote_elections (ballot_id, trustees, threshold) VALUES (${ballotId}, ${trustees.length}, ${threshold ?? trustees.length})`);
  for (const [i, t] of trustees.entries()) {
    await tx.execute(sql`INSERT INTO evote_trustees (ballot_id, idx, person_id) VALUES (${ballotId}, ${i + 1}, ${t.personId})`);
  }
}

/** Where the trustees' appointment e-mails point and how they go out (the routes pass the platform's config). */
export interface TrusteeMail {
  publicUrl: string;
  /** 'smtp': queued for the mailer; 'outbox': kept in the mail outbox for the administrators to read. */
  mail: 'smtp' | 'outbox';
}

/**
 * Tells each trustee of the encrypted ballots just created (all of an assembly's, or one item's) that they were
 * appointed, by e-mail in their account's language with the link to their trustee page: the key ceremony happens
 * while the assembly is still a draft they cannot see, so the e-mail is how they learn of it.
 */
export async function mailTrustees(tx: Db, where: { assemblyId: string; itemId?: string }, m: TrusteeMail): Promise<number> {
  const list = await rows<{ ballotId: string; index: number; n: number; k: number; item: string; assembly: string; coop: string; name: string; email: string; lang: Locale; accountId: string }>(tx, sql`
    SELECT DISTINCT ON (t.ballot_id, t.idx) t.ballot_id AS "ballotId", t.idx AS index, e.trustees AS n, e.threshold AS k, i.title AS item, a.title AS assembly,
           o.name AS coop, coalesce(p.given_name || ' ' || p.family_name, p.legal_name) AS name, coalesce(nullif(p.email, ''), acc.email) AS email,
           coalesce(acc.locale, 'it') AS lang, acc.id AS "accountId"
      FROM evote_trustees t JOIN evote_elections e ON e.ballot_id = t.ballot_id JOIN assembly_ballots b ON b.id = t.ballot_id
      JOIN assembly_items i ON i.id = b.item_id JOIN assemblies a ON a.id = b.assembly_id JOIN organisations o ON o.id = a.cooperative_id
      JOIN people p ON p.id = t.person_id JOIN accounts acc ON acc.person_id = t.person_id
     WHERE b.assembly_id = ${where.assemblyId} ${where.itemId ? sql`AND b.item_id = ${where.itemId}` : sql``}
     ORDER BY t.ballot_id, t.idx, acc.created_at`);
  const base = m.publicUrl.replace(/\/$/, '');
  for (const r of list) {
    const lang: Locale = r.lang === 'en' ? 'en' : 'it';
    const vars = { ...r, link: `${base}/votazioni/${r.ballotId}/garante` };
    await tx.execute(sql`
      INSERT INTO mail_outbox (to_address, subject, text_body, template, locale, account_id, status)
      VALUES (${r.email}, ${translate(lang, 'governance.evote.trustee-mail.subject', vars)}, ${translate(lang, 'governance.evote.trustee-mail.body', vars)},
              'governance-evote-trustee', ${lang}, ${r.accountId}, ${m.mail === 'smtp' ? 'pending' : 'outbox'})`);
  }
  return list.length;
}

// ---------- loading and access ----------

interface Election {
  ballotId: string;
  assemblyId: string;
  cooperativeId: string;
  method: Method;
  seats: number;
  maxChoicesRaw: number | null;
  ballotStatus: 'draft' | 'open' | 'closed';
  status: ElectionStatus;
  trustees: number;
  threshold: number;
  publicKey: string | null;
  manifest: ElectionManifest | null;
  manifestHash: string | null;
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

async function loadElection(db: Db, ballotId: string): Promise<Election> {
  const e = await one<Election>(db, sql`
    SELECT b.id AS "ballotId", b.assembly_id AS "assemblyId", a.cooperative_id AS "cooperativeId", b.method, b.seats, b.max_choices AS "maxChoicesRaw",
           b.status AS "ballotStatus", e.status, e.trustees, e.threshold, e.public_key AS "publicKey", e.manifest, e.manifest_hash AS "manifestHash"
      FROM assembly_ballots b JOIN assemblies a ON a.id = b.assembly_id JOIN evote_elections e ON e.ballot_id = b.id
     WHERE b.id = ${ballotId}`);
  if (!e) throw notFound('governance.evote.not-found');
  return { ...e, manifest: e.manifest ? parse<ElectionManifest>(e.manifest) : null };
}

/** Who the principal is for this election: one who may see the assembly, and/or one of its trustees. */
async function access(db: Db, p: Principal, ballotId: string): Promise<{ e: Election; viewer: boolean; trustee: number | null }> {
  const e = await loadElection(db, ballotId);
  const t = p.personId ? await one<{ idx: number }>(db, sql`SELECT idx FROM evote_trustees WHERE ballot_id = ${ballotId} AND person_id = ${p.personId}`) : undefined;
  let viewer = true;
  try {
    await loadAssembly(db, p, e.assemblyId);
  } catch (err) {
    // A trustee takes part in the ceremony even before the assembly is convened (a draft members cannot see).
    if (!t) throw err;
    viewer = false;
  }
  return { e, viewer, trustee: t?.idx ?? null };
}

/** Only the account of trustee `idx` acts as that trustee. */
async function asTrustee(db: Db, p: Principal, ballotId: string, idx: number): Promise<Election> {
  const { e, trustee } = await access(db, p, ballotId);
  if (idx < 1 || idx > e.trustees) throw notFound('governance.evote.trustee-not-found');
  if (trustee !== idx) throw forbidden();
  return e;
}

// ---------- the state, for everyone concerned ----------

export async function electionState(db: Db, p: Principal, ballotId: string) {
  const { e, trustee } = await access(db, p, ballotId);
  const trustees = await rows<{ index: number; personId: string; name: string; committed: boolean; sharesPosted: boolean; sharesOk: boolean | null; badFrom: number[] | null; decrypted: boolean }>(db, sql`
    SELECT t.idx AS index, t.person_id AS "personId", coalesce(pe.given_name || ' ' || pe.family_name, pe.legal_name) AS name,
           t.commitment IS NOT NULL AS committed, t.shares_posted_at IS NOT NULL AS "sharesPosted", t.shares_ok AS "sharesOk", t.bad_from AS "badFrom",
           EXISTS (SELECT 1 FROM evote_partials d WHERE d.ballot_id = t.ballot_id AND d.idx = t.idx) AS decrypted
      FROM evote_trustees t JOIN people pe ON pe.id = t.person_id WHERE t.ballot_id = ${ballotId} ORDER BY t.idx`);
  const counts = await one<{ board: number; slots: number }>(db, sql`
    SELECT (SELECT count(*)::int FROM evote_board WHERE ballot_id = ${ballotId}) AS board, (SELECT count(*)::int FROM evote_roll WHERE ballot_id = ${ballotId}) AS slots`);
  return {
    ballotId,
    electionId: ballotId,
    status: e.status,
    ballotStatus: e.ballotStatus,
    method: e.method,
    trustees: e.trustees,
    threshold: e.threshold,
    publicKey: e.publicKey,
    manifest: e.manifest,
    manifestHash: e.manifestHash,
    trusteeList: trustees.map((t) => ({ ...t, badFrom: t.badFrom ?? [] })),
    myTrusteeIndex: trustee,
    boardEntries: counts?.board ?? 0,
    rollSlots: counts?.slots ?? 0,
  };
}

async function commitments(db: Db, ballotId: string): Promise<TrusteeKeyCommitment[]> {
  const r = await rows<{ commitment: unknown }>(db, sql`SELECT commitment FROM evote_trustees WHERE ballot_id = ${ballotId} AND commitment IS NOT NULL ORDER BY idx`);
  return r.map((x) => parse<TrusteeKeyCommitment>(x.commitment));
}

/** The posted commitments: public (they are in the election record). */
export async function listCommitments(db: Db, p: Principal, ballotId: string) {
  await access(db, p, ballotId);
  return { items: await commitments(db, ballotId) };
}

// ---------- the key ceremony (trustees) ----------

export async function postCommitment(db: Db, actor: Actor, ballotId: string, idx: number, c: TrusteeKeyCommitment) {
  const e = await asTrustee(db, actor.principal, ballotId, idx);
  if (e.status !== 'ceremony') throw conflict('governance.evote.ceremony-over');
  if (c.index !== idx) throw invalid([{ field: 'body/commitment/index', code: 'governance.evote.wrong-index' }]);
  if (c.commitments.length !== e.threshold) throw invalid([{ field: 'body/commitment/commitments', code: 'governance.evote.bad-commitment' }]);
  if (!safely(() => V.verifyTrusteeCommitment(c, e.threshold, ballotId))) throw invalid([{ field: 'body/commitment', code: 'governance.evote.bad-commitment' }]);
  await inTx(db, async (tx) => {
    const r = await rows(tx, sql`UPDATE evote_trustees SET commitment = ${JSON.stringify(c)}::jsonb, committed_at = now()
      WHERE ballot_id = ${ballotId} AND idx = ${idx} AND commitment IS NULL RETURNING idx`);
    if (r.length === 0) throw conflict('governance.evote.already-committed');
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.evote.commitment', subjectType: 'ballot', subjectId: ballotId, organisationId: e.cooperativeId, requestId: actor.requestId, details: { trustee: idx } });
  }).catch(mapDbError);
  return electionState(db, actor.principal, ballotId);
}

export async function postShares(db: Db, actor: Actor, ballotId: string, idx: number, shares: EncryptedShare[]) {
  const e = await asTrustee(db, actor.principal, ballotId, idx);
  if (e.status !== 'ceremony') throw conflict('governance.evote.ceremony-over');
  if ((await commitments(db, ballotId)).length !== e.trustees) throw conflict('governance.evote.commitments-missing');
  // Exactly one share for each other trustee, from this one.
  const expected = Array.from({ length: e.trustees }, (_, i) => i + 1).filter((j) => j !== idx);
  const errors: FieldError[] = [];
  shares.forEach((s, i) => {
    if (s.from !== idx) errors.push({ field: `body/shares/${i}/from`, code: 'governance.evote.wrong-index' });
    else if (!expected.includes(s.to) || shares.findIndex((x) => x.to === s.to) !== i) errors.push({ field: `body/shares/${i}/to`, code: 'governance.evote.wrong-index' });
  });
  if (!errors.length && shares.length !== expected.length) errors.push({ field: 'body/shares', code: 'governance.evote.shares-missing', params: { n: expected.length } });
  if (errors.length) throw invalid(errors);
  await inTx(db, async (tx) => {
    // The ballot's lock serialises the last trustees' posts, so exactly one of them makes the election ready.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(governance_ballot_lock_key(${ballotId}))`);
    const r = await rows(tx, sql`UPDATE evote_trustees SET shares_posted_at = now() WHERE ballot_id = ${ballotId} AND idx = ${idx} AND shares_posted_at IS NULL RETURNING idx`);
    if (r.length === 0) throw conflict('governance.evote.already-shared');
    for (const s of shares) {
      await tx.execute(sql`INSERT INTO evote_shares (ballot_id, from_idx, to_idx, payload) VALUES (${ballotId}, ${idx}, ${s.to}, ${JSON.stringify(s)}::jsonb)`);
    }
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.evote.shares', subjectType: 'ballot', subjectId: ballotId, organisationId: e.cooperativeId, requestId: actor.requestId, details: { trustee: idx } });
    const pending = await one<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM evote_trustees WHERE ballot_id = ${ballotId} AND shares_posted_at IS NULL`);
    if ((pending?.n ?? 1) === 0) {
      // Every commitment and share is in: the joint key is the sum of the trustees' constant terms.
      const all = await commitments(tx, ballotId);
      const key = V.jointPublicKey(all);
      await tx.execute(sql`UPDATE evote_elections SET status = 'ready', public_key = ${key}, ready_at = now() WHERE ballot_id = ${ballotId} AND status = 'ceremony'`);
      await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.evote.ready', subjectType: 'ballot', subjectId: ballotId, organisationId: e.cooperativeId, requestId: actor.requestId, details: { publicKey: key } });
    }
  }).catch(mapDbError);
  return electionState(db, actor.principal, ballotId);
}

/** The shares addressed to trustee `idx` (encrypted to their transport key; only they can open them). */
export async function sharesFor(db: Db, p: Principal, ballotId: string, idx: number) {
  const e = await asTrustee(db, p, ballotId, idx);
  const r = await rows<{ payload: unknown }>(db, sql`SELECT payload FROM evote_shares WHERE ballot_id = ${ballotId} AND to_idx = ${idx} ORDER BY from_idx`);
  return { trustees: e.trustees, threshold: e.threshold, items: r.map((x) => parse<EncryptedShare>(x.payload)) };
}

/** A trustee's check of the shares they received: all good, or a complaint naming the senders of bad shares. */
export async function acknowledgeShares(db: Db, actor: Actor, ballotId: string, idx: number, input: { ok: boolean; badFrom?: number[] }) {
  const e = await asTrustee(db, actor.principal, ballotId, idx);
  const bad = input.ok ? [] : [...new Set(input.badFrom ?? [])];
  const wrong = bad.findIndex((j) => j === idx || j < 1 || j > e.trustees);
  if (wrong >= 0) throw invalid([{ field: `body/badFrom/${wrong}`, code: 'governance.evote.wrong-index' }]);
  if (!input.ok && bad.length === 0) throw invalid([{ field: 'body/badFrom', code: 'field.required' }]);
  await inTx(db, async (tx) => {
    await tx.execute(sql`UPDATE evote_trustees SET shares_ok = ${input.ok}, bad_from = ${`{${bad.join(',')}}`}::int[] WHERE ballot_id = ${ballotId} AND idx = ${idx}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: input.ok ? 'governance.evote.shares-ok' : 'governance.evote.complaint', subjectType: 'ballot', subjectId: ballotId, organisationId: e.cooperativeId, requestId: actor.requestId, details: { trustee: idx, badFrom: bad } });
  }).catch(mapDbError);
  return electionState(db, actor.principal, ballotId);
}

// ---------- opening (called by openBallot, in its transaction) ----------

/** The manifest the ballots are bound to: choices are 'yes','no','abstain' or the candidates at opening. */
function buildManifest(e: Election, candidates: string[], publicKey: string): ElectionManifest {
  const yesNo = e.method === 'yes_no';
  const maxChoices = yesNo ? 1 : e.method === 'plurality' ? Math.min(e.maxChoicesRaw ?? defaultMaxChoices(e.method, e.seats, candidates.length), candidates.length) : candidates.length;
  return {
    format: EVOTE_FORMAT,
    electionId: e.ballotId,
    choices: yesNo ? ['yes', 'no', 'abstain'] : candidates,
    // Yes/no/abstain: exactly one mark. Elections: a blank ballot is allowed (0 marks), as on a paper ballot.
    minSelections: yesNo ? 1 : 0,
    maxSelections: maxChoices,
    trustees: e.trustees,
    threshold: e.threshold,
    publicKey,
  };
}

/**
 * Before an encrypted ballot opens: the key must exist (and no trustee complained of a bad share), then the
 * manifest is fixed and the roll of slots written, one random slot per eligible member of the assembly's roll.
 */
export async function prepareEncryptedOpening(tx: Db, ballotId: string, assemblyStatus: string): Promise<void> {
  const e = await loadElection(tx, ballotId);
  // The assembly's roll is final only once the session is open (it may be retaken at opening).
  if (assemblyStatus !== 'in_session') throw conflict('governance.evote.open-in-session');
  if (e.status !== 'ready' || !e.publicKey) throw conflict('governance.evote.not-ready');
  const complaints = await one<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM evote_trustees WHERE ballot_id = ${ballotId} AND shares_ok = false`);
  if ((complaints?.n ?? 0) > 0) throw conflict('governance.evote.complaint');
  const candidates = await rows<{ name: string }>(tx, sql`SELECT name FROM assembly_candidates WHERE ballot_id = ${ballotId} ORDER BY position`);
  const manifest = buildManifest(e, candidates.map((c) => c.name), e.publicKey);
  const hash = V.manifestHash(manifest);
  await tx.execute(sql`UPDATE evote_elections SET manifest = ${JSON.stringify(manifest)}::jsonb, manifest_hash = ${hash} WHERE ballot_id = ${ballotId}`);
  await tx.execute(sql`
    INSERT INTO evote_roll (ballot_id, slot, person_id, weight, grp)
    SELECT ${ballotId}, replace(gen_random_uuid()::text, '-', ''), r.person_id, r.weight, CASE WHEN r.financing THEN 'financing' ELSE 'ordinary' END
      FROM assembly_roll r WHERE r.assembly_id = ${e.assemblyId} AND r.eligible AND r.weight > 0`);
}

// ---------- voting ----------

interface SlotRow {
  slot: string;
  personId: string;
  name: string;
  weight: number;
  grp: GroupName;
  own: boolean;
  present: boolean;
  voted: boolean;
  lastTrackingCode: string | null;
}

/** My slots: my own, and those of the members whose proxy I hold (each cast separately). */
async function mySlots(db: Db, p: Principal, e: Election): Promise<SlotRow[]> {
  if (!p.personId) return [];
  return rows<SlotRow>(db, sql`
    SELECT r.slot, r.person_id AS "personId", coalesce(pe.given_name || ' ' || pe.family_name, pe.legal_name) AS name, r.weight, r.grp,
           r.person_id = ${p.personId} AS own,
           EXISTS (SELECT 1 FROM assembly_attendance g WHERE g.assembly_id = ${e.assemblyId} AND g.person_id = r.person_id AND g.present) AS present,
           EXISTS (SELECT 1 FROM evote_board x WHERE x.ballot_id = r.ballot_id AND x.slot = r.slot) AS voted,
           (SELECT x.tracking_code FROM evote_board x WHERE x.ballot_id = r.ballot_id AND x.slot = r.slot ORDER BY x.seq DESC LIMIT 1) AS "lastTrackingCode"
      FROM evote_roll r JOIN people pe ON pe.id = r.person_id
     WHERE r.ballot_id = ${e.ballotId}
       AND (r.person_id = ${p.personId}
            OR EXISTS (SELECT 1 FROM assembly_proxies x WHERE x.assembly_id = ${e.assemblyId} AND x.grantor_person_id = r.person_id
                          AND x.holder_person_id = ${p.personId} AND x.revoked_at IS NULL))
     ORDER BY own DESC, name`);
}

export async function myElection(db: Db, p: Principal, ballotId: string) {
  const { e, viewer } = await access(db, p, ballotId);
  if (!viewer) throw forbidden();
  const slots = await mySlots(db, p, e);
  return {
    ballotId,
    status: e.status,
    ballotStatus: e.ballotStatus,
    manifest: e.manifest,
    manifestHash: e.manifestHash,
    slots: slots.map(({ present: _present, ...s }) => s),
  };
}

export interface CastEncryptedInput {
  voterSlot: string;
  ballot: EncryptedBallot;
}

/** Runs a check from the crypto module on data from the request: malformed hex or points are a refusal, not a 500. */
function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

export async function castEncrypted(db: Db, actor: Actor, ballotId: string, input: CastEncryptedInput) {
  const p = actor.principal;
  const { e, viewer } = await access(db, p, ballotId);
  if (!viewer || !p.personId) throw forbidden();
  if (e.ballotStatus !== 'open' || e.status !== 'ready' || !e.manifest || !e.manifestHash) throw conflict('governance.ballot.not-open');
  // The slot must be the caller's own or one they carry by proxy, with the presence rules of a plain vote.
  const slot = (await mySlots(db, p, e)).find((s) => s.slot === input.voterSlot);
  if (!slot) {
    const exists = await one<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM evote_roll WHERE ballot_id = ${ballotId} AND slot = ${input.voterSlot}) AS ok`);
    if (!exists?.ok) throw invalid([{ field: 'body/voterSlot', code: 'governance.evote.unknown-slot' }]);
    throw new ProblemError(403, 'forbidden', { detailKey: 'governance.evote.not-your-slot', fields: [{ field: 'body/voterSlot', code: 'governance.evote.not-your-slot' }] });
  }
  const s = await one<{ astatus: string; remoteOk: boolean; casterPresent: boolean }>(db, sql`
    SELECT a.status AS astatus, (coalesce((a.statute->>'remoteVotingAllowed')::boolean, false) AND b.remote_voting) AS "remoteOk",
           EXISTS (SELECT 1 FROM assembly_attendance t WHERE t.assembly_id = a.id AND t.person_id = ${p.personId} AND t.present) AS "casterPresent"
      FROM assembly_ballots b JOIN assemblies a ON a.id = b.assembly_id WHERE b.id = ${ballotId}`);
  const inMeeting = s?.astatus === 'in_session' && s.casterPresent;
  if (!slot.own) {
    if (slot.present) throw conflict('governance.vote.grantor-present', [{ field: 'body/voterSlot', code: 'governance.vote.grantor-present' }]);
    if (!inMeeting) throw conflict('governance.vote.check-in-first', [{ field: 'body/voterSlot', code: 'governance.vote.check-in-first' }]);
  } else if (!inMeeting && !s?.remoteOk) {
    throw conflict('governance.vote.check-in-first');
  }
  const b = input.ballot;
  if (b.voterSlot !== input.voterSlot) throw invalid([{ field: 'body/ballot/voterSlot', code: 'governance.evote.slot-mismatch' }]);
  if (b.manifestHash !== e.manifestHash) throw invalid([{ field: 'body/ballot/manifestHash', code: 'governance.evote.wrong-manifest' }]);
  if (b.ciphertexts.length !== e.manifest.choices.length || b.choiceProofs.length !== e.manifest.choices.length) {
    throw invalid([{ field: 'body/ballot/ciphertexts', code: 'governance.evote.wrong-choices', params: { n: e.manifest.choices.length } }]);
  }
  const manifest = e.manifest;
  let verdict: { ok: true } | { ok: false; reason: string };
  try {
    verdict = V.verifyBallot(manifest, b);
  } catch (err) {
    verdict = { ok: false, reason: err instanceof Error ? err.message : 'malformed' };
  }
  if (!verdict.ok) {
    throw new ProblemError(400, 'validation', { detailKey: 'governance.evote.invalid-ballot', detailParams: { reason: verdict.reason }, fields: [{ field: 'body/ballot', code: 'governance.evote.invalid-ballot', params: { reason: verdict.reason } }] });
  }
  const trackingCode = V.trackingCode(b);
  const channel = inMeeting ? 'in_meeting' : 'remote';
  const entry = await inTx(db, async (tx) => {
    // Exclusive: casts serialise here (the chain needs the previous hash) and the closing waits for them.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(governance_ballot_lock_key(${ballotId}))`);
    const now = await one<{ bs: string; es: string }>(tx, sql`SELECT b.status AS bs, e.status AS es FROM assembly_ballots b JOIN evote_elections e ON e.ballot_id = b.id WHERE b.id = ${ballotId}`);
    if (now?.bs !== 'open' || now.es !== 'ready') throw conflict('governance.ballot.not-open');
    const dup = await one<{ seq: number }>(tx, sql`SELECT seq FROM evote_board WHERE ballot_id = ${ballotId} AND tracking_code = ${trackingCode}`);
    if (dup) throw conflict('governance.evote.duplicate-ballot', [{ field: 'body/ballot', code: 'governance.evote.duplicate-ballot' }]);
    const last = await one<{ seq: number; hash: string }>(tx, sql`SELECT seq, hash FROM evote_board WHERE ballot_id = ${ballotId} ORDER BY seq DESC LIMIT 1`);
    const seq = (last?.seq ?? 0) + 1;
    const hash = V.chainHash(last?.hash ?? null, e.manifestHash as string, trackingCode);
    await tx.execute(sql`INSERT INTO evote_board (ballot_id, seq, slot, tracking_code, hash, ballot) VALUES (${ballotId}, ${seq}, ${input.voterSlot}, ${trackingCode}, ${hash}, ${JSON.stringify(b)}::jsonb)`);
    // "Has voted" for turnout and presence: the first cast only (a re-vote replaces the ballot, not the voter).
    await tx.execute(sql`INSERT INTO ballot_casts (ballot_id, voter_person_id, cast_by_person_id, cast_by_account_id, channel)
      VALUES (${ballotId}, ${slot.personId}, ${p.personId}, ${p.accountId}, ${channel}) ON CONFLICT DO NOTHING`);
    return { seq, hash };
  }).catch(mapDbError);
  return { ballotId, voterSlot: input.voterSlot, trackingCode, seq: entry.seq, hash: entry.hash, revote: slot.voted };
}

// ---------- the public board and roll ----------

export async function boardPage(db: Db, p: Principal, ballotId: string, page: number, pageSize: number) {
  const { e } = await access(db, p, ballotId);
  const total = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM evote_board WHERE ballot_id = ${ballotId}`);
  const items = await rows<{ seq: number; hash: string; trackingCode: string; ballot: unknown; superseded: boolean }>(db, sql`
    SELECT x.seq, x.hash, x.tracking_code AS "trackingCode", x.ballot,
           EXISTS (SELECT 1 FROM evote_board y WHERE y.ballot_id = x.ballot_id AND y.slot = x.slot AND y.seq > x.seq) AS superseded
      FROM evote_board x WHERE x.ballot_id = ${ballotId} ORDER BY x.seq LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { manifestHash: e.manifestHash, total: total?.n ?? 0, page, pageSize, items: items.map((i) => ({ ...i, ballot: parse<EncryptedBallot>(i.ballot) })) };
}

export async function boardLookup(db: Db, p: Principal, ballotId: string, trackingCode: string) {
  await access(db, p, ballotId);
  const r = await one<{ seq: number; hash: string; trackingCode: string; ballot: unknown; superseded: boolean }>(db, sql`
    SELECT x.seq, x.hash, x.tracking_code AS "trackingCode", x.ballot,
           EXISTS (SELECT 1 FROM evote_board y WHERE y.ballot_id = x.ballot_id AND y.slot = x.slot AND y.seq > x.seq) AS superseded
      FROM evote_board x WHERE x.ballot_id = ${ballotId} AND x.tracking_code = ${trackingCode.toLowerCase()}`);
  if (!r) throw notFound('governance.evote.tracking-not-found');
  return { ...r, ballot: parse<EncryptedBallot>(r.ballot) };
}

async function publishedRoll(db: Db, ballotId: string): Promise<RollEntry[]> {
  // Ordered by the random slot: the order says nothing about who is who.
  return rows<RollEntry>(db, sql`SELECT slot AS "voterSlot", weight, grp AS "group" FROM evote_roll WHERE ballot_id = ${ballotId} ORDER BY slot`);
}

export async function rollOf(db: Db, p: Principal, ballotId: string) {
  await access(db, p, ballotId);
  return { items: await publishedRoll(db, ballotId) };
}

// ---------- closing: the homomorphic tally ----------

interface CountInput {
  cast: { total: number; financing: number };
  presence: { total: number; financing: number };
  entitled: { total: number; financing: number };
  rule: QuorumRule;
  financingCap: { num: number; den: number };
  candidates: number;
}

async function tallyCiphertexts(db: Db, ballotId: string): Promise<{ group: string; ciphertexts: Ciphertext[] }[]> {
  const r = await rows<{ grp: string; ciphertexts: unknown }>(db, sql`SELECT grp, ciphertexts FROM evote_tally WHERE ballot_id = ${ballotId} ORDER BY ord`);
  return r.map((x) => ({ group: x.grp, ciphertexts: parse<Ciphertext[]>(x.ciphertexts) }));
}

/**
 * Closes an encrypted ballot for casting (called by closeBallot, which checked the chair and the session): under the
 * ballot's exclusive lock, adds up the last ballot of each slot, weighted, per group, and records the presence the
 * count will use. The ballot row stays 'open' until the trustees decrypt (see migration 0034).
 */
export async function closeEncrypted(db: Db, actor: Actor, ballotId: string, cooperativeId: string): Promise<void> {
  await inTx(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(governance_ballot_lock_key(${ballotId}))`);
    const e = await loadElection(tx, ballotId);
    if (e.ballotStatus !== 'open' || e.status !== 'ready' || !e.manifest) throw conflict('governance.ballot.not-open');
    const manifest = e.manifest;
    const last = await rows<{ ballot: unknown; weight: number; grp: GroupName }>(tx, sql`
      SELECT DISTINCT ON (x.slot) x.ballot, r.weight, r.grp
        FROM evote_board x JOIN evote_roll r ON r.ballot_id = x.ballot_id AND r.slot = x.slot
       WHERE x.ballot_id = ${ballotId} ORDER BY x.slot, x.seq DESC`);
    const present = await rows<{ grp: GroupName }>(tx, sql`SELECT DISTINCT grp FROM evote_roll WHERE ballot_id = ${ballotId}`);
    // Only the groups on the roll (the verifier refuses a tally for a group the roll does not have).
    const groups = GROUPS.filter((g) => present.some((x) => x.grp === g));
    for (const [ord, g] of groups.entries()) {
      const entries = last.filter((l) => l.grp === g).map((l) => ({ ballot: parse<EncryptedBallot>(l.ballot), weight: l.weight }));
      const ciphertexts = V.homomorphicTally(manifest, entries);
      await tx.execute(sql`INSERT INTO evote_tally (ballot_id, ord, grp, ciphertexts) VALUES (${ballotId}, ${ord}, ${g}, ${JSON.stringify(ciphertexts)}::jsonb)`);
    }
    const cast = last.reduce((acc, l) => ({ total: acc.total + l.weight, financing: acc.financing + (l.grp === 'financing' ? l.weight : 0) }), { total: 0, financing: 0 });
    const info = await one<{ kind: 'ordinary' | 'extraordinary'; call: 'first' | 'second'; statute: StatuteParams; candidates: number }>(tx, sql`
      SELECT a.kind, a.call, a.statute, (SELECT count(*)::int FROM assembly_candidates c WHERE c.ballot_id = ${ballotId}) AS candidates
        FROM assemblies a WHERE a.id = ${e.assemblyId}`);
    if (!info) throw notFound('governance.assembly.not-found');
    const statute = parse<StatuteParams>(info.statute);
    const pr = await presenceAtClose(tx, e.assemblyId, ballotId, cast);
    const input: CountInput = {
      cast,
      presence: { total: pr.total, financing: pr.financing },
      entitled: pr.entitled,
      rule: statute.quorums[info.kind][info.call],
      financingCap: statute.financingCap,
      candidates: info.candidates,
    };
    await tx.execute(sql`UPDATE evote_elections SET status = 'tallying', tallied_at = now(), count_input = ${JSON.stringify(input)}::jsonb WHERE ballot_id = ${ballotId}`);
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.evote.tally', subjectType: 'ballot', subjectId: ballotId, organisationId: cooperativeId, requestId: actor.requestId, details: { ballots: last.length, votes: cast.total } });
  }).catch(mapDbError);
}

// ---------- decryption (trustees) and the result ----------

export async function postPartialDecryption(db: Db, actor: Actor, ballotId: string, idx: number, pd: PartialDecryption, locale: Locale) {
  const e = await asTrustee(db, actor.principal, ballotId, idx);
  if (e.status !== 'tallying' || !e.manifest) throw conflict('governance.evote.not-tallying');
  const manifest = e.manifest;
  if (pd.trustee !== idx) throw invalid([{ field: 'body/partial/trustee', code: 'governance.evote.wrong-index' }]);
  const groups = await tallyCiphertexts(db, ballotId);
  const ciphertexts = groups.flatMap((g) => g.ciphertexts);
  const all = await commitments(db, ballotId);
  const vk = V.verificationKey(all, idx);
  if (pd.shares.length !== ciphertexts.length || pd.proofs.length !== ciphertexts.length || !safely(() => V.verifyPartialDecryption(manifest, vk, ciphertexts, pd))) {
    throw invalid([{ field: 'body/partial', code: 'governance.evote.invalid-partial' }]);
  }
  await inTx(db, async (tx) => {
    // Serialises the trustees: exactly one of them completes the decryption.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(governance_ballot_lock_key(${ballotId}))`);
    const now = await one<{ status: string; countInput: unknown }>(tx, sql`SELECT status, count_input AS "countInput" FROM evote_elections WHERE ballot_id = ${ballotId}`);
    if (now?.status !== 'tallying') throw conflict('governance.evote.not-tallying');
    const done = await rows(tx, sql`INSERT INTO evote_partials (ballot_id, idx, payload) VALUES (${ballotId}, ${idx}, ${JSON.stringify(pd)}::jsonb) ON CONFLICT DO NOTHING RETURNING idx`);
    if (done.length === 0) throw conflict('governance.evote.already-decrypted');
    await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.evote.partial', subjectType: 'ballot', subjectId: ballotId, organisationId: e.cooperativeId, requestId: actor.requestId, details: { trustee: idx } });
    const partials = (await rows<{ payload: unknown }>(tx, sql`SELECT payload FROM evote_partials WHERE ballot_id = ${ballotId} ORDER BY idx`)).map((x) => parse<PartialDecryption>(x.payload));
    if (partials.length < e.threshold) return;
    await finish(tx, actor, e, manifest, groups, ciphertexts, partials, parse<CountInput>(now.countInput));
  }).catch(mapDbError);
  return electionState(db, actor.principal, ballotId).then(async (state) => ({ ...state, ballot: (await ballotViews(db, e.assemblyId, locale, ballotId))[0] ?? null }));
}

/** Combines the partial decryptions, counts with the platform's tally (cap, quorums, method) and closes the ballot. */
async function finish(tx: Db, actor: Actor, e: Election, manifest: ElectionManifest, groups: { group: string; ciphertexts: Ciphertext[] }[], ciphertexts: Ciphertext[], partials: PartialDecryption[], input: CountInput): Promise<void> {
  const rollWeight = await one<{ w: number }>(tx, sql`SELECT coalesce(sum(weight), 0)::int AS w FROM evote_roll WHERE ballot_id = ${e.ballotId}`);
  // No plaintext can exceed the roll's total weight: the bound of the discrete-logarithm search.
  const plain = V.combineDecryption(manifest, ciphertexts, partials, Math.max(rollWeight?.w ?? 0, 1));
  const perGroup = groups.map((g, i) => ({ group: g.group, counts: plain.slice(i * manifest.choices.length, (i + 1) * manifest.choices.length) }));
  const result = countResult(e, manifest, perGroup, input);
  const json = JSON.stringify(result);
  // As for a plain ballot: the fingerprint is over the result's canonical JSON (RFC 8785).
  const hash = createHash('sha256').update(canonicalize(result) as string).digest('hex');
  await tx.execute(sql`UPDATE evote_elections SET status = 'decrypted', decrypted_at = now(), result = ${JSON.stringify(perGroup)}::jsonb WHERE ballot_id = ${e.ballotId}`);
  await tx.execute(sql`UPDATE assembly_ballots SET status = 'closed', closed_at = now(), rule = ${JSON.stringify(result.rule)}::jsonb,
      result = ${json}::jsonb, result_sha256 = ${hash} WHERE id = ${e.ballotId}`);
  await audit(tx, { actorAccountId: actor.principal.accountId, action: 'governance.ballot.close', subjectType: 'ballot', subjectId: e.ballotId, organisationId: e.cooperativeId, requestId: actor.requestId, details: { outcome: result.outcome, sha256: hash, encrypted: true } });
}

/**
 * The decrypted weighted counts, as the aggregated groups the tally takes: for a resolution one group per answer;
 * for an election one group per candidate's marks (what the homomorphic sum reveals — never a whole ballot). The
 * financing group gets the art. 2526 cap exactly as plain ballots do.
 */
export function countResult(e: Pick<Election, 'method' | 'seats'>, manifest: ElectionManifest, perGroup: { group: string; counts: number[] }[], input: CountInput): TallyResult & { rule: QuorumRule } {
  const groups: Group[] = [];
  for (const g of perGroup) {
    const financing = g.group === 'financing';
    const castInGroup = financing ? input.cast.financing : input.cast.total - input.cast.financing;
    g.counts.forEach((w, i) => {
      if (w > 0) groups.push({ choice: e.method === 'yes_no' ? (manifest.choices[i] as string) : String(i), weight: w, financing });
    });
    if (e.method !== 'yes_no' && manifest.maxSelections === 1) {
      // One mark at most: the blank ballots are those cast without one.
      const blank = castInGroup - g.counts.reduce((a, b) => a + b, 0);
      if (blank > 0) groups.push({ choice: '', weight: blank, financing });
    }
  }
  const result = tally({
    method: e.method,
    seats: e.method === 'yes_no' ? 1 : e.seats,
    candidateCount: input.candidates,
    groups,
    presence: input.presence,
    entitled: input.entitled,
    rule: input.rule,
    financingCapFraction: input.financingCap,
    // Marks of several-mark ballots add up to more than the ballots: the votes cast are the slots' weights.
    castVotes: input.cast.total,
  });
  return { ...result, rule: input.rule };
}

// ---------- the election record ----------

export async function electionRecord(db: Db, p: Principal, ballotId: string): Promise<ElectionRecord & { status: ElectionStatus }> {
  const { e } = await access(db, p, ballotId);
  if (!e.manifest) throw conflict('governance.evote.not-open-yet');
  const board = await rows<{ seq: number; hash: string; trackingCode: string; ballot: unknown }>(db, sql`
    SELECT seq, hash, tracking_code AS "trackingCode", ballot FROM evote_board WHERE ballot_id = ${ballotId} ORDER BY seq`);
  const partials = await rows<{ payload: unknown }>(db, sql`SELECT payload FROM evote_partials WHERE ballot_id = ${ballotId} ORDER BY idx`);
  const result = await one<{ result: unknown }>(db, sql`SELECT result FROM evote_elections WHERE ballot_id = ${ballotId}`);
  return {
    status: e.status,
    manifest: e.manifest,
    trustees: await commitments(db, ballotId),
    roll: await publishedRoll(db, ballotId),
    board: board.map((b) => ({ seq: b.seq, hash: b.hash, trackingCode: b.trackingCode, ballot: parse<EncryptedBallot>(b.ballot) })),
    encryptedTally: await tallyCiphertexts(db, ballotId),
    // Only once decrypted: partial decryptions posted before the threshold is reached stay private until then.
    partialDecryptions: e.status === 'decrypted' ? partials.map((x) => parse<PartialDecryption>(x.payload)) : [],
    result: e.status === 'decrypted' && result?.result ? parse<{ group: string; counts: number[] }[]>(result.result) : [],
  };
}


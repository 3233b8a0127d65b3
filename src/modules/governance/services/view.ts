// Reading assemblies: the list of a co-op's (or the member's) assemblies and one assembly in full — details, the
// statute it runs under, the agenda with documents and ballots, results explained in the reader's language.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import type { Principal } from '../../../core/http.ts';
import { t, type Locale } from '../../../core/i18n.ts';
import type { StatuteParams } from '../domain/statute.ts';
import type { TallyResult } from '../domain/tally/index.ts';
import { loadAssembly, requireRead } from './access.ts';
import { notFound } from '../../../core/errors.ts';
import { iso, one, rows } from './common.ts';

export interface CandidateView {
  id: string;
  position: number;
  name: string;
  personId: string | null;
  statement: string | null;
}

export interface BallotView {
  id: string;
  itemId: string;
  method: string;
  seats: number;
  maxChoices: number;
  secret: boolean;
  ballotType: string;
  remoteVoting: boolean;
  status: 'draft' | 'open' | 'closed';
  openedAt: string | null;
  closedAt: string | null;
  candidates: CandidateView[];
  votesCast: number;
  result: (TallyResult & { explanationText: string[]; candidateNames: string[] }) | null;
  resultSha256: string | null;
  /** An encrypted ballot's election: ceremony → ready → (open) → tallying → decrypted (services/evote.ts). */
  evote: { status: string; trustees: number; threshold: number } | null;
}

export interface ItemView {
  id: string;
  position: number;
  kind: string;
  title: string;
  description: string | null;
  motion: string | null;
  motionVersion: number;
  sourceItemId: string | null;
  documents: { id: string; filename: string; contentType: string; sizeBytes: number; sha256: string }[];
  ballot: BallotView | null;
}

const summaryColumns = sql`a.id, a.cooperative_id AS "cooperativeId", o.name AS "cooperativeName", a.parent_id AS "parentId",
  a.section_id AS "sectionId", s.name AS "sectionName", a.sectional, a.kind, a.title, a.mode, a.status, a.call,
  ${iso('a.first_call_at')} AS "firstCallAt", ${iso('a.second_call_at')} AS "secondCallAt", a.record_date AS "recordDate",
  ${iso('a.convened_at')} AS "convenedAt", ${iso('a.opened_at')} AS "openedAt", ${iso('a.closed_at')} AS "closedAt"`;

export type AssemblySummary = {
  id: string;
  cooperativeId: string;
  cooperativeName: string;
  parentId: string | null;
  sectionId: string | null;
  sectionName: string | null;
  sectional: boolean;
  kind: string;
  title: string;
  mode: string;
  status: string;
  call: string | null;
  firstCallAt: string;
  secondCallAt: string | null;
  recordDate: string | null;
  convenedAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
};

export async function listAssemblies(db: Db, p: Principal, coopId: string): Promise<AssemblySummary[]> {
  const a = await requireRead(db, p, coopId);
  const drafts = a.read ? sql`` : sql`AND a.status <> 'draft'`;
  return rows<AssemblySummary>(db, sql`
    SELECT ${summaryColumns} FROM assemblies a JOIN organisations o ON o.id = a.cooperative_id LEFT JOIN governance_sections s ON s.id = a.section_id
     WHERE a.cooperative_id = ${coopId} ${drafts} ORDER BY a.first_call_at DESC, a.id LIMIT 500`);
}

/** The convened assemblies of the co-ops the principal is a member of. */
export async function myAssemblies(db: Db, p: Principal): Promise<AssemblySummary[]> {
  if (!p.personId) return [];
  return rows<AssemblySummary>(db, sql`
    SELECT ${summaryColumns} FROM assemblies a JOIN organisations o ON o.id = a.cooperative_id LEFT JOIN governance_sections s ON s.id = a.section_id
     WHERE a.status <> 'draft' AND a.cooperative_id IN (SELECT cooperative_id FROM memberships WHERE person_id = ${p.personId})
     ORDER BY a.first_call_at DESC, a.id LIMIT 500`);
}

export function resultView(result: TallyResult | null, candidates: CandidateView[], locale: Locale): BallotView['result'] {
  if (!result) return null;
  const names = candidates.map((c) => c.name);
  return { ...result, explanationText: result.explanation.map((e) => t(locale, e.key, e.params)), candidateNames: names };
}

export async function ballotViews(db: Db, assemblyId: string, locale: Locale, ballotId: string | null = null): Promise<BallotView[]> {
  const filter = ballotId ? sql`AND b.id = ${ballotId}` : sql``;
  const list = await rows<Omit<BallotView, 'candidates' | 'result'> & { result: TallyResult | null; maxChoicesRaw: number | null; candidates: CandidateView[] }>(db, sql`
    SELECT b.id, b.item_id AS "itemId", b.method, b.seats, b.max_choices AS "maxChoicesRaw", b.secret, b.ballot_type AS "ballotType",
           b.remote_voting AS "remoteVoting", b.status, ${iso('b.opened_at')} AS "openedAt", ${iso('b.closed_at')} AS "closedAt",
           b.result, b.result_sha256 AS "resultSha256",
           (SELECT count(*)::int FROM ballot_casts c WHERE c.ballot_id = b.id) AS "votesCast",
           (SELECT json_build_object('status', e.status, 'trustees', e.trustees, 'threshold', e.threshold) FROM evote_elections e WHERE e.ballot_id = b.id) AS evote,
           coalesce((SELECT json_agg(json_build_object('id', c.id, 'position', c.position, 'name', c.name, 'personId', c.person_id, 'statement', c.statement) ORDER BY c.position)
                       FROM assembly_candidates c WHERE c.ballot_id = b.id), '[]'::json) AS candidates
      FROM assembly_ballots b WHERE b.assembly_id = ${assemblyId} ${filter}`);
  return list.map(({ maxChoicesRaw, result, candidates, evote, ...b }) => {
    const cands = (typeof candidates === 'string' ? JSON.parse(candidates) : candidates) as CandidateView[];
    const n = cands.length;
    const maxChoices = b.method === 'yes_no' ? 1 : b.method === 'plurality' ? (maxChoicesRaw ?? Math.min(b.seats, Math.max(n, 1))) : Math.max(n, 1);
    return { ...b, maxChoices, candidates: cands, result: resultView(result, cands, locale), evote: typeof evote === 'string' ? (JSON.parse(evote) as BallotView['evote']) : evote };
  });
}

export async function getAssembly(db: Db, p: Principal, id: string, locale: Locale) {
  const ref = await loadAssembly(db, p, id);
  const a = await one<AssemblySummary & {
    description: string | null;
    place: string | null;
    onlineUrl: string | null;
    noticeMethod: string;
    statuteVersion: number | null;
    statute: StatuteParams | null;
    delegatesToElect: number | null;
    cancelledAt: string | null;
    roll: { computedAt: string | null; members: number; voters: number; votes: number; financingVotes: number };
    openingQuorum: unknown;
  }>(db, sql`
    SELECT ${summaryColumns}, a.description, a.place, a.online_url AS "onlineUrl", a.notice_method AS "noticeMethod",
           a.statute_version AS "statuteVersion", a.statute, a.delegates_to_elect AS "delegatesToElect", ${iso('a.cancelled_at')} AS "cancelledAt",
           json_build_object('computedAt', ${iso('a.roll_computed_at')}, 'members', a.roll_members, 'voters', a.roll_voters,
                             'votes', a.roll_votes, 'financingVotes', a.roll_financing_votes) AS roll,
           a.opening_quorum AS "openingQuorum"
      FROM assemblies a JOIN organisations o ON o.id = a.cooperative_id LEFT JOIN governance_sections s ON s.id = a.section_id
     WHERE a.id = ${id}`);
  if (!a) throw new Error('assembly vanished');
  const items = await rows<Omit<ItemView, 'ballot' | 'documents'> & { documents: ItemView['documents'] }>(db, sql`
    SELECT i.id, i.position, i.kind, i.title, i.description, i.motion, i.motion_version AS "motionVersion", i.source_item_id AS "sourceItemId",
           coalesce((SELECT json_agg(json_build_object('id', d.id, 'filename', d.filename, 'contentType', d.content_type, 'sizeBytes', d.size_bytes, 'sha256', d.sha256) ORDER BY d.uploaded_at)
                       FROM assembly_documents d WHERE d.item_id = i.id), '[]'::json) AS documents
      FROM assembly_items i WHERE i.assembly_id = ${id} ORDER BY i.position`);
  const ballots = await ballotViews(db, id, locale);
  const sectionalMeetings = await rows<{ id: string; sectionId: string; sectionName: string; status: string; firstCallAt: string; delegatesToElect: number | null }>(db, sql`
    SELECT a.id, a.section_id AS "sectionId", s.name AS "sectionName", a.status, ${iso('a.first_call_at')} AS "firstCallAt", a.delegates_to_elect AS "delegatesToElect"
      FROM assemblies a JOIN governance_sections s ON s.id = a.section_id WHERE a.parent_id = ${id} ORDER BY s.name`);
  const minutes = await one<{ sha256: string; generatedAt: string }>(db, sql`SELECT sha256, ${iso('generated_at')} AS "generatedAt" FROM assembly_minutes WHERE assembly_id = ${id}`);
  const delegates = await rows<{ personId: string; name: string; sectionId: string; weight: number }>(db, sql`
    SELECT d.person_id AS "personId", coalesce(pe.family_name || ' ' || pe.given_name, pe.legal_name) AS name, d.section_id AS "sectionId", d.weight
      FROM assembly_delegates d JOIN people pe ON pe.id = d.person_id WHERE d.assembly_id = ${id} ORDER BY d.section_id, d.elected_rank`);
  return {
    ...a,
    roll: typeof a.roll === 'string' ? JSON.parse(a.roll) : a.roll,
    items: items.map((i) => ({ ...i, documents: typeof i.documents === 'string' ? JSON.parse(i.documents) : i.documents, ballot: ballots.find((b) => b.itemId === i.id) ?? null })),
    sectionalMeetings,
    delegates,
    minutes: minutes ?? null,
    permissions: ref.access,
  };
}

export async function ballotById(db: Db, p: Principal, ballotId: string, locale: Locale): Promise<BallotView> {
  const b = await one<{ assemblyId: string }>(db, sql`SELECT assembly_id AS "assemblyId" FROM assembly_ballots WHERE id = ${ballotId}`);
  if (!b) throw notFound('governance.ballot.not-found');
  await loadAssembly(db, p, b.assemblyId);
  return (await ballotViews(db, b.assemblyId, locale, ballotId))[0] as BallotView;
}

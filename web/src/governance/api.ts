// Shapes and calls of the governance API (/api/v1: assemblies, roll, notices, proxies, attendance, ballots,
// deliberation, statute). The shapes follow src/modules/governance/types.ts (the TypeBox schemas of the routes).
import { api, apiUrl } from '../core/api.ts';
import { currentLanguage } from '../core/i18n.ts';

export type AssemblyKind = 'ordinary' | 'extraordinary';
export type AssemblyMode = 'in_person' | 'hybrid' | 'remote';
export type AssemblyStatus = 'draft' | 'convened' | 'in_session' | 'closed' | 'cancelled';
export type Call = 'first' | 'second';
export type Method = 'yes_no' | 'plurality' | 'approval' | 'stv' | 'schulze';
export type ItemKind = 'resolution' | 'election' | 'information';
export type YesNo = 'yes' | 'no' | 'abstain';
export type NoticeMethod = 'standard' | 'with_receipt';

export const RANKED: readonly string[] = ['stv', 'schulze'];

// ---------- statute ----------

export interface Threshold {
  num: number;
  den: number;
  strict: boolean;
  base: 'entitled' | 'present' | 'cast';
}
export interface QuorumRule {
  constitutive: Threshold | null;
  deliberative: Threshold;
  source: string;
}
export interface StatuteParams {
  minDaysInRegister: number;
  legalPersonVotes: number;
  financingCap: { num: number; den: number };
  proxiesAllowed: boolean;
  maxProxiesPerHolder: number;
  excludeUnpaidMembers: boolean;
  quorums: Record<AssemblyKind, Record<Call, QuorumRule>>;
  noticeDays: number;
  noticeDaysWithReceipt: number;
  remoteParticipationAllowed: boolean;
  remoteVotingAllowed: boolean;
  postalVotingAllowed: boolean;
}
export interface StatuteView {
  cooperativeId: string;
  version: number;
  params: StatuteParams;
  note: string | null;
  createdAt: string | null;
}
export interface OfficerView {
  id: string;
  personId: string;
  name: string;
  role: 'director' | 'auditor' | 'employee' | string;
  since: string;
  until: string | null;
}

// ---------- assemblies ----------

export interface AssemblySummary {
  id: string;
  cooperativeId: string;
  cooperativeName: string;
  parentId: string | null;
  sectionId: string | null;
  sectionName: string | null;
  sectional: boolean;
  kind: AssemblyKind | string;
  title: string;
  mode: AssemblyMode | string;
  status: AssemblyStatus | string;
  call: Call | null;
  firstCallAt: string;
  secondCallAt: string | null;
  recordDate: string | null;
  convenedAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface Candidate {
  id: string;
  position: number;
  name: string;
  personId: string | null;
  statement: string | null;
}

export interface ThresholdCheck {
  met: boolean;
  [k: string]: unknown;
}

export interface CandidateLine {
  position: number;
  votes: string;
  elected: boolean;
  rank: number;
}

export interface StvStage {
  stage: number;
  action: string;
  candidate: number | null;
  transferValue: string | null;
  totals: string[];
  nonTransferable: string;
  lostToFractions: string;
  elected: number[];
}

export interface Tally {
  method: Method | string;
  seats: number;
  castVotes: number;
  blankVotes: number;
  presence: { total: number; financing: number; entitledTotal: number };
  cap: { applied: boolean; coefficient: string; coefficientExact: string; limit: string; source: string };
  constitutive: unknown;
  resolution: null | { yes: string; no: string; abstain: string; source?: string; deliberative?: ThresholdCheck };
  election: null | {
    candidates: CandidateLine[];
    elected: number[];
    ties: number[][];
    stv?: { quota: string; valid: string; stages: StvStage[] };
    schulze?: { pairwise: string[][]; strongestPaths: string[][]; ranking: number[] };
  };
  outcome: 'approved' | 'rejected' | 'elected' | 'no-quorum' | string;
  explanationText: string[];
  candidateNames: string[];
  seed: string;
}

export interface BallotView {
  id: string;
  itemId: string;
  method: Method;
  seats: number;
  maxChoices: number;
  secret: boolean;
  ballotType: string;
  remoteVoting: boolean;
  status: 'draft' | 'open' | 'closed' | string;
  openedAt: string | null;
  closedAt: string | null;
  candidates: Candidate[];
  votesCast: number;
  result: Tally | null;
  resultSha256: string | null;
  /** An encrypted ballot's election (the verifiable secret ballot), else null. */
  evote?: { status: string; trustees: number; threshold: number } | null;
}

export interface DocumentView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface ItemView {
  id: string;
  position: number;
  kind: ItemKind | string;
  title: string;
  description: string | null;
  motion: string | null;
  motionVersion: number;
  sourceItemId: string | null;
  documents: DocumentView[];
  ballot: BallotView | null;
}

export interface RollTotals {
  computedAt: string | null;
  members: number;
  voters: number;
  votes: number;
  financingVotes: number;
}

export interface AssemblyDetail extends AssemblySummary {
  description: string | null;
  place: string | null;
  onlineUrl: string | null;
  noticeMethod: NoticeMethod | string;
  statuteVersion: number | null;
  statute: StatuteParams | null;
  delegatesToElect: number | null;
  cancelledAt: string | null;
  roll: RollTotals;
  openingQuorum: unknown;
  items: ItemView[];
  sectionalMeetings: { id: string; sectionId: string; sectionName: string; status: string; firstCallAt: string; delegatesToElect: number | null }[];
  delegates: { personId: string; name: string; sectionId: string; weight: number }[];
  minutes: { sha256: string; generatedAt: string } | null;
  permissions: { manage: boolean; read: boolean; member: boolean };
}

export interface CandidateInput {
  name: string;
  personId?: string | null;
  statement?: string | null;
}
export interface BallotInput {
  method: Method;
  seats?: number;
  maxChoices?: number | null;
  secret?: boolean;
  remoteVoting?: boolean;
  candidates?: CandidateInput[];
  /** The verifiable secret ballot: its trustees (current members with an account) and threshold k of n. */
  ballotType?: 'plain' | 'encrypted';
  trustees?: { personId: string }[];
  threshold?: number;
}
export interface ItemInput {
  kind: ItemKind;
  title: string;
  description?: string | null;
  motion?: string | null;
  ballot?: BallotInput | null;
}
export interface AssemblyFields {
  kind: AssemblyKind;
  title: string;
  description?: string | null;
  mode: AssemblyMode;
  place?: string | null;
  onlineUrl?: string | null;
  firstCallAt: string;
  secondCallAt?: string | null;
  recordDate?: string | null;
  noticeMethod?: NoticeMethod;
}
export interface AssemblyInput extends AssemblyFields {
  items?: ItemInput[];
}

// ---------- roll, notices ----------

export interface RollLine {
  personId: string;
  registerNumber: number | null;
  name: string;
  kind: string;
  weight: number;
  financing: boolean;
  eligible: boolean;
  reason: 'seniority' | 'unpaid' | null | string;
  daysInRegister: number | null;
  delegateSectionId: string | null;
  explanation: string[];
}
export interface RollPage {
  totals: RollTotals;
  items: RollLine[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NoticeView {
  assemblyId: string;
  cooperativeId: string;
  cooperativeName: string;
  title: string;
  kind: string;
  status: string;
  firstCallAt: string;
  secondCallAt: string | null;
  createdAt: string;
  openedAt: string | null;
  acknowledgedAt: string | null;
}
export interface NoticeReport {
  totals: { notices: number; opened: number; acknowledged: number; emails: number; emailsOpened: number };
  items: { personId: string; name: string; registerNumber: number | null; openedAt: string | null; acknowledgedAt: string | null; email: string | null; emailOpenedAt: string | null }[];
  page: number;
  pageSize: number;
}

// ---------- proxies, attendance, live ----------

export interface ProxyView {
  id: string;
  grantorPersonId: string;
  grantorName: string;
  grantorWeight: number;
  holderPersonId: string;
  holderName: string;
  grantedAt: string;
  revokedAt: string | null;
}

export interface Presence {
  presentPeople: number;
  representedPeople: number;
  remoteVoters: number;
  total: number;
  financing: number;
  entitled: { total: number; financing: number; voters: number };
}

export interface AttendanceLine {
  personId: string;
  name: string;
  registerNumber: number | null;
  weight: number;
  eligible: boolean;
  present: boolean;
  channel: string;
  since: string;
  proxiesHeld: number;
}

export interface LiveBallot {
  id: string;
  itemId: string;
  position: number;
  title: string;
  method: Method | string;
  secret: boolean;
  status: string;
  votesCast: number;
  outcome: string | null;
  summary: string[];
}

export interface Live {
  assemblyId: string;
  title: string;
  status: AssemblyStatus | string;
  call: Call | null;
  openedAt: string | null;
  closedAt: string | null;
  presence: Presence;
  quorum: { call: string; met: boolean; required: unknown; explanation: string } | null;
  ballots: LiveBallot[];
  version: string;
}

export interface Participation {
  personId: string | null;
  roll: RollLine | null;
  notice: { createdAt: string; openedAt: string | null; acknowledgedAt: string | null } | null;
  attendance: { present: boolean; channel: string; since: string } | null;
  proxyGiven: { id: string; holderPersonId: string; holderName: string; grantedAt: string } | null;
  proxiesHeld: { id: string; grantorPersonId: string; grantorName: string; weight: number; eligible: boolean; grantorPresent: boolean }[];
  ballots: { ballotId: string; itemId: string; status: string; voters: { personId: string; name: string; weight: number; viaProxy: boolean; voted: boolean }[] }[];
}

export interface CastInput {
  vote?: YesNo;
  candidates?: string[];
  voters?: string[];
  postal?: boolean;
}
export interface CastResult {
  ballotId: string;
  cast: { personId: string; channel: string }[];
}

// ---------- deliberation ----------

export interface Comment {
  id: string;
  parentId: string | null;
  authorName: string;
  body: string;
  createdAt: string;
  mine: boolean;
}
export interface Amendment {
  id: string;
  itemId: string;
  proposerName: string;
  text: string;
  rationale: string | null;
  status: 'proposed' | 'accepted' | 'rejected' | string;
  createdAt: string;
  decidedAt: string | null;
}
export type PollKind = 'single' | 'multiple' | 'score' | 'ranked' | 'meeting_time';
export type Availability = 'yes' | 'maybe' | 'no';
export type PollResponse = { choices: number[] } | { scores: number[] } | { availability: Availability[] };
export interface Poll {
  id: string;
  assemblyId: string;
  itemId: string | null;
  question: string;
  kind: PollKind | string;
  options: string[];
  max: number;
  status: 'open' | 'closed' | string;
  createdAt: string;
  closedAt: string | null;
  result: { responses: number; options: { option: number; value: number; maybe?: number; average?: number; rank: number }[]; best: number[] };
  myResponse: PollResponse | null;
}

export interface MinutesCheck {
  valid: boolean;
  assemblyId: string | null;
  cooperativeName: string | null;
  title: string | null;
  closedAt: string | null;
  generatedAt: string | null;
}

export type Delivery = 'pending' | 'sent' | 'failed' | 'outbox';
export interface OutboxMail {
  id: string;
  assemblyId: string | null;
  toAddress: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
  openedAt: string | null;
  delivery: Delivery | null;
}
export interface OutboxPage {
  items: OutboxMail[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------- calls ----------

const enc = encodeURIComponent;
const items = <T>(p: Promise<{ items: T[] }>) => p.then((r) => r.items);

export const listCoopAssemblies = (coopId: string) => items(api<{ items: AssemblySummary[] }>(`/cooperatives/${enc(coopId)}/assemblies`));
export const listMyAssemblies = () => items(api<{ items: AssemblySummary[] }>('/me/assemblies'));
export const listMyNotices = () => items(api<{ items: NoticeView[] }>('/me/notices'));
export const getAssembly = (id: string) => api<AssemblyDetail>(`/assemblies/${enc(id)}`);
export const createAssembly = (coopId: string, input: AssemblyInput) =>
  api<AssemblyDetail>(`/cooperatives/${enc(coopId)}/assemblies`, { method: 'POST', json: input });
export const updateAssembly = (id: string, patch: Partial<AssemblyFields>) => api<AssemblyDetail>(`/assemblies/${enc(id)}`, { method: 'PATCH', json: patch });
export const deleteDraft = (id: string) => api<void>(`/assemblies/${enc(id)}`, { method: 'DELETE' });
export const addItem = (id: string, item: ItemInput) => api<AssemblyDetail>(`/assemblies/${enc(id)}/items`, { method: 'POST', json: item });
export const deleteItem = (itemId: string) => api<void>(`/assembly-items/${enc(itemId)}`, { method: 'DELETE' });
export const setCandidates = (ballotId: string, candidates: CandidateInput[]) =>
  api<BallotView>(`/ballots/${enc(ballotId)}/candidates`, { method: 'PUT', json: { candidates } });
export const convene = (id: string) => api<{ notices: number; emails: number }>(`/assemblies/${enc(id)}/convene`, { method: 'POST' });
export const cancelAssembly = (id: string) => api<AssemblyDetail>(`/assemblies/${enc(id)}/cancel`, { method: 'POST' });
export const openSession = (id: string, call: Call) =>
  api<{ call: string; explanation: string }>(`/assemblies/${enc(id)}/open`, { method: 'POST', json: { call } });
export const closeSession = (id: string) => api<{ sha256: string }>(`/assemblies/${enc(id)}/close`, { method: 'POST' });

export const getRoll = (id: string, q: { page?: number; pageSize?: number; eligible?: boolean; q?: string }) =>
  api<RollPage>(`/assemblies/${enc(id)}/roll`, { query: q });
export const recomputeRoll = (id: string) => api<RollTotals & { newNotices: number; newEmails: number }>(`/assemblies/${enc(id)}/roll/recompute`, { method: 'POST' });
export const getOutbox = (coopId: string, page: number, pageSize: number) =>
  api<OutboxPage>(`/cooperatives/${enc(coopId)}/governance/outbox`, { query: { page, pageSize } });
export const getNoticeReport = (id: string, page: number) => api<NoticeReport>(`/assemblies/${enc(id)}/notices`, { query: { page, pageSize: 100 } });
export const openNotice = (id: string) => api<NoticeView>(`/me/notices/${enc(id)}/open`, { method: 'POST' });
export const acknowledgeNotice = (id: string) => api<NoticeView>(`/me/notices/${enc(id)}/acknowledge`, { method: 'POST' });

export const listProxies = (id: string, includeRevoked = false) =>
  items(api<{ items: ProxyView[] }>(`/assemblies/${enc(id)}/proxies`, { query: { includeRevoked: includeRevoked || undefined } }));
export const grantProxy = (id: string, holderPersonId: string, grantorPersonId?: string) =>
  api<ProxyView>(`/assemblies/${enc(id)}/proxies`, { method: 'POST', json: grantorPersonId ? { holderPersonId, grantorPersonId } : { holderPersonId } });
export const revokeProxy = (proxyId: string) => api<ProxyView>(`/proxies/${enc(proxyId)}/revoke`, { method: 'POST' });

export const listAttendance = (id: string) => api<{ presence: Presence; items: AttendanceLine[] }>(`/assemblies/${enc(id)}/attendance`);
export const checkIn = (id: string, personId?: string) =>
  api<{ presence: Presence }>(`/assemblies/${enc(id)}/attendance/check-in`, { method: 'POST', json: personId ? { personId, channel: 'in_person' } : {} });
export const checkOut = (id: string, personId?: string) =>
  api<{ presence: Presence }>(`/assemblies/${enc(id)}/attendance/check-out`, { method: 'POST', json: personId ? { personId } : {} });

export const openBallot = (ballotId: string) => api<BallotView>(`/ballots/${enc(ballotId)}/open`, { method: 'POST' });
export const closeBallot = (ballotId: string) => api<BallotView>(`/ballots/${enc(ballotId)}/close`, { method: 'POST' });
export const castVote = (ballotId: string, input: CastInput) => api<CastResult>(`/ballots/${enc(ballotId)}/votes`, { method: 'POST', json: input });

export const getParticipation = (id: string) => api<Participation>(`/assemblies/${enc(id)}/me`);
export const getLive = (id: string) => api<Live>(`/assemblies/${enc(id)}/live`);
/** The server-sent events of the live view (an `assembly` event with the /live body at each change). */
export const liveStreamUrl = (id: string) => apiUrl(`/assemblies/${enc(id)}/live/stream`, { lang: currentLanguage() });

export const listComments = (itemId: string) => items(api<{ items: Comment[] }>(`/assembly-items/${enc(itemId)}/comments`));
export const addComment = (itemId: string, body: string, parentId: string | null) =>
  api<Comment>(`/assembly-items/${enc(itemId)}/comments`, { method: 'POST', json: parentId ? { body, parentId } : { body } });
export const listAmendments = (itemId: string) => items(api<{ items: Amendment[] }>(`/assembly-items/${enc(itemId)}/amendments`));
export const proposeAmendment = (itemId: string, text: string, rationale: string | null) =>
  api<Amendment>(`/assembly-items/${enc(itemId)}/amendments`, { method: 'POST', json: rationale ? { text, rationale } : { text } });
export const decideAmendment = (id: string, decision: 'accepted' | 'rejected') =>
  api<Amendment>(`/amendments/${enc(id)}/decision`, { method: 'POST', json: { decision } });
export const listPolls = (id: string) => items(api<{ items: Poll[] }>(`/assemblies/${enc(id)}/polls`));
export const createPoll = (id: string, input: { question: string; kind: PollKind; options: string[]; max?: number; itemId?: string | null }) =>
  api<Poll>(`/assemblies/${enc(id)}/polls`, { method: 'POST', json: input });
export const respondPoll = (pollId: string, response: PollResponse) => api<Poll>(`/polls/${enc(pollId)}/response`, { method: 'PUT', json: response });
export const closePoll = (pollId: string) => api<Poll>(`/polls/${enc(pollId)}/close`, { method: 'POST' });

export const getStatute = (coopId: string) => api<StatuteView>(`/cooperatives/${enc(coopId)}/governance/statute`);
export const listStatuteVersions = (coopId: string) => items(api<{ items: StatuteView[] }>(`/cooperatives/${enc(coopId)}/governance/statute/versions`));
export const putStatute = (coopId: string, params: Partial<StatuteParams>, note: string | null) =>
  api<StatuteView>(`/cooperatives/${enc(coopId)}/governance/statute`, { method: 'PUT', json: { params, note } });
export const listOfficers = (coopId: string) => items(api<{ items: OfficerView[] }>(`/cooperatives/${enc(coopId)}/governance/officers`));
export const addOfficer = (coopId: string, input: { personId: string; role: string; since: string }) =>
  api<OfficerView>(`/cooperatives/${enc(coopId)}/governance/officers`, { method: 'POST', json: input });
export const endOfficer = (officerId: string, until: string) => api<OfficerView>(`/governance/officers/${enc(officerId)}/end`, { method: 'POST', json: { until } });

export const verifyMinutes = (sha256: string) => api<MinutesCheck>(`/governance/minutes/verify/${enc(sha256)}`, { quiet401: true });

/** Links (plain downloads, in the UI language). */
export const minutesUrl = (id: string) => apiUrl(`/assemblies/${enc(id)}/minutes.pdf`, { lang: currentLanguage() });
export const documentUrl = (docId: string) => apiUrl(`/assembly-documents/${enc(docId)}`, { lang: currentLanguage() });
export const ballotExportUrl = (ballotId: string) => apiUrl(`/ballots/${enc(ballotId)}/export`, { lang: currentLanguage() });

/** Uploads a document to an agenda item (multipart, field «file»). */
export function uploadDocument(itemId: string, file: File): Promise<DocumentView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<DocumentView>(`/assembly-items/${enc(itemId)}/documents`, { method: 'POST', form });
}
export const deleteDocument = (docId: string) => api<void>(`/assembly-documents/${enc(docId)}`, { method: 'DELETE' });

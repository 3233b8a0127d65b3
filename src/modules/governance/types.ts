// Request and response schemas of the governance API (TypeBox = JSON Schema; they validate requests, shape responses
// and produce the OpenAPI document the web app is built against).
import Type, { type TSchema } from 'typebox';
import { Uuid, IsoDate } from '../../core/schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 instant' });
const DateTimeInput = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601 instant with time zone, e.g. 2026-05-20T18:00:00+02:00' });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max, pattern: '^[^\\u0000]*$' });
const Lang = Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')]));
const Explained = Type.Array(Type.String(), { description: 'The rule and the figures that decided it, in words (it/en)' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const LangQuery = Type.Object({ lang: Lang }, { additionalProperties: false });
export const PageQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), lang: Lang },
  { additionalProperties: false },
);

// ---------- statute ----------

export const ThresholdSchema = Type.Object(
  {
    num: Type.Integer({ minimum: 0, maximum: 1000 }),
    den: Type.Integer({ minimum: 1, maximum: 1000 }),
    strict: Type.Boolean({ description: 'true: more than num/den; false: at least num/den' }),
    base: Type.Union([Type.Literal('entitled'), Type.Literal('present'), Type.Literal('cast')], { description: 'votes of all entitled members, of those present or represented, or yes + no' }),
  },
  { additionalProperties: false },
);
export const QuorumRuleSchema = Type.Object(
  { constitutive: Nullable(ThresholdSchema), deliberative: ThresholdSchema, source: Text(200) },
  { additionalProperties: false },
);
const CallRules = Type.Object({ first: QuorumRuleSchema, second: QuorumRuleSchema }, { additionalProperties: false });
const Fraction = Type.Object({ num: Type.Integer({ minimum: 0, maximum: 1000 }), den: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false });
const statuteFields = {
  minDaysInRegister: Type.Integer({ minimum: 0, maximum: 100_000, description: 'art. 2538: days in the register before voting (≥ 90)' }),
  legalPersonVotes: Type.Integer({ minimum: 0, maximum: 100, description: 'art. 2538: votes of a legal-person member (1–5)' }),
  financingCap: Fraction,
  proxiesAllowed: Type.Boolean(),
  maxProxiesPerHolder: Type.Integer({ minimum: 0, maximum: 100, description: 'art. 2539: at most 10' }),
  excludeUnpaidMembers: Type.Boolean(),
  quorums: Type.Object({ ordinary: CallRules, extraordinary: CallRules }, { additionalProperties: false }),
  noticeDays: Type.Integer({ minimum: 0, maximum: 1000 }),
  noticeDaysWithReceipt: Type.Integer({ minimum: 0, maximum: 1000 }),
  remoteParticipationAllowed: Type.Boolean(),
  remoteVotingAllowed: Type.Boolean(),
  postalVotingAllowed: Type.Boolean(),
};
export const StatuteParamsSchema = Type.Object(statuteFields, { additionalProperties: false });
export const StatuteInputSchema = Type.Object(
  { params: Type.Partial(Type.Object(statuteFields, { additionalProperties: false }), { additionalProperties: false }), note: Type.Optional(Nullable(Text(2000))) },
  { additionalProperties: false },
);
export const StatuteViewSchema = Type.Object({ cooperativeId: Uuid, version: Type.Integer(), params: StatuteParamsSchema, note: Nullable(Type.String()), createdAt: Nullable(DateTime) });
export const LegalRulesSchema = Type.Record(Type.String(), Type.Unknown(), { description: 'Each legal rule the platform applies, with its source' });

export const OfficerRole = Type.Union([Type.Literal('director'), Type.Literal('auditor'), Type.Literal('employee')]);
export const OfficerInputSchema = Type.Object({ personId: Uuid, role: OfficerRole, since: IsoDate }, { additionalProperties: false });
export const OfficerEndSchema = Type.Object({ until: IsoDate }, { additionalProperties: false });
export const OfficerViewSchema = Type.Object({ id: Uuid, personId: Uuid, name: Type.String(), role: Type.String(), since: Type.String(), until: Nullable(Type.String()) });

export const SectionInputSchema = Type.Object({ name: Text(200, 1) }, { additionalProperties: false });
export const SectionViewSchema = Type.Object({ id: Uuid, name: Type.String(), members: Type.Integer() });
export const SectionMembersInputSchema = Type.Object({ personIds: Type.Array(Uuid, { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false });

// ---------- assemblies ----------

const Kind = Type.Union([Type.Literal('ordinary'), Type.Literal('extraordinary')]);
const Mode = Type.Union([Type.Literal('in_person'), Type.Literal('hybrid'), Type.Literal('remote')]);
const Method = Type.Union(['yes_no', 'plurality', 'approval', 'stv', 'schulze'].map((m) => Type.Literal(m)));
export const CandidateInputSchema = Type.Object(
  { name: Text(300, 1), personId: Type.Optional(Nullable(Uuid)), statement: Type.Optional(Nullable(Text(5000))) },
  { additionalProperties: false },
);
export const BallotInputSchema = Type.Object(
  {
    method: Method,
    seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    maxChoices: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 200, description: 'plurality: marks per ballot (default: the seats; fewer = limited vote)' }))),
    secret: Type.Optional(Type.Boolean()),
    remoteVoting: Type.Optional(Type.Boolean({ description: 'members may vote online before the meeting (statute permitting, art. 2538 c. 6)' })),
    candidates: Type.Optional(Type.Array(CandidateInputSchema, { maxItems: 200 })),
    ballotType: Type.Optional(Type.Union([Type.Literal('plain'), Type.Literal('encrypted')], { description: 'encrypted: end-to-end verifiable secret ballot (yes_no, plurality, approval), encrypted in the member’s browser' })),
    trustees: Type.Optional(Type.Array(Type.Object({ personId: Uuid }, { additionalProperties: false }), { maxItems: 10, description: 'encrypted: the members who share the election key (e.g. the statutory auditors)' })),
    threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'encrypted: trustees needed to decrypt the tally (default: all)' })),
  },
  { additionalProperties: false },
);
export const ItemInputSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('resolution'), Type.Literal('election'), Type.Literal('information')]),
    title: Text(300, 1),
    description: Type.Optional(Nullable(Text(20000))),
    motion: Type.Optional(Nullable(Text(20000))),
    ballot: Type.Optional(Nullable(BallotInputSchema)),
  },
  { additionalProperties: false },
);
const assemblyFields = {
  kind: Kind,
  title: Text(300, 1),
  description: Type.Optional(Nullable(Text(20000))),
  mode: Mode,
  place: Type.Optional(Nullable(Text(500))),
  onlineUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
  firstCallAt: DateTimeInput,
  secondCallAt: Type.Optional(Nullable(DateTimeInput)),
  recordDate: Type.Optional(Nullable(IsoDate)),
  noticeMethod: Type.Optional(Type.Union([Type.Literal('standard'), Type.Literal('with_receipt')], { description: 'with_receipt: notice by a means proving receipt (8 days instead of 15)' })),
};
export const AssemblyInputSchema = Type.Object(
  { ...assemblyFields, sectional: Type.Optional(Type.Boolean({ description: 'held through sectional meetings that elect delegates (art. 2540)' })), items: Type.Optional(Type.Array(ItemInputSchema, { maxItems: 100 })) },
  { additionalProperties: false },
);
export const AssemblyPatchSchema = Type.Partial(Type.Object(assemblyFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export const SectionalMeetingInputSchema = Type.Object(
  {
    sectionId: Uuid,
    firstCallAt: DateTimeInput,
    secondCallAt: Type.Optional(Nullable(DateTimeInput)),
    mode: Mode,
    place: Type.Optional(Nullable(Text(500))),
    onlineUrl: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
    delegates: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export const CandidatesInputSchema = Type.Object({ candidates: Type.Array(CandidateInputSchema, { maxItems: 200 }) }, { additionalProperties: false });
export const OpenSessionSchema = Type.Object({ call: Type.Union([Type.Literal('first'), Type.Literal('second')]) }, { additionalProperties: false });

export const AssemblySummarySchema = Type.Object({
  id: Uuid,
  cooperativeId: Uuid,
  cooperativeName: Type.String(),
  parentId: Nullable(Uuid),
  sectionId: Nullable(Uuid),
  sectionName: Nullable(Type.String()),
  sectional: Type.Boolean(),
  kind: Type.String(),
  title: Type.String(),
  mode: Type.String(),
  status: Type.String({ description: 'draft | convened | in_session | closed | cancelled' }),
  call: Nullable(Type.String()),
  firstCallAt: DateTime,
  secondCallAt: Nullable(DateTime),
  recordDate: Nullable(Type.String()),
  convenedAt: Nullable(DateTime),
  openedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
});

const CandidateView = Type.Object({ id: Uuid, position: Type.Integer(), name: Type.String(), personId: Nullable(Uuid), statement: Nullable(Type.String()) });
export const TallySchema = Type.Object(
  {
    method: Type.String(),
    seats: Type.Integer(),
    castVotes: Type.Integer(),
    blankVotes: Type.Integer(),
    presence: Type.Object({ total: Type.Integer(), financing: Type.Integer(), entitledTotal: Type.Integer() }),
    cap: Type.Object({ applied: Type.Boolean(), coefficient: Type.String(), coefficientExact: Type.String(), limit: Type.String(), source: Type.String() }),
    constitutive: Type.Unknown({ description: 'the attendance quorum check: rule, figures, met' }),
    resolution: Type.Unknown({ description: 'yes / no / abstain (decimal strings after the cap) and the majority check; null for elections' }),
    election: Type.Unknown({ description: 'candidates (position, votes, elected, rank), elected positions in order, ties, and the STV stages or Schulze matrices; null for resolutions' }),
    outcome: Type.String({ description: 'approved | rejected | elected | no-quorum' }),
    explanation: Type.Array(Type.Object({ key: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) })),
    explanationText: Explained,
    candidateNames: Type.Array(Type.String()),
    seed: Type.String({ description: 'seed of the reproducible lots' }),
    rule: Type.Optional(Type.Unknown()),
  },
  { description: 'The frozen count of a closed ballot' },
);
export const BallotViewSchema = Type.Object({
  id: Uuid,
  itemId: Uuid,
  method: Type.String(),
  seats: Type.Integer(),
  maxChoices: Type.Integer(),
  secret: Type.Boolean(),
  ballotType: Type.String(),
  remoteVoting: Type.Boolean(),
  status: Type.String({ description: 'draft | open | closed' }),
  openedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  candidates: Type.Array(CandidateView),
  votesCast: Type.Integer(),
  result: Nullable(TallySchema),
  resultSha256: Nullable(Type.String()),
  evote: Nullable(Type.Object({ status: Type.String({ description: 'ceremony | ready | tallying | decrypted' }), trustees: Type.Integer(), threshold: Type.Integer() })),
});
const DocumentView = Type.Object({ id: Uuid, filename: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String() });
export const DocumentViewSchema = DocumentView;
const ItemView = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  motion: Nullable(Type.String()),
  motionVersion: Type.Integer(),
  sourceItemId: Nullable(Uuid),
  documents: Type.Array(DocumentView),
  ballot: Nullable(BallotViewSchema),
});
const RollTotals = Type.Object({ computedAt: Nullable(DateTime), members: Type.Integer(), voters: Type.Integer(), votes: Type.Integer(), financingVotes: Type.Integer() });
export const AssemblyDetailSchema = Type.Object({
  ...AssemblySummarySchema.properties,
  description: Nullable(Type.String()),
  place: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  noticeMethod: Type.String(),
  statuteVersion: Nullable(Type.Integer()),
  statute: Nullable(StatuteParamsSchema),
  delegatesToElect: Nullable(Type.Integer()),
  cancelledAt: Nullable(DateTime),
  roll: RollTotals,
  openingQuorum: Type.Unknown({ description: 'presence and the constitutive quorum when the session opened' }),
  items: Type.Array(ItemView),
  sectionalMeetings: Type.Array(Type.Object({ id: Uuid, sectionId: Uuid, sectionName: Type.String(), status: Type.String(), firstCallAt: DateTime, delegatesToElect: Nullable(Type.Integer()) })),
  delegates: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), sectionId: Uuid, weight: Type.Integer() })),
  minutes: Nullable(Type.Object({ sha256: Type.String(), generatedAt: DateTime })),
  permissions: Type.Object({ manage: Type.Boolean(), read: Type.Boolean(), member: Type.Boolean() }),
});
export const AssemblyListSchema = Type.Object({ items: Type.Array(AssemblySummarySchema) });
export const CreatedSchema = Type.Object({ id: Uuid });
export const ConveneResultSchema = Type.Object({ notices: Type.Integer(), emails: Type.Integer() });

// ---------- roll, notices ----------

export const RollLineSchema = Type.Object({
  personId: Uuid,
  registerNumber: Nullable(Type.Integer()),
  name: Type.String(),
  kind: Type.String(),
  weight: Type.Integer(),
  financing: Type.Boolean(),
  eligible: Type.Boolean(),
  reason: Nullable(Type.String({ description: 'seniority | unpaid' })),
  daysInRegister: Nullable(Type.Integer()),
  delegateSectionId: Nullable(Uuid),
  explanation: Explained,
});
export const RollQuerySchema = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    eligible: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    lang: Lang,
  },
  { additionalProperties: false },
);
export const RollPageSchema = Type.Object({ totals: RollTotals, items: Type.Array(RollLineSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export const RollEntryResponseSchema = Type.Object({ onRoll: Type.Boolean(), entry: Nullable(RollLineSchema), explanation: Explained });
export const RollTotalsSchema = Type.Object({ members: Type.Integer(), voters: Type.Integer(), votes: Type.Integer(), financingVotes: Type.Integer() });
export const RecomputeResultSchema = Type.Object({
  ...RollTotalsSchema.properties,
  newNotices: Type.Integer({ description: 'Members the new roll added, notified now' }),
  newEmails: Type.Integer(),
});
export const PersonParams = Type.Object({ id: Uuid, personId: Uuid }, { additionalProperties: false });

export const NoticeViewSchema = Type.Object({
  assemblyId: Uuid,
  cooperativeId: Uuid,
  cooperativeName: Type.String(),
  title: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  firstCallAt: DateTime,
  secondCallAt: Nullable(DateTime),
  createdAt: DateTime,
  openedAt: Nullable(DateTime),
  acknowledgedAt: Nullable(DateTime),
});
export const NoticeReportSchema = Type.Object({
  totals: Type.Object({ notices: Type.Integer(), opened: Type.Integer(), acknowledged: Type.Integer(), emails: Type.Integer(), emailsOpened: Type.Integer() }),
  items: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), registerNumber: Nullable(Type.Integer()), openedAt: Nullable(DateTime), acknowledgedAt: Nullable(DateTime), email: Nullable(Type.String()), emailOpenedAt: Nullable(DateTime) })),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const OutboxSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, assemblyId: Nullable(Uuid), toAddress: Type.String(), subject: Type.String(), body: Type.String(), createdAt: DateTime, sentAt: Nullable(DateTime), openedAt: Nullable(DateTime),
    delivery: Nullable(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('outbox')], { description: 'The platform mailer’s state: outbox = no SMTP configured, kept here to read' })) })),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const ReceiptParams = Type.Object({ token: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }, { additionalProperties: false });

// ---------- proxies, attendance ----------

export const ProxyInputSchema = Type.Object(
  { holderPersonId: Uuid, grantorPersonId: Type.Optional(Uuid) },
  { additionalProperties: false, description: 'grantorPersonId: only for the chair’s staff recording a proxy given on paper' },
);
export const ProxyViewSchema = Type.Object({
  id: Uuid,
  grantorPersonId: Uuid,
  grantorName: Type.String(),
  grantorWeight: Type.Integer(),
  holderPersonId: Uuid,
  holderName: Type.String(),
  grantedAt: DateTime,
  revokedAt: Nullable(DateTime),
});
export const ProxyListQuery = Type.Object({ includeRevoked: Type.Optional(Type.Boolean()), lang: Lang }, { additionalProperties: false });
export const AttendanceInputSchema = Type.Object(
  { personId: Type.Optional(Uuid), channel: Type.Optional(Type.Union([Type.Literal('in_person'), Type.Literal('online')])) },
  { additionalProperties: false },
);
export const PresenceSchema = Type.Object({
  presentPeople: Type.Integer(),
  representedPeople: Type.Integer(),
  remoteVoters: Type.Integer(),
  total: Type.Integer({ description: 'votes present or represented' }),
  financing: Type.Integer(),
  entitled: Type.Object({ total: Type.Integer(), financing: Type.Integer(), voters: Type.Integer() }),
});
export const AttendanceResultSchema = Type.Object({ personId: Uuid, present: Type.Boolean(), channel: Type.String(), presence: PresenceSchema });
export const AttendanceListSchema = Type.Object({
  presence: PresenceSchema,
  items: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), registerNumber: Nullable(Type.Integer()), weight: Type.Integer(), eligible: Type.Boolean(), present: Type.Boolean(), channel: Type.String(), since: DateTime, proxiesHeld: Type.Integer() })),
});
export const OpeningSchema = Type.Object({ call: Type.String(), presence: PresenceSchema, constitutive: Type.Unknown(), explanation: Type.String() });

// ---------- votes ----------

export const CastInputSchema = Type.Object(
  {
    vote: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('abstain')])),
    candidates: Type.Optional(Type.Array(Uuid, { maxItems: 200, description: 'marked candidates; for STV and Schulze in order of preference; [] = blank' })),
    voters: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 11, description: 'whose votes these are: yourself and/or members you represent (default: yourself)' })),
    postal: Type.Optional(Type.Boolean({ description: 'the chair’s staff records a postal ballot for the member in voters' })),
  },
  { additionalProperties: false },
);
export const PostalBatchSchema = Type.Object(
  {
    ballots: Type.Array(
      Type.Object(
        {
          voter: Uuid,
          vote: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('abstain')])),
          candidates: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export const CastResultSchema = Type.Object({ ballotId: Uuid, cast: Type.Array(Type.Object({ personId: Uuid, channel: Type.String() })) });
export const CastListSchema = Type.Object({
  secret: Type.Boolean(),
  items: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), channel: Type.String(), castByPersonId: Nullable(Uuid), castAt: DateTime, choice: Nullable(Type.String({ description: 'open ballots only: yes / no / abstain, or the candidate ids separated by commas (in order of preference when ranked)' })) })),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const BallotFileSchema = Type.Object({
  format: Type.String(),
  title: Type.String(),
  method: Type.String(),
  seats: Type.Integer(),
  candidates: Type.Array(Type.Object({ position: Type.Integer(), name: Type.String() })),
  rule: Type.Unknown(),
  financingCap: Type.Object({ num: Type.Integer(), den: Type.Integer() }),
  presence: Type.Object({ total: Type.Integer(), financing: Type.Integer() }),
  entitled: Type.Object({ total: Type.Integer(), financing: Type.Integer() }),
  seed: Type.String(),
  ballots: Type.Array(Type.Array(Type.Union([Type.String(), Type.Integer()])), { description: '[encoded choice, weight, financing 0/1]' }),
});

// ---------- live, participation ----------

export const LiveSchema = Type.Object({
  assemblyId: Uuid,
  title: Type.String(),
  status: Type.String(),
  call: Nullable(Type.String()),
  openedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  presence: PresenceSchema,
  quorum: Nullable(Type.Object({ call: Type.String(), met: Type.Boolean(), required: Type.Unknown(), explanation: Type.String() })),
  ballots: Type.Array(Type.Object({ id: Uuid, itemId: Uuid, position: Type.Integer(), title: Type.String(), method: Type.String(), secret: Type.Boolean(), status: Type.String(), votesCast: Type.Integer(), outcome: Nullable(Type.String()), summary: Explained })),
  version: Type.String({ description: 'changes whenever anything above changes' }),
});
export const ParticipationSchema = Type.Object({
  personId: Nullable(Uuid),
  roll: Nullable(RollLineSchema),
  notice: Nullable(Type.Object({ createdAt: DateTime, openedAt: Nullable(DateTime), acknowledgedAt: Nullable(DateTime) })),
  attendance: Nullable(Type.Object({ present: Type.Boolean(), channel: Type.String(), since: DateTime })),
  proxyGiven: Nullable(Type.Object({ id: Uuid, holderPersonId: Uuid, holderName: Type.String(), grantedAt: DateTime })),
  proxiesHeld: Type.Array(Type.Object({ id: Uuid, grantorPersonId: Uuid, grantorName: Type.String(), weight: Type.Integer(), eligible: Type.Boolean(), grantorPresent: Type.Boolean() })),
  ballots: Type.Array(Type.Object({ ballotId: Uuid, itemId: Uuid, status: Type.String(), voters: Type.Array(Type.Object({ personId: Uuid, name: Type.String(), weight: Type.Integer(), viaProxy: Type.Boolean(), voted: Type.Boolean() })) })),
});

// ---------- deliberation ----------

export const CommentInputSchema = Type.Object({ body: Text(10000, 1), parentId: Type.Optional(Nullable(Uuid)) }, { additionalProperties: false });
export const CommentSchema = Type.Object({ id: Uuid, parentId: Nullable(Uuid), authorName: Type.String(), body: Type.String(), createdAt: DateTime, mine: Type.Boolean() });
export const AmendmentInputSchema = Type.Object({ text: Text(20000, 1), rationale: Type.Optional(Nullable(Text(5000))) }, { additionalProperties: false });
export const AmendmentSchema = Type.Object({ id: Uuid, itemId: Uuid, proposerName: Type.String(), text: Type.String(), rationale: Nullable(Type.String()), status: Type.String(), createdAt: DateTime, decidedAt: Nullable(DateTime) });
export const PollInputSchema = Type.Object(
  {
    question: Text(1000, 1),
    kind: Type.Union(['single', 'multiple', 'score', 'ranked', 'meeting_time'].map((k) => Type.Literal(k))),
    options: Type.Array(Text(300, 1), { minItems: 2, maxItems: 50 }),
    max: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'multiple: most options one may pick; score: top score' })),
    itemId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export const PollResponseSchema = Type.Union([
  Type.Object({ choices: Type.Array(Type.Integer({ minimum: 0, maximum: 49 }), { maxItems: 50 }) }, { additionalProperties: false }),
  Type.Object({ scores: Type.Array(Type.Integer({ minimum: 0, maximum: 100 }), { maxItems: 50 }) }, { additionalProperties: false }),
  Type.Object({ availability: Type.Array(Type.Union([Type.Literal('yes'), Type.Literal('maybe'), Type.Literal('no')]), { maxItems: 50 }) }, { additionalProperties: false }),
]);
export const PollSchema = Type.Object({
  id: Uuid,
  assemblyId: Uuid,
  itemId: Nullable(Uuid),
  question: Type.String(),
  kind: Type.String(),
  options: Type.Array(Type.String()),
  max: Type.Integer(),
  status: Type.String(),
  createdAt: DateTime,
  closedAt: Nullable(DateTime),
  result: Type.Object({
    responses: Type.Integer(),
    options: Type.Array(Type.Object({ option: Type.Integer(), value: Type.Number(), maybe: Type.Optional(Type.Integer()), average: Type.Optional(Type.Number()), rank: Type.Integer() })),
    best: Type.Array(Type.Integer()),
  }),
  myResponse: Type.Unknown(),
});
export const DecisionSchema = Type.Object({ decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]) }, { additionalProperties: false });

export const MinutesVerifyParams = Type.Object({ sha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }) }, { additionalProperties: false });
export const MinutesVerifySchema = Type.Object({
  valid: Type.Boolean(),
  assemblyId: Nullable(Uuid),
  cooperativeName: Nullable(Type.String()),
  title: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  generatedAt: Nullable(DateTime),
});

// ---------- the verifiable secret ballot (services/evote.ts; data contract: verifiable/types.ts) ----------

const Hex = Type.String({ pattern: '^[0-9a-f]{1,256}$', maxLength: 256, description: 'lower-case hex' });
const LongHex = Type.String({ pattern: '^[0-9a-f]{1,4096}$', maxLength: 4096 });
const CiphertextSchema = Type.Object({ a: Hex, b: Hex }, { additionalProperties: false });
const DleqSchema = Type.Object({ c: Hex, r: Hex }, { additionalProperties: false });
const DisjunctiveSchema = Type.Object({ branches: Type.Array(Type.Object({ a: Hex, b: Hex, c: Hex, r: Hex }, { additionalProperties: false }), { maxItems: 201, description: 'empty when any number of selections is allowed' }) }, { additionalProperties: false });
export const EncryptedBallotSchema = Type.Object(
  {
    manifestHash: Hex,
    voterSlot: Type.String({ minLength: 1, maxLength: 64 }),
    ciphertexts: Type.Array(CiphertextSchema, { minItems: 1, maxItems: 200 }),
    choiceProofs: Type.Array(DisjunctiveSchema, { minItems: 1, maxItems: 200 }),
    sumProof: DisjunctiveSchema,
  },
  { additionalProperties: false },
);
export const ManifestSchema = Type.Object({
  format: Type.String(),
  electionId: Type.String(),
  choices: Type.Array(Type.String()),
  minSelections: Type.Integer(),
  maxSelections: Type.Integer(),
  trustees: Type.Integer(),
  threshold: Type.Integer(),
  publicKey: Type.String(),
});
export const TrusteeCommitmentSchema = Type.Object(
  { index: Type.Integer({ minimum: 1, maximum: 10 }), commitments: Type.Array(Hex, { minItems: 1, maxItems: 10 }), proof: DleqSchema, transportKey: Hex },
  { additionalProperties: false },
);
export const EncryptedShareSchema = Type.Object(
  { from: Type.Integer({ minimum: 1, maximum: 10 }), to: Type.Integer({ minimum: 1, maximum: 10 }), ephemeral: Hex, ciphertext: LongHex },
  { additionalProperties: false },
);
export const PartialDecryptionSchema = Type.Object(
  { trustee: Type.Integer({ minimum: 1, maximum: 10 }), shares: Type.Array(Hex, { maxItems: 400 }), proofs: Type.Array(DleqSchema, { maxItems: 400 }) },
  { additionalProperties: false },
);
export const TrusteeParams = Type.Object({ id: Uuid, index: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false });
export const TrackingParams = Type.Object({ id: Uuid, code: Type.String({ pattern: '^[0-9a-fA-F]{8,128}$' }) }, { additionalProperties: false });
export const CommitmentInputSchema = Type.Object({ commitment: TrusteeCommitmentSchema }, { additionalProperties: false });
export const SharesInputSchema = Type.Object({ shares: Type.Array(EncryptedShareSchema, { maxItems: 9 }) }, { additionalProperties: false });
export const SharesAckSchema = Type.Object(
  { ok: Type.Boolean({ description: 'true: every share received checks against its sender’s commitments' }), badFrom: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 10 }), { maxItems: 9 })) },
  { additionalProperties: false },
);
export const PartialInputSchema = Type.Object({ partial: PartialDecryptionSchema }, { additionalProperties: false });
export const CastEncryptedSchema = Type.Object({ voterSlot: Type.String({ minLength: 1, maxLength: 64 }), ballot: EncryptedBallotSchema }, { additionalProperties: false });

const TrusteeState = Type.Object({
  index: Type.Integer(),
  personId: Uuid,
  name: Type.String(),
  committed: Type.Boolean(),
  sharesPosted: Type.Boolean(),
  sharesOk: Nullable(Type.Boolean()),
  badFrom: Type.Array(Type.Integer()),
  decrypted: Type.Boolean(),
});
export const ElectionStateSchema = Type.Object({
  ballotId: Uuid,
  electionId: Type.String(),
  status: Type.String({ description: 'ceremony | ready | tallying | decrypted' }),
  ballotStatus: Type.String(),
  method: Type.String(),
  trustees: Type.Integer(),
  threshold: Type.Integer(),
  publicKey: Nullable(Type.String()),
  manifest: Nullable(ManifestSchema),
  manifestHash: Nullable(Type.String()),
  trusteeList: Type.Array(TrusteeState),
  myTrusteeIndex: Nullable(Type.Integer()),
  boardEntries: Type.Integer(),
  rollSlots: Type.Integer(),
});
export const ElectionAfterPartialSchema = Type.Intersect([ElectionStateSchema, Type.Object({ ballot: Nullable(BallotViewSchema) })]);
export const CommitmentListSchema = Type.Object({ items: Type.Array(TrusteeCommitmentSchema) });
export const SharesForMeSchema = Type.Object({ trustees: Type.Integer(), threshold: Type.Integer(), items: Type.Array(EncryptedShareSchema) });
export const MyElectionSchema = Type.Object({
  ballotId: Uuid,
  status: Type.String(),
  ballotStatus: Type.String(),
  manifest: Nullable(ManifestSchema),
  manifestHash: Nullable(Type.String()),
  slots: Type.Array(Type.Object({
    slot: Type.String(),
    personId: Uuid,
    name: Type.String({ description: 'the member this slot votes for' }),
    weight: Type.Integer(),
    grp: Type.String(),
    own: Type.Boolean({ description: 'false: a member I represent by proxy' }),
    voted: Type.Boolean(),
    lastTrackingCode: Nullable(Type.String()),
  })),
});
export const CastEncryptedResultSchema = Type.Object({
  ballotId: Uuid,
  voterSlot: Type.String(),
  trackingCode: Type.String({ description: 'sha256 of the canonical ballot: find it on the board' }),
  seq: Type.Integer(),
  hash: Type.String({ description: 'the board’s chain hash after this entry' }),
  revote: Type.Boolean({ description: 'true: replaces an earlier ballot of this slot (the last one counts)' }),
});
const BoardEntrySchema = Type.Object({ seq: Type.Integer(), hash: Type.String(), trackingCode: Type.String(), ballot: EncryptedBallotSchema, superseded: Type.Boolean() });
export const BoardEntryViewSchema = BoardEntrySchema;
export const BoardPageSchema = Type.Object({ manifestHash: Nullable(Type.String()), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(BoardEntrySchema) });
export const EvoteRollSchema = Type.Object({ items: Type.Array(Type.Object({ voterSlot: Type.String(), weight: Type.Integer(), group: Type.String() })) });
export const ElectionRecordSchema = Type.Object(
  {
    status: Type.String(),
    manifest: ManifestSchema,
    trustees: Type.Array(TrusteeCommitmentSchema),
    roll: Type.Array(Type.Object({ voterSlot: Type.String(), weight: Type.Integer(), group: Type.String() })),
    board: Type.Array(Type.Object({ seq: Type.Integer(), hash: Type.String(), trackingCode: Type.String(), ballot: EncryptedBallotSchema })),
    encryptedTally: Type.Array(Type.Object({ group: Type.String(), ciphertexts: Type.Array(CiphertextSchema) })),
    partialDecryptions: Type.Array(PartialDecryptionSchema),
    result: Type.Array(Type.Object({ group: Type.String(), counts: Type.Array(Type.Integer()) })),
  },
  { description: 'The election record (cooperando-evote/1): check it with `cooperando verify-election`' },
);

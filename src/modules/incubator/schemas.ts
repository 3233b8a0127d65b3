// Request and response schemas of the incubator API (TypeBox = JSON Schema, which also yields the OpenAPI document).
// Money is integer cents; explanations come in Italian and English at once ({ it, en }).
import Type, { type Static } from 'typebox';
import { Uuid } from '../../core/schemas.ts';
import { STAGES } from './domain/stages.ts';
import { ACTIVITIES, KINDS, LEGAL_MODELS, MEMBER_GROUPS, RULE_IDS } from './domain/assessment.ts';

/** One of the domain's code lists as a union of literals (Unsafe carries the literal type, which `map` loses). */
const oneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {}));
const Count = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000_000, description });
const Cents = (description: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000_000_000, description });
export const TextsSchema = Type.Object({ it: Type.String(), en: Type.String() }, { description: 'the same text in Italian and English' });
export const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])) }, { additionalProperties: false });

export const AnswersSchema = Type.Object(
  {
    members: Type.Array(oneOf(MEMBER_GROUPS), {
      minItems: 1,
      maxItems: MEMBER_GROUPS.length,
      description: 'who the members are: workers, users (consumers), producers delivering produce, inhabitants (housing), a community',
    }),
    founders: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'how many founders' }),
    legalPersonFounders: Type.Optional(Count('founders that are firms or other legal persons (sole traders are natural persons); default 0')),
    activity: oneOf(ACTIVITIES, 'social_services (type A social co-op), work_integration of disadvantaged people (type B), agriculture, housing, other'),
    workersBuyout: Type.Optional(Type.Boolean({ description: 'workers taking over the closing firm they work for (L. 49/1985)' })),
    plannedWorkers: Type.Optional(Count('planned workers')),
    disadvantagedWorkers: Type.Optional(Count('of the planned workers, disadvantaged ones (L. 381/1991 art. 4)')),
    expectedAssetsCents: Type.Optional(Cents('expected assets (attivo), cents (art. 2519 c. 2)')),
    shareCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'nominal value of one share, cents (art. 2525 c. 1)' })),
    capitalPerFounderCents: Type.Optional(Cents('capital each founder plans to subscribe, cents (art. 2525 c. 2)')),
  },
  { additionalProperties: false },
);
export type AnswersInput = Static<typeof AnswersSchema>;

const StatusSchema = Type.Union([Type.Literal('ok'), Type.Literal('not-ok'), Type.Literal('to-verify')]);
const CheckSchema = Type.Object({ rule: oneOf(RULE_IDS), article: TextsSchema, status: StatusSchema, text: TextsSchema });
const NoteSchema = Type.Object({ code: Type.String(), text: TextsSchema });
const KindSchema = oneOf(KINDS);
const LegalModelSchema = oneOf(LEGAL_MODELS);

export const AssessmentSchema = Type.Object({
  eligible: Type.Boolean({ description: 'the group can found the primary kind as it stands' }),
  minimumFounders: Type.Integer(),
  legalModel: Type.Object({ allowed: Type.Array(LegalModelSchema), recommended: LegalModelSchema, text: TextsSchema }),
  recommendations: Type.Array(
    Type.Object({
      kind: KindSchema,
      primary: Type.Boolean(),
      name: TextsSchema,
      why: TextsSchema,
      eligible: Type.Boolean(),
      alboCategories: Type.Array(Type.String()),
      checks: Type.Array(CheckSchema),
      warnings: Type.Array(NoteSchema),
      nextSteps: Type.Array(TextsSchema),
    }),
  ),
  warnings: Type.Array(NoteSchema),
  nextSteps: Type.Array(TextsSchema),
  summary: TextsSchema,
});

export const KindsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: KindSchema,
      name: TextsSchema,
      explanation: TextsSchema,
      alboCategories: Type.Array(Type.String(), { description: 'the Albo categories counted for this kind (empty: the registry cannot tell)' }),
      socialTypes: Type.Array(Type.String(), { description: 'for social co-ops: the social types counted (A, B, AB)' }),
      activeCooperatives: Type.Union([Type.Integer(), Type.Null()], { description: 'active co-ops of this kind in the registry; null when the registry cannot tell' }),
      byProvince: Type.Array(Type.Object({ province: Type.Union([Type.String(), Type.Null()]), count: Type.Integer() }), { description: 'most first; null = province not recorded' }),
      bornThroughIncubator: Type.Integer({ description: 'co-ops of this kind founded through the incubator' }),
    }),
  ),
  rules: Type.Array(Type.Object({ id: oneOf(RULE_IDS), article: TextsSchema, title: TextsSchema })),
});

// ---------- projects ----------

export const ProjectParams = Type.Object({ id: Uuid });
export const ChecklistParams = Type.Object({ id: Uuid, stage: oneOf(STAGES), item: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) });

export const ProjectInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    idea: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
    atecoCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{1,2}){0,2}$', description: 'ATECO 2007 code, e.g. 62.01 or 88.10.00' })),
    kind: oneOf(KINDS, 'the co-op kind the group chose'),
    activity: AnswersSchema.properties.activity,
    members: AnswersSchema.properties.members,
    legalPersonFounders: Type.Optional(Count('founders that are firms or bodies (the team accounts are natural persons)')),
    workersBuyout: Type.Optional(Type.Boolean()),
    plannedWorkers: Type.Optional(Count('planned workers')),
    disadvantagedWorkers: Type.Optional(Count('of the planned workers, disadvantaged ones')),
    sdgGoals: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, description: 'UN Sustainable Development Goals (1–17)' })),
    needs: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: 'what the group needs: training, tutoring, funding, premises …' })),
    territorialId: Uuid,
  },
  { additionalProperties: false },
);
export type ProjectInput = Static<typeof ProjectInputSchema>;

export const FounderInputSchema = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' }) }, { additionalProperties: false });
export const ChecklistInputSchema = Type.Object({ done: Type.Boolean() }, { additionalProperties: false });
export const StageInputSchema = Type.Object({ stage: oneOf(STAGES) }, { additionalProperties: false });

const RecommendationSchema = AssessmentSchema.properties.recommendations.items;
export const ProjectSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  idea: Type.String(),
  atecoCode: Type.Union([Type.String(), Type.Null()]),
  kind: KindSchema,
  activity: AnswersSchema.properties.activity,
  memberGroups: AnswersSchema.properties.members,
  legalPersonFounders: Type.Integer(),
  workersBuyout: Type.Boolean(),
  plannedWorkers: Type.Union([Type.Integer(), Type.Null()]),
  disadvantagedWorkers: Type.Union([Type.Integer(), Type.Null()]),
  sdgGoals: Type.Array(Type.Integer()),
  needs: Type.Array(Type.String()),
  territorialId: Uuid,
  territorialName: Type.String(),
  stage: oneOf(STAGES),
  createdAt: Type.String({ format: 'date-time' }),
  team: Type.Array(Type.Object({ accountId: Uuid, displayName: Type.String(), role: Type.Union([Type.Literal('lead'), Type.Literal('founder')]) })),
  stages: Type.Array(
    Type.Object({
      stage: oneOf(STAGES),
      name: TextsSchema,
      current: Type.Boolean(),
      done: Type.Boolean(),
      checklist: Type.Array(Type.Object({ item: Type.String(), text: TextsSchema, done: Type.Boolean() })),
    }),
  ),
  eligibility: Type.Object({
    founders: Type.Integer({ description: 'team accounts plus declared firms' }),
    kindFits: Type.Boolean({ description: 'the chosen kind is among those the answers point to' }),
    eligible: Type.Boolean(),
    recommendedKinds: Type.Array(KindSchema),
    recommendation: RecommendationSchema,
  }),
  canEdit: Type.Boolean({ description: 'the reader is on the team' }),
});

export const ProjectListSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, name: Type.String(), kind: KindSchema, stage: oneOf(STAGES), territorialName: Type.String(), team: Type.Boolean() })),
});

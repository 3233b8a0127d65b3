// Request and response schemas of the mutuality API (TypeBox = JSON Schema, which also yields the OpenAPI document).
// Money is integer cents; dates ISO 8601; percentages of the forms in basis points (10000 = 100%).
import Type, { type Static, type TSchema } from 'typebox';
import { Uuid, IsoDate } from '../../core/schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Cents = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000_000, description: 'integer cents' });
const SignedCents = Type.Integer({ minimum: -1_000_000_000_000_000, maximum: 1_000_000_000_000_000 });
const Year = Type.Integer({ minimum: 1900, maximum: 2200 });
const Lang = Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')]));
export const TextsSchema = Type.Object({ it: Type.String(), en: Type.String() }, { description: 'the same text in Italian and English' });

export const KindSchema = Type.Union([Type.Literal('work'), Type.Literal('purchase'), Type.Literal('delivery'), Type.Literal('service'), Type.Literal('supply')], {
  description: 'work (quantity = hours, value = wages), purchase, delivery (of produce: quantity, unit, value, grade), service (used by the member), supply (services supplied by the member)',
});
export const LineSchema = Type.Union([Type.Literal('A1'), Type.Literal('B6'), Type.Literal('B7'), Type.Literal('B9')], {
  description: 'financial-statement line: A1 revenues, B6 goods, B7 services, B9 labour cost (art. 2513 c.c.)',
});
export const RuleSetIdSchema = Type.Union([Type.Literal('IT'), Type.Literal('US')]);
const RunStatus = Type.Union([Type.Literal('draft'), Type.Literal('computed'), Type.Literal('approved'), Type.Literal('paid')]);

export const CoopParams = Type.Object({ id: Uuid });
export const CoopYearParams = Type.Object({ id: Uuid, year: Year });
export const RunParams = Type.Object({ runId: Uuid });
export const RunMemberParams = Type.Object({ runId: Uuid, membershipId: Uuid });
export const MembershipParams = Type.Object({ id: Uuid });
export const EntryParams = Type.Object({ id: Uuid, entryId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
export const LangQuery = Type.Object({ lang: Lang }, { additionalProperties: false });
const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  lang: Lang,
};

// ---------- settings and rule sets ----------

export const SettingsSchema = Type.Object({
  ruleSet: RuleSetIdSchema,
  maxMemberCapitalCents: Nullable(Cents),
  /** The cap that applies: the co-op's, else the rule set's statutory one. */
  effectiveMemberCapCents: Nullable(Cents),
  minNominalCents: Nullable(Cents),
  currency: Type.String({ description: 'ISO 4217 currency of the rule set; amounts are its cents' }),
});
export const SettingsInputSchema = Type.Object(
  { ruleSet: RuleSetIdSchema, maxMemberCapitalCents: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000_000 }))) },
  { additionalProperties: false },
);
export type SettingsInput = Static<typeof SettingsInputSchema>;

export const RuleSetsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: RuleSetIdSchema,
      name: TextsSchema,
      description: TextsSchema,
      currency: Type.String(),
      capitalUnit: Type.String(),
      forms: Type.Array(Type.Object({ form: Type.String(), name: TextsSchema, description: TextsSchema })),
      defaults: Type.Object({ cashBps: Type.Integer(), capitalBps: Type.Integer(), instrumentsBps: Type.Integer(), withholding: Type.Boolean(), legalReserveBps: Type.Integer() }),
      legalBasis: Type.Record(Type.String(), TextsSchema),
    }),
  ),
});

// ---------- exchange ledger ----------

export const EntryInputSchema = Type.Object(
  {
    membershipId: Uuid,
    kind: KindSchema,
    occurredOn: IsoDate,
    quantity: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 99_999_999_999, description: 'hours for work; up to 3 decimals' }))),
    unit: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20 }))),
    valueCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: 'wages for work, value otherwise' }),
    grade: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    externalRef: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'your reference (payroll, till, delivery note): unique in the co-op' }))),
  },
  { additionalProperties: false },
);
export type EntryInputBody = Static<typeof EntryInputSchema>;

export const ReversalInputSchema = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export const EntrySchema = Type.Object({
  id: Type.Integer(),
  cooperativeId: Uuid,
  membershipId: Uuid,
  registerNumber: Type.Integer(),
  memberName: Type.String(),
  kind: KindSchema,
  occurredOn: Type.String(),
  quantity: Nullable(Type.Number()),
  unit: Nullable(Type.String()),
  valueCents: SignedCents,
  grade: Nullable(Type.String()),
  description: Nullable(Type.String()),
  externalRef: Nullable(Type.String()),
  reversesId: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  reversedById: Nullable(Type.Integer()),
  recordedAt: Type.String(),
});
export type EntryView = Static<typeof EntrySchema>;

const entryFilters = {
  membershipId: Type.Optional(Uuid),
  kind: Type.Optional(KindSchema),
  year: Type.Optional(Year),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  ...paging,
};
export const EntryListQuerySchema = Type.Object(entryFilters, { additionalProperties: false });
export type EntryListQuery = Static<typeof EntryListQuerySchema>;
export const MyEntryListQuerySchema = Type.Object({ cooperativeId: Type.Optional(Uuid), ...entryFilters }, { additionalProperties: false });
export type MyEntryListQuery = Static<typeof MyEntryListQuerySchema>;

export const EntryListSchema = Type.Object({
  items: Type.Array(EntrySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalValueCents: SignedCents,
});

export const SummaryQuerySchema = Type.Object({ year: Year, lang: Lang }, { additionalProperties: false });
export const SummarySchema = Type.Object({
  year: Type.Integer(),
  items: Type.Array(Type.Object({ kind: KindSchema, entries: Type.Integer(), members: Type.Integer(), valueCents: SignedCents, quantity: Type.Number() })),
});

// ---------- financial statements, prevalence, weights ----------

const LineFiguresSchema = Type.Object({ line: LineSchema, membersCents: Cents, othersCents: Cents }, { additionalProperties: false });
export const StatementLinesInputSchema = Type.Object({ lines: Type.Array(LineFiguresSchema, { maxItems: 4 }) }, { additionalProperties: false });
export type StatementLinesInput = Static<typeof StatementLinesInputSchema>;
export const StatementLinesSchema = Type.Object({ year: Type.Integer(), lines: Type.Array(LineFiguresSchema) });
export const StatementLinesListSchema = Type.Object({ items: Type.Array(StatementLinesSchema) });

const WarningSchema = Type.Object({ code: Type.String(), text: TextsSchema });
export const PrevalenceSchema = Type.Object({
  year: Type.Integer(),
  lines: Type.Array(Type.Object({ line: LineSchema, membersCents: Cents, othersCents: Cents, totalCents: Cents, percent: Type.Number(), passes: Type.Boolean() })),
  membersCents: Cents,
  totalCents: Cents,
  percent: Type.Number(),
  passes: Nullable(Type.Boolean()),
  weighted: Type.Boolean(),
  socialCooperative: Type.Boolean(),
  explanation: TextsSchema,
  warnings: Type.Array(WarningSchema),
});
export const PrevalenceListSchema = Type.Object({ items: Type.Array(PrevalenceSchema) });

const WeightSchema = Type.Object(
  { kind: KindSchema, grade: Type.String({ maxLength: 40, description: "'' = the kind's default" }), weightBps: Type.Integer({ minimum: 0, maximum: 1_000_000, description: '10000 = 1.0' }) },
  { additionalProperties: false },
);
export const WeightsInputSchema = Type.Object({ items: Type.Array(WeightSchema, { maxItems: 500 }) }, { additionalProperties: false });
export type WeightsInput = Static<typeof WeightsInputSchema>;
export const WeightsSchema = Type.Object({ year: Type.Integer(), items: Type.Array(WeightSchema) });

// ---------- ristorni runs ----------

const FormsSchema = Type.Object(
  { cashBps: Type.Integer({ minimum: 0, maximum: 10_000 }), capitalBps: Type.Integer({ minimum: 0, maximum: 10_000 }), instrumentsBps: Type.Integer({ minimum: 0, maximum: 10_000 }) },
  { additionalProperties: false, description: 'the forms the assembly chooses, in basis points summing to 10000' },
);
const KindChoiceSchema = Type.Object(
  { kind: KindSchema, basis: Type.Optional(Type.Union([Type.Literal('value'), Type.Literal('quantity')], { description: 'share by value (default) or by quantity (hours, kg …)' })) },
  { additionalProperties: false },
);
const runInputFields = {
  surplusCents: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000_000, description: 'operating surplus before ristorni (avanzo di gestione)' }),
  incomeTaxesCents: Type.Optional(Cents),
  kinds: Type.Array(KindChoiceSchema, { minItems: 1, maxItems: 5 }),
  poolCents: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000_000, description: 'the proposed pool; null = the ceiling' }))),
  forms: Type.Optional(FormsSchema),
  withholding: Type.Optional(Type.Boolean({ description: 'Italy: 12.5% withholding on the capitalised part for natural persons' })),
  legalReserveBps: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  dividendsCents: Type.Optional(Cents),
};
export const RunCreateSchema = Type.Object({ year: Year, ...runInputFields }, { additionalProperties: false });
export type RunCreate = Static<typeof RunCreateSchema>;
export const RunPatchSchema = Type.Partial(Type.Object(runInputFields, { additionalProperties: false }), { additionalProperties: false });
export type RunPatch = Static<typeof RunPatchSchema>;

// Either a link to the resolution the assembly passed in the governance module (date, kind, votes and text are then
// taken from it), or the resolution typed in for an assembly held elsewhere — then every field but the link is required.
export const ApprovalInputSchema = Type.Object(
  {
    assemblyDate: Type.Optional(IsoDate),
    assemblyKind: Type.Optional(Type.Union([Type.Literal('ordinaria'), Type.Literal('straordinaria')])),
    votesFor: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    votesAgainst: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    votesAbstained: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    resolutionText: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    governanceResolutionId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type ApprovalInput = Static<typeof ApprovalInputSchema>;
export const PassedResolutionSchema = Type.Object({
  itemId: Uuid,
  assemblyId: Uuid,
  assemblyTitle: Type.String(),
  itemTitle: Type.String(),
  text: Type.String(),
  heldOn: IsoDate,
  assemblyKind: Type.Union([Type.Literal('ordinary'), Type.Literal('extraordinary')]),
  votesFor: Type.Integer(),
  votesAgainst: Type.Integer(),
  votesAbstained: Type.Integer(),
  resultSha256: Nullable(Type.String()),
});
export const PassedResolutionListSchema = Type.Object({ items: Type.Array(PassedResolutionSchema) });
export const PaymentInputSchema = Type.Object({ paidOn: IsoDate }, { additionalProperties: false });

const InputsSchema = Type.Object({
  surplusCents: Cents,
  incomeTaxesCents: Cents,
  kinds: Type.Array(Type.Object({ kind: KindSchema, basis: Type.String() })),
  poolCents: Nullable(Cents),
  forms: FormsSchema,
  withholding: Type.Boolean(),
  legalReserveBps: Type.Integer(),
  dividendsCents: Cents,
});
const KindFiguresSchema = Type.Object({
  kind: KindSchema,
  basis: Type.String(),
  line: LineSchema,
  members: Type.Integer(),
  valueCents: SignedCents,
  quantityMilli: SignedCents,
  weighted: Type.String({ description: 'Σ weighted exchange (basis × weight in basis points), a decimal string' }),
  capsCents: Nullable(Cents),
  attributableCents: Cents,
  capCents: Nullable(Cents),
  ceilingCents: Cents,
  poolCents: Cents,
  allocatedCents: Cents,
  cappedMembers: Type.Integer(),
  cappedCents: Cents,
  cappedWeighted: Type.String(),
  explanation: TextsSchema,
  constraint: Nullable(TextsSchema),
});
const ProfitSchema = Type.Object({
  surplusCents: Cents,
  ristorniCents: Cents,
  incomeTaxesCents: Cents,
  netProfitCents: SignedCents,
  legalReserveCents: Cents,
  mutualFundsCents: Cents,
  dividendsCents: Cents,
  reserveCents: Cents,
});
const FormTotalsSchema = Type.Object({ cashCents: Cents, capitalCents: Cents, capitalShares: Type.Integer(), instrumentsCents: Cents, withholdingCents: Cents });
export const FiguresSchema = Type.Object({
  ruleSet: RuleSetIdSchema,
  currency: Type.String(),
  year: Type.Integer(),
  lines: Type.Array(Type.Object({ line: LineSchema, membersCents: Cents, othersCents: Cents })),
  weights: Type.Array(Type.Object({ kind: KindSchema, grade: Type.String(), weightBps: Type.Integer() })),
  kinds: Type.Array(KindFiguresSchema),
  ceiling: Type.Object({ membersLinesCents: Cents, totalLinesCents: Cents, attributableCents: Cents, ceilingCents: Cents, explanation: TextsSchema }),
  poolCents: Cents,
  allocatedCents: Cents,
  members: Type.Integer(),
  forms: FormTotalsSchema,
  profit: ProfitSchema,
  profitExplanation: TextsSchema,
  warnings: Type.Array(WarningSchema),
  explanation: TextsSchema,
});
const ApprovalSchema = Type.Object({
  assemblyDate: Type.String(),
  assemblyKind: Type.String(),
  votesFor: Type.Integer(),
  votesAgainst: Type.Integer(),
  votesAbstained: Type.Integer(),
  resolutionText: Type.String(),
  governanceResolutionId: Nullable(Uuid),
  approvedAt: Type.String(),
});
export const RunSchema = Type.Object({
  id: Uuid,
  cooperativeId: Uuid,
  year: Type.Integer(),
  ruleSet: RuleSetIdSchema,
  status: RunStatus,
  inputs: InputsSchema,
  figures: Nullable(FiguresSchema),
  computedAt: Nullable(Type.String()),
  approval: Nullable(ApprovalSchema),
  paidOn: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const RunListSchema = Type.Object({
  items: Type.Array(
    Type.Object({ id: Uuid, year: Type.Integer(), ruleSet: RuleSetIdSchema, status: RunStatus, poolCents: Nullable(Cents), members: Nullable(Type.Integer()), computedAt: Nullable(Type.String()), paidOn: Nullable(Type.String()) }),
  ),
});

const AllocationKindSchema = Type.Object({
  kind: KindSchema,
  valueCents: SignedCents,
  quantityMilli: SignedCents,
  weighted: Type.String(),
  capCents: Nullable(Cents),
  amountCents: Cents,
  cashCents: Cents,
  capitalCents: Cents,
  capitalShares: Type.Integer(),
  instrumentsCents: Cents,
  withholdingCents: Cents,
});
export const AllocationListQuerySchema = Type.Object(paging, { additionalProperties: false });
export const AllocationListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      membershipId: Uuid,
      registerNumber: Type.Integer(),
      name: Type.String(),
      amountCents: Cents,
      cashCents: Cents,
      capitalCents: Cents,
      capitalShares: Type.Integer(),
      instrumentsCents: Cents,
      withholdingCents: Cents,
      kinds: Type.Array(AllocationKindSchema),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const StatementSchema = Type.Object({
  runId: Uuid,
  cooperative: Type.Object({ id: Uuid, name: Type.String(), codiceFiscale: Type.String() }),
  year: Type.Integer(),
  status: RunStatus,
  ruleSet: RuleSetIdSchema,
  currency: Type.String(),
  member: Type.Object({ membershipId: Uuid, registerNumber: Type.Integer(), name: Type.String(), natural: Type.Boolean(), shareNominalCents: Cents }),
  approval: Nullable(ApprovalSchema),
  paidOn: Nullable(Type.String()),
  lines: Type.Array(
    Type.Object({
      ...AllocationKindSchema.properties,
      capped: Type.Boolean(),
      pool: Type.Object({ poolCents: Cents, weighted: Type.String(), cappedCents: Cents, cappedWeighted: Type.String(), members: Type.Integer() }),
      grades: Type.Array(Type.Object({ grade: Nullable(Type.String()), unit: Nullable(Type.String()), valueCents: SignedCents, quantityMilli: SignedCents, weightBps: Type.Integer() })),
      formula: TextsSchema,
    }),
  ),
  totals: Type.Object({ amountCents: Cents, cashCents: Cents, capitalCents: Cents, capitalShares: Type.Integer(), instrumentsCents: Cents, withholdingCents: Cents, withholdingBps: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Withholding rate applied to this member, basis points' }), netCashCents: Cents }),
  explanation: Type.Array(TextsSchema),
});
export const MyRistorniSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      runId: Uuid,
      cooperative: Type.Object({ id: Uuid, name: Type.String() }),
      membershipId: Uuid,
      year: Type.Integer(),
      status: RunStatus,
      currency: Type.String(),
      amountCents: Cents,
      netCashCents: Cents,
      capitalCents: Cents,
    }),
  ),
});

// ---------- share capital ----------

const MovementKindSchema = Type.Union([Type.Literal('opening'), Type.Literal('subscription'), Type.Literal('payment'), Type.Literal('ristorno'), Type.Literal('transfer_in'), Type.Literal('transfer_out'), Type.Literal('redemption')]);
export const MovementInputSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('subscription'), Type.Literal('payment'), Type.Literal('transfer'), Type.Literal('redemption')]),
    membershipId: Uuid,
    occurredOn: IsoDate,
    shares: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'subscription and transfer' })),
    amountCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'payment' })),
    toMembershipId: Type.Optional(Uuid),
    paidCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'transfer: paid-in value moving with the shares (default pro rata)' })),
    refundCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'redemption: what is refunded (default all paid-in)' })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type MovementInput = Static<typeof MovementInputSchema>;
export const MovementSchema = Type.Object({
  id: Type.Integer(),
  membershipId: Uuid,
  kind: MovementKindSchema,
  occurredOn: Type.String(),
  sharesDelta: Type.Integer(),
  subscribedDeltaCents: SignedCents,
  paidDeltaCents: SignedCents,
  refundCents: Nullable(Cents),
  counterpartMembershipId: Nullable(Uuid),
  ristorniRunId: Nullable(Uuid),
  note: Nullable(Type.String()),
  recordedAt: Type.String(),
});
export const BalanceSchema = Type.Object({ shares: Type.Integer(), subscribedCents: Cents, paidCents: Cents, ristorniCents: Cents });
export const MovementResultSchema = Type.Object({ movements: Type.Array(MovementSchema), balance: BalanceSchema });
export const MembershipCapitalSchema = Type.Object({
  membership: Type.Object({ id: Uuid, cooperativeId: Uuid, cooperativeName: Type.String(), registerNumber: Type.Integer(), name: Type.String(), shareNominalCents: Cents, exitOn: Nullable(Type.String()), currency: Type.String() }),
  balance: BalanceSchema,
  movements: Type.Array(MovementSchema),
});
export const MyCapitalSchema = Type.Object({ items: Type.Array(Type.Object({ membership: MembershipCapitalSchema.properties.membership, balance: BalanceSchema })) });
export const CapitalListSchema = Type.Object({
  items: Type.Array(Type.Object({ membershipId: Uuid, registerNumber: Type.Integer(), name: Type.String(), exitOn: Nullable(Type.String()), movements: Type.Integer(), ...BalanceSchema.properties })),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totals: BalanceSchema,
});
export const CapitalListQuerySchema = Type.Object(paging, { additionalProperties: false });
export const OpeningInputSchema = Type.Object({ occurredOn: IsoDate }, { additionalProperties: false });
export const OpeningResultSchema = Type.Object({ created: Type.Integer() });
export const ReconciliationQuerySchema = Type.Object({ year: Year, lang: Lang }, { additionalProperties: false });
const Totals3 = Type.Object({ shares: Type.Integer(), subscribedCents: Cents, paidCents: Cents });
export const ReconciliationSchema = Type.Object({
  year: Type.Integer(),
  ledgerAtYearEnd: Totals3,
  registryFigures: Nullable(Type.Object({ subscribedCents: Cents, paidCents: Cents })),
  yearEndDifference: Nullable(Type.Object({ subscribedCents: SignedCents, paidCents: SignedCents })),
  ledgerNow: Totals3,
  registerNow: Totals3,
  mismatches: Type.Object({
    count: Type.Integer(),
    items: Type.Array(Type.Object({ membershipId: Uuid, registerNumber: Type.Integer(), ledger: Totals3, register: Totals3 })),
  }),
  consistent: Type.Boolean(),
  explanation: TextsSchema,
});

// ---------- import ----------

const Issue = Type.Object({
  row: Nullable(Type.Integer()),
  column: Nullable(Type.String()),
  value: Nullable(Type.String()),
  code: Type.String(),
  reason: Type.String(),
});
export const ExchangeImportReportSchema = Type.Object({
  mode: Type.Union([Type.Literal('dry-run'), Type.Literal('commit')]),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  encoding: Type.String(),
  delimiter: Nullable(Type.String()),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  rejectedRows: Type.Integer(),
  inserted: Type.Integer(),
  unchanged: Type.Integer(),
  committed: Type.Boolean(),
  errors: Type.Array(Issue),
  truncated: Type.Boolean(),
  warnings: Type.Array(Issue),
  durationMs: Type.Integer(),
});
export const TemplateQuerySchema = Type.Object({ lang: Lang }, { additionalProperties: false });

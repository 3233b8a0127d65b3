// Request and response schemas of the registry (TypeBox = JSON Schema, which also yields the OpenAPI document),
// and the TypeScript types derived from them.
import Type, { type Static, type TSchema } from 'typebox';

import { Uuid, IsoDate } from '../../core/schemas.ts';
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Cents = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000 });

export const OrganisationKindSchema = Type.Union(
  ['alliance', 'national', 'regional', 'territorial', 'sectoral', 'cooperative'].map((k) => Type.Literal(k)),
);
export const OrganisationViewSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  parentId: Nullable(Uuid),
});
export type OrganisationView = Static<typeof OrganisationViewSchema>;

export const OrganisationDetailSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  parentId: Nullable(Uuid),
  children: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), name: Type.String() })),
});

export const OrganisationCreateSchema = Type.Object(
  {
    kind: Type.Union(['alliance', 'national', 'regional', 'territorial', 'sectoral'].map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    parentId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const RollupSchema = Type.Object({
  organisationId: Uuid,
  year: Nullable(Type.Integer()),
  figuresYear: Type.Integer(),
  cooperatives: Type.Integer(),
  members: Type.Object({
    total: Type.Integer(),
    byType: Type.Record(Type.String(), Type.Integer()),
    byGender: Type.Object({ F: Type.Integer(), M: Type.Integer(), X: Type.Integer(), unknown: Type.Integer() }),
  }),
  employees: Type.Object({ women: Type.Number(), men: Type.Number(), other: Type.Number(), total: Type.Number() }),
  productionValueCents: Type.Number(),
  shareCapitalSubscribedCents: Type.Number(),
  shareCapitalPaidCents: Type.Number(),
});
export type Rollup = Static<typeof RollupSchema>;

export const RollupSeriesSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      year: Type.Integer(),
      cooperatives: Type.Integer(),
      members: Type.Integer(),
      employees: Type.Number(),
      productionValueCents: Type.Number(),
    }),
  ),
});

const CoopStatus = Type.Union([Type.Literal('active'), Type.Literal('liquidation'), Type.Literal('struck_off')]);
const coopFields = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  codiceFiscale: Type.String({ pattern: '^[0-9]{11}$' }),
  partitaIva: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{11}$' }))),
  alboNumber: Type.Optional(Nullable(Type.String({ pattern: '^A[0-9]{6}$' }))),
  alboDate: Type.Optional(Nullable(IsoDate)),
  alboSection: Type.Optional(Nullable(Type.Union([Type.Literal('mutualita_prevalente'), Type.Literal('mutualita_non_prevalente')]))),
  alboCategory: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
  legalModel: Type.Optional(Nullable(Type.Union([Type.Literal('spa'), Type.Literal('srl')]))),
  atecoCode: Type.Optional(Nullable(Type.String({ maxLength: 12 }))),
  comune: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  province: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
  region: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  pec: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
  foundedOn: Type.Optional(Nullable(IsoDate)),
  status: Type.Optional(CoopStatus),
  socialType: Type.Optional(Nullable(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('AB')]))),
  territorialId: Uuid,
  sectoralIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
};
export const CooperativeInputSchema = Type.Object(coopFields, { additionalProperties: false });
export type CooperativeInput = Static<typeof CooperativeInputSchema>;
export const CooperativePatchSchema = Type.Partial(Type.Object(coopFields, { additionalProperties: false }), { additionalProperties: false });

export const CooperativeViewSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  codiceFiscale: Type.String(),
  partitaIva: Nullable(Type.String()),
  alboNumber: Nullable(Type.String()),
  alboDate: Nullable(Type.String()),
  alboSection: Nullable(Type.String()),
  alboCategory: Nullable(Type.String()),
  legalModel: Nullable(Type.String()),
  atecoCode: Nullable(Type.String()),
  comune: Nullable(Type.String()),
  province: Nullable(Type.String()),
  region: Nullable(Type.String()),
  pec: Nullable(Type.String()),
  foundedOn: Nullable(Type.String()),
  status: Type.String(),
  socialType: Nullable(Type.String()),
  territorialId: Uuid,
  sectoralIds: Type.Array(Uuid),
});
export type CooperativeView = Static<typeof CooperativeViewSchema>;

export const CooperativeListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    province: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    category: Type.Optional(Type.String({ maxLength: 80 })),
    status: Type.Optional(CoopStatus),
    organisationId: Type.Optional(Uuid),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type CooperativeListQuery = Static<typeof CooperativeListQuerySchema>;

export const CooperativeListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      codiceFiscale: Type.String(),
      comune: Nullable(Type.String()),
      province: Nullable(Type.String()),
      alboCategory: Nullable(Type.String()),
      status: Type.String(),
      activeMembers: Type.Integer(),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const MemberListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    memberType: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('exited'), Type.Literal('all')])),
    asOf: Type.Optional(IsoDate),
    sort: Type.Optional(Type.Union([Type.Literal('registerNumber'), Type.Literal('name'), Type.Literal('admittedOn')])),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type MemberListQuery = Static<typeof MemberListQuerySchema>;

export const MemberRowSchema = Type.Object({
  id: Uuid,
  personId: Uuid,
  registerNumber: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  codiceFiscale: Nullable(Type.String()),
  gender: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  comune: Nullable(Type.String()),
  province: Nullable(Type.String()),
  givenName: Nullable(Type.String()),
  familyName: Nullable(Type.String()),
  legalName: Nullable(Type.String()),
  memberTypes: Type.Array(Type.String()),
  appliedOn: Nullable(Type.String()),
  admittedOn: Type.String(),
  registeredOn: Type.String(),
  sharesCount: Type.Integer(),
  shareNominalCents: Type.Integer(),
  subscribedCents: Type.Integer(),
  paidCents: Type.Integer(),
  exitKind: Nullable(Type.String()),
  exitOn: Nullable(Type.String()),
  exitReason: Nullable(Type.String()),
});
export type MemberRow = Static<typeof MemberRowSchema>;

export const MemberListSchema = Type.Object({
  items: Type.Array(MemberRowSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

const MemberType = Type.String({ minLength: 1, maxLength: 40 });
export const AdmitInputSchema = Type.Object(
  {
    person: Type.Object(
      {
        kind: Type.Union([Type.Literal('natural'), Type.Literal('legal')]),
        givenName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
        familyName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
        legalName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
        codiceFiscale: Type.Optional(Type.String({ minLength: 11, maxLength: 16 })),
        birthDate: Type.Optional(IsoDate),
        gender: Type.Optional(Type.Union([Type.Literal('F'), Type.Literal('M'), Type.Literal('X')])),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
        phone: Type.Optional(Type.String({ maxLength: 40 })),
        comune: Type.Optional(Type.String({ maxLength: 120 })),
        province: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
      },
      { additionalProperties: false },
    ),
    registerNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })),
    memberTypes: Type.Array(MemberType, { minItems: 1, maxItems: 10 }),
    appliedOn: Type.Optional(IsoDate),
    admittedOn: IsoDate,
    registeredOn: Type.Optional(IsoDate),
    sharesCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    shareNominalCents: Type.Optional(Type.Integer({ minimum: 2500, maximum: 100_000_000_00 })),
    subscribedCents: Type.Optional(Cents),
    paidCents: Type.Optional(Cents),
  },
  { additionalProperties: false },
);
export type AdmitInput = Static<typeof AdmitInputSchema>;

export const MembershipPatchSchema = Type.Object(
  {
    memberTypes: Type.Optional(Type.Array(MemberType, { minItems: 1, maxItems: 10 })),
    appliedOn: Type.Optional(IsoDate),
    sharesCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    shareNominalCents: Type.Optional(Type.Integer({ minimum: 2500, maximum: 100_000_000_00 })),
    subscribedCents: Type.Optional(Cents),
    paidCents: Type.Optional(Cents),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MembershipPatch = Static<typeof MembershipPatchSchema>;

export const ExitInputSchema = Type.Object(
  {
    exitKind: Type.Union(['recesso', 'esclusione', 'decesso', 'trasferimento'].map((k) => Type.Literal(k))),
    exitOn: IsoDate,
    exitReason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ExitInput = Static<typeof ExitInputSchema>;

export const YearlyFiguresInputSchema = Type.Object(
  {
    membersByType: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
    employeesWomen: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    employeesMen: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    employeesOther: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    productionValueCents: Type.Integer({ minimum: -9_000_000_000_000_000, maximum: 9_000_000_000_000_000 }),
    shareCapitalSubscribedCents: Cents,
    shareCapitalPaidCents: Cents,
  },
  { additionalProperties: false },
);
export type YearlyFiguresInput = Static<typeof YearlyFiguresInputSchema>;

export const YearlyFiguresSchema = Type.Object({
  year: Type.Integer(),
  membersByType: Type.Record(Type.String(), Type.Integer()),
  employeesWomen: Type.Integer(),
  employeesMen: Type.Integer(),
  employeesOther: Type.Integer(),
  productionValueCents: Type.Number(),
  shareCapitalSubscribedCents: Type.Number(),
  shareCapitalPaidCents: Type.Number(),
});

export const MyMembershipsSchema = Type.Object({
  person: Nullable(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      givenName: Nullable(Type.String()),
      familyName: Nullable(Type.String()),
      legalName: Nullable(Type.String()),
      codiceFiscale: Nullable(Type.String()),
      birthDate: Nullable(Type.String()),
      gender: Nullable(Type.String()),
      email: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      comune: Nullable(Type.String()),
      province: Nullable(Type.String()),
    }),
  ),
  items: Type.Array(
    Type.Object({
      id: Uuid,
      cooperative: Type.Object({ id: Uuid, name: Type.String(), province: Nullable(Type.String()) }),
      registerNumber: Type.Integer(),
      memberTypes: Type.Array(Type.String()),
      appliedOn: Nullable(Type.String()),
      admittedOn: Type.String(),
      registeredOn: Type.String(),
      sharesCount: Type.Integer(),
      shareNominalCents: Type.Integer(),
      subscribedCents: Type.Integer(),
      paidCents: Type.Integer(),
      exitKind: Nullable(Type.String()),
      exitOn: Nullable(Type.String()),
      exitReason: Nullable(Type.String()),
    }),
  ),
});

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const YearParams = Type.Object({ id: Uuid, year: Type.Integer({ minimum: 1850, maximum: 2200 }) }, { additionalProperties: false });
export const LangQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])) }, { additionalProperties: false });
export const RollupQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1850, maximum: 2200 })), lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])) },
  { additionalProperties: false },
);
export const SeriesQuery = Type.Object(
  {
    from: Type.Optional(Type.Integer({ minimum: 1850, maximum: 2200 })),
    to: Type.Optional(Type.Integer({ minimum: 1850, maximum: 2200 })),
    lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export const OrganisationListQuery = Type.Object(
  { kind: Type.Optional(OrganisationKindSchema), lang: Type.Optional(Type.Union([Type.Literal('it'), Type.Literal('en')])) },
  { additionalProperties: false },
);

export type CooperativeList = Static<typeof CooperativeListSchema>;
export type CooperativeListItem = CooperativeList['items'][number];
export type MyMemberships = Static<typeof MyMembershipsSchema>;
export type YearlyFigures = Static<typeof YearlyFiguresSchema>;

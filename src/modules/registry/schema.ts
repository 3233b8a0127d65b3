// Drizzle definitions of the registry tables; the DDL itself is migrations/0002_registry.sql.
import { pgTable, uuid, text, integer, bigint, date, timestamp, jsonb, primaryKey } from 'drizzle-orm/pg-core';

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<OrganisationKind>().notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  parentId: uuid('parent_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
export type OrganisationKind = 'alliance' | 'national' | 'regional' | 'territorial' | 'sectoral' | 'cooperative';

export const organisationClosure = pgTable(
  'organisation_closure',
  {
    ancestorId: uuid('ancestor_id').notNull(),
    descendantId: uuid('descendant_id').notNull(),
    depth: integer('depth').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ancestorId, t.descendantId] })],
);

export const cooperatives = pgTable('cooperatives', {
  organisationId: uuid('organisation_id').primaryKey(),
  codiceFiscale: text('codice_fiscale').notNull(),
  partitaIva: text('partita_iva'),
  alboNumber: text('albo_number'),
  alboDate: date('albo_date', { mode: 'string' }),
  alboSection: text('albo_section'),
  alboCategory: text('albo_category'),
  legalModel: text('legal_model'),
  atecoCode: text('ateco_code'),
  comune: text('comune'),
  province: text('province'),
  region: text('region'),
  pec: text('pec'),
  foundedOn: date('founded_on', { mode: 'string' }),
  status: text('status').notNull().default('active'),
  socialType: text('social_type'),
});

export const cooperativeSectors = pgTable(
  'cooperative_sectors',
  {
    cooperativeId: uuid('cooperative_id').notNull(),
    sectoralId: uuid('sectoral_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.sectoralId] })],
);

export const yearlyFigures = pgTable(
  'yearly_figures',
  {
    cooperativeId: uuid('cooperative_id').notNull(),
    year: integer('year').notNull(),
    membersByType: jsonb('members_by_type').$type<Record<string, number>>().notNull().default({}),
    employeesWomen: integer('employees_women').notNull().default(0),
    employeesMen: integer('employees_men').notNull().default(0),
    employeesOther: integer('employees_other').notNull().default(0),
    productionValueCents: bigint('production_value_cents', { mode: 'number' }).notNull().default(0),
    shareCapitalSubscribedCents: bigint('share_capital_subscribed_cents', { mode: 'number' }).notNull().default(0),
    shareCapitalPaidCents: bigint('share_capital_paid_cents', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.year] })],
);

export const people = pgTable('people', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<'natural' | 'legal'>().notNull(),
  givenName: text('given_name'),
  familyName: text('family_name'),
  legalName: text('legal_name'),
  codiceFiscale: text('codice_fiscale'),
  birthDate: date('birth_date', { mode: 'string' }),
  gender: text('gender').$type<'F' | 'M' | 'X'>(),
  email: text('email'),
  phone: text('phone'),
  comune: text('comune'),
  province: text('province'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const memberships = pgTable('memberships', {
  id: uuid('id').primaryKey().defaultRandom(),
  cooperativeId: uuid('cooperative_id').notNull(),
  personId: uuid('person_id').notNull(),
  registerNumber: integer('register_number').notNull(),
  memberTypes: text('member_types').array().notNull(),
  appliedOn: date('applied_on', { mode: 'string' }),
  admittedOn: date('admitted_on', { mode: 'string' }).notNull(),
  registeredOn: date('registered_on', { mode: 'string' }).notNull(),
  sharesCount: integer('shares_count').notNull().default(0),
  shareNominalCents: bigint('share_nominal_cents', { mode: 'number' }).notNull().default(2500),
  subscribedCents: bigint('subscribed_cents', { mode: 'number' }).notNull().default(0),
  paidCents: bigint('paid_cents', { mode: 'number' }).notNull().default(0),
  exitKind: text('exit_kind'),
  exitOn: date('exit_on', { mode: 'string' }),
  exitReason: text('exit_reason'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const coopMemberStats = pgTable(
  'coop_member_stats',
  {
    cooperativeId: uuid('cooperative_id').notNull(),
    year: integer('year').notNull(),
    memberType: text('member_type').notNull(),
    gender: text('gender').notNull(),
    members: integer('members').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.cooperativeId, t.memberType, t.gender] })],
);

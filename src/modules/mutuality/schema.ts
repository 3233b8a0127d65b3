// Drizzle definitions of the mutuality tables; the DDL (with its triggers) is migrations/0010_mutuality.sql.
import { pgTable, uuid, text, integer, bigint, date, timestamp, jsonb, numeric, primaryKey } from 'drizzle-orm/pg-core';
import type { RunFigures } from './domain/figures.ts';
import type { RunInputs } from './domain/rulesets/types.ts';

export const mutualitySettings = pgTable('mutuality_settings', {
  cooperativeId: uuid('cooperative_id').primaryKey(),
  ruleSet: text('rule_set').notNull().default('IT'),
  maxMemberCapitalCents: bigint('max_member_capital_cents', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const exchangeEntries = pgTable('exchange_entries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  cooperativeId: uuid('cooperative_id').notNull(),
  membershipId: uuid('membership_id').notNull(),
  kind: text('kind').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  quantity: numeric('quantity', { precision: 14, scale: 3 }),
  unit: text('unit'),
  valueCents: bigint('value_cents', { mode: 'number' }).notNull(),
  grade: text('grade'),
  description: text('description'),
  externalRef: text('external_ref'),
  reversesId: bigint('reverses_id', { mode: 'number' }),
  reason: text('reason'),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const statementLines = pgTable(
  'mutuality_statement_lines',
  {
    cooperativeId: uuid('cooperative_id').notNull(),
    year: integer('year').notNull(),
    line: text('line').notNull(),
    membersCents: bigint('members_cents', { mode: 'number' }).notNull(),
    othersCents: bigint('others_cents', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.year, t.line] })],
);

export const qualityWeights = pgTable(
  'quality_weights',
  {
    cooperativeId: uuid('cooperative_id').notNull(),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    grade: text('grade').notNull().default(''),
    weightBps: integer('weight_bps').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.year, t.kind, t.grade] })],
);

export const ristorniRuns = pgTable('ristorni_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  cooperativeId: uuid('cooperative_id').notNull(),
  year: integer('year').notNull(),
  ruleSet: text('rule_set').notNull(),
  status: text('status').$type<'draft' | 'computed' | 'approved' | 'paid'>().notNull().default('draft'),
  inputs: jsonb('inputs').$type<RunInputs>().notNull(),
  figures: jsonb('figures').$type<RunFigures>(),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }),
  assemblyDate: date('assembly_date', { mode: 'string' }),
  assemblyKind: text('assembly_kind'),
  votesFor: integer('votes_for'),
  votesAgainst: integer('votes_against'),
  votesAbstained: integer('votes_abstained'),
  resolutionText: text('resolution_text'),
  governanceResolutionId: uuid('governance_resolution_id'),
  approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'string' }),
  approvedBy: uuid('approved_by'),
  paidOn: date('paid_on', { mode: 'string' }),
  paidAt: timestamp('paid_at', { withTimezone: true, mode: 'string' }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const ristorniAllocations = pgTable(
  'ristorni_allocations',
  {
    runId: uuid('run_id').notNull(),
    membershipId: uuid('membership_id').notNull(),
    kind: text('kind').notNull(),
    valueCents: bigint('value_cents', { mode: 'number' }).notNull(),
    quantityMilli: bigint('quantity_milli', { mode: 'number' }).notNull(),
    weighted: bigint('weighted', { mode: 'bigint' }).notNull(),
    capCents: bigint('cap_cents', { mode: 'number' }),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    cashCents: bigint('cash_cents', { mode: 'number' }).notNull(),
    capitalCents: bigint('capital_cents', { mode: 'number' }).notNull(),
    capitalShares: integer('capital_shares').notNull(),
    instrumentsCents: bigint('instruments_cents', { mode: 'number' }).notNull(),
    withholdingCents: bigint('withholding_cents', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.membershipId, t.kind] })],
);

export const shareCapitalMovements = pgTable('share_capital_movements', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  cooperativeId: uuid('cooperative_id').notNull(),
  membershipId: uuid('membership_id').notNull(),
  kind: text('kind').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  sharesDelta: integer('shares_delta').notNull(),
  subscribedDeltaCents: bigint('subscribed_delta_cents', { mode: 'number' }).notNull(),
  paidDeltaCents: bigint('paid_delta_cents', { mode: 'number' }).notNull(),
  refundCents: bigint('refund_cents', { mode: 'number' }),
  counterpartMembershipId: uuid('counterpart_membership_id'),
  ristorniRunId: uuid('ristorni_run_id'),
  note: text('note'),
  recordedBy: uuid('recorded_by'),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

// The incubator's tables for the typed query builder (the DDL is migrations/0060_incubator.sql).
import { pgTable, uuid, text, integer, boolean, smallint, timestamp, primaryKey } from 'drizzle-orm/pg-core';

export const incubatorProjects = pgTable('incubator_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  idea: text('idea').notNull(),
  atecoCode: text('ateco_code'),
  kind: text('kind').notNull(),
  activity: text('activity').notNull(),
  memberGroups: text('member_groups').array().notNull(),
  legalPersonFounders: integer('legal_person_founders').notNull().default(0),
  workersBuyout: boolean('workers_buyout').notNull().default(false),
  plannedWorkers: integer('planned_workers'),
  disadvantagedWorkers: integer('disadvantaged_workers'),
  sdgGoals: smallint('sdg_goals').array().notNull(),
  needs: text('needs').array().notNull(),
  territorialId: uuid('territorial_id').notNull(),
  stage: text('stage').notNull().default('idea'),
  cooperativeId: uuid('cooperative_id'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const incubatorFounders = pgTable(
  'incubator_founders',
  {
    projectId: uuid('project_id').notNull(),
    accountId: uuid('account_id').notNull(),
    role: text('role').notNull().default('founder'),
    addedBy: uuid('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.accountId] })],
);

export const incubatorChecklist = pgTable(
  'incubator_checklist',
  {
    projectId: uuid('project_id').notNull(),
    stage: text('stage').notNull(),
    item: text('item').notNull(),
    doneBy: uuid('done_by'),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.stage, t.item] })],
);

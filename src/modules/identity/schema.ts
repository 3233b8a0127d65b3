// Drizzle definitions of the identity tables; the DDL itself is migrations/0003_identity.sql.
import { pgTable, uuid, text, integer, timestamp } from 'drizzle-orm/pg-core';

export type GrantedRole = 'coop_admin' | 'association_staff' | 'platform_admin';
/** How a session was opened. */
export type AuthMethod = 'password' | 'passkey' | 'recovery-code' | 'invitation';

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  passwordHash: text('password_hash'),
  personId: uuid('person_id'),
  displayName: text('display_name').notNull(),
  locale: text('locale').$type<'it' | 'en'>().notNull().default('it'),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'date' }),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true, mode: 'date' }),
});

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  accountId: uuid('account_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  /** When the person last proved who they are in this session (sign-in or step-up). */
  authenticatedAt: timestamp('authenticated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  authMethod: text('auth_method').$type<AuthMethod>(),
});

export const roleGrants = pgTable('role_grants', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull(),
  role: text('role').$type<GrantedRole>().notNull(),
  organisationId: uuid('organisation_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull(),
  email: text('email').notNull(),
  displayName: text('display_name'),
  personId: uuid('person_id'),
  role: text('role').$type<GrantedRole>(),
  organisationId: uuid('organisation_id'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
  accountId: uuid('account_id'),
  mailedAt: timestamp('mailed_at', { withTimezone: true, mode: 'date' }),
  jobId: uuid('job_id'),
});

export const signInAttempts = pgTable('sign_in_attempts', {
  key: text('key').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

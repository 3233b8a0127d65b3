// Drizzle definitions of the passkey tables (DDL: migrations/0030_identity_security.sql).
import { pgTable, uuid, text, bigint, boolean, timestamp, customType } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
  dataType: () => 'bytea',
  // PGlite hands back Uint8Array, node-postgres a Buffer (itself a Uint8Array): keep one shape.
  fromDriver: (v) => new Uint8Array(v),
  toDriver: (v) => Buffer.from(v),
});

export const passkeys = pgTable('passkeys', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull(),
  credentialId: text('credential_id').notNull(),
  publicKey: bytea('public_key').notNull(),
  counter: bigint('counter', { mode: 'number' }).notNull().default(0),
  transports: text('transports').array().notNull().default([]),
  name: text('name').notNull(),
  aaguid: text('aaguid'),
  deviceType: text('device_type'),
  backedUp: boolean('backed_up').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
});

export type ChallengePurpose = 'register' | 'sign-in' | 'step-up';

export const webauthnChallenges = pgTable('webauthn_challenges', {
  id: uuid('id').primaryKey().defaultRandom(),
  challenge: text('challenge').notNull(),
  purpose: text('purpose').$type<ChallengePurpose>().notNull(),
  accountId: uuid('account_id'),
  sessionIdHash: text('session_id_hash'),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

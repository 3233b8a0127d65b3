// Single-use tokens sent by e-mail (verification, password reset): 256 random bits, only the SHA-256 kept, spent with
// a conditional update so a token works once even when two requests race.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp } from 'drizzle-orm/pg-core';
import type { Db } from '../../../core/db.ts';
import { ProblemError } from '../../../core/errors.ts';
import { newToken, sha256 } from '../service.ts';

export type TokenPurpose = 'verify-email' | 'reset-password';

export const accountTokens = pgTable('account_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: uuid('account_id').notNull(),
  purpose: text('purpose').$type<TokenPurpose>().notNull(),
  email: text('email').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  'verify-email': 24 * 3_600_000,
  'reset-password': 60 * 60_000,
};

/** Issues a token for the account (earlier unused tokens of the same purpose stop working) and returns it. */
export async function issueToken(tx: Db, accountId: string, email: string, purpose: TokenPurpose, now: Date): Promise<string> {
  await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.accountId, accountId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  const token = newToken();
  await tx.insert(accountTokens).values({ tokenHash: sha256(token), accountId, purpose, email, createdAt: now, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) });
  return token;
}

/**
 * Spends a token: the account it belongs to, or 410 `token-invalid` when unknown, used, expired — or issued for an
 * address the account no longer has.
 */
export async function spendToken(tx: Db, token: string, purpose: TokenPurpose, now: Date): Promise<{ accountId: string; email: string }> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, sha256(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
    .returning({ accountId: accountTokens.accountId, email: accountTokens.email });
  if (!row) throw new ProblemError(410, 'token-invalid', { fields: [{ field: 'body/token', code: 'identity.token.invalid' }] });
  const [acc] = await tx.execute(sql`SELECT 1 FROM accounts WHERE id = ${row.accountId} AND lower(email) = lower(${row.email}) AND disabled_at IS NULL`).then((r) => (r as unknown as { rows: unknown[] }).rows);
  if (!acc) throw new ProblemError(410, 'token-invalid', { fields: [{ field: 'body/token', code: 'identity.token.invalid' }] });
  return row;
}

// Helpers for the governance tests: members in bulk, member accounts, "the day of the assembly comes" (calls moved
// into the past, bypassing the guard that keeps a convened assembly's calls fixed), and request shortcuts.
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/core/db.ts';
import { queryRows } from '../../src/core/db.ts';
import { hashPassword } from '../../src/modules/identity/password.ts';
import { refreshMemberStats } from '../../src/modules/registry/index.ts';
import { PASSWORD } from '../support/fixtures.ts';
import type { TestPlatform } from '../support/platform.ts';

let hash: string | null = null;

export interface NewMember {
  personId: string;
  email: string;
}

/** Adds members to a co-op (registered `daysAgo` days before today), with accounts when `accounts` is set. */
export async function addMembers(
  database: Database,
  coopId: string,
  n: number,
  opts: { daysAgo?: number; legal?: boolean; types?: string[]; accounts?: boolean; prefix?: string; paid?: boolean } = {},
): Promise<NewMember[]> {
  const db = database.db;
  const out: NewMember[] = [];
  const since = new Date(Date.now() - (opts.daysAgo ?? 400) * 86_400_000).toISOString().slice(0, 10);
  const prefix = opts.prefix ?? `m${Math.random().toString(36).slice(2, 7)}`;
  for (let i = 0; i < n; i++) {
    const email = `${prefix}.${i}@example.it`;
    const [p] = await queryRows<{ id: string }>(db, opts.legal
      ? sql`INSERT INTO people (kind, legal_name, email) VALUES ('legal', ${`Impresa ${prefix} ${i} Srl`}, ${email}) RETURNING id`
      : sql`INSERT INTO people (kind, given_name, family_name, email) VALUES ('natural', ${`Socio${i}`}, ${`${prefix}`}, ${email}) RETURNING id`);
    const personId = (p as { id: string }).id;
    await db.execute(sql`INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, subscribed_cents, paid_cents)
      SELECT ${coopId}, ${personId}, coalesce(max(register_number), 0) + 1, ${`{${(opts.types ?? ['lavoratore']).join(',')}}`}::text[], ${since}, ${since}, 5000, ${opts.paid === false ? 0 : 5000}
        FROM memberships WHERE cooperative_id = ${coopId}`);
    if (opts.accounts) {
      hash ??= await hashPassword(PASSWORD);
      await db.execute(sql`INSERT INTO accounts (email, password_hash, display_name, person_id) VALUES (${email}, ${hash}, ${`Socio ${i}`}, ${personId})`);
    }
    out.push({ personId, email });
  }
  await refreshMemberStats(database, [coopId]);
  return out;
}

/** The assembly's calls arrive: first call a minute ago, second call (if any) the next day. */
export async function arrive(database: Database, assemblyId: string, which: 'first' | 'second' = 'first'): Promise<void> {
  await database.rawTransaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    if (which === 'first') {
      await tx.query(`UPDATE assemblies SET first_call_at = now() - interval '1 minute', second_call_at = CASE WHEN second_call_at IS NULL THEN NULL ELSE now() + interval '1 day' END WHERE id = $1 OR parent_id = $1`, [assemblyId]);
    } else {
      await tx.query(`UPDATE assemblies SET first_call_at = now() - interval '1 day', second_call_at = now() - interval '1 minute' WHERE id = $1 OR parent_id = $1`, [assemblyId]);
    }
  });
}

/** An ISO instant `days` days from now at 18:00 UTC (far enough from midnight in Rome for same-day checks). */
export function inDays(days: number, hour = 16): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

export type Headers = Record<string, string>;

export function api(p: TestPlatform) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown) => {
    const res = await p.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? (res.headers['content-type']?.toString().includes('json') ? res.json() : res.body) : null, res };
  };
  return {
    get: (url: string, h: Headers) => call('GET', url, h),
    post: (url: string, h: Headers, body: unknown = {}) => call('POST', url, h, body),
    put: (url: string, h: Headers, body: unknown) => call('PUT', url, h, body),
    patch: (url: string, h: Headers, body: unknown) => call('PATCH', url, h, body),
    del: (url: string, h: Headers) => call('DELETE', url, h),
  };
}

/** A statute that allows everything (hybrid meetings, remote and postal votes). */
export const OPEN_STATUTE = { remoteParticipationAllowed: true, remoteVotingAllowed: true, postalVotingAllowed: true };

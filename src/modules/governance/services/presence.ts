// Votes present or represented, counted live from the attendance, the proxies and the remote votes: a member counts
// when checked in, when represented by a proxy holder who is checked in (and not present themselves), or when they
// voted remotely or by post (art. 2538 c. 6 c.c.: they are deemed present). Counted in votes (art. 2538 c.c.).
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { one } from './common.ts';

export interface PresenceFigures {
  /** Members checked in (voters or not). */
  presentPeople: number;
  /** Members represented by a checked-in proxy holder. */
  representedPeople: number;
  /** Members counted present because they voted remotely or by post. */
  remoteVoters: number;
  /** Votes present or represented (eligible members only), and of which financing members'. */
  total: number;
  financing: number;
  entitled: { total: number; financing: number; voters: number };
}

/**
 * Presence for the assembly (ballotId null: remote voters of any ballot count) or at the close of one ballot (those
 * who cast a vote on it count, wherever they are now).
 */
export async function presence(db: Db, assemblyId: string, ballotId: string | null = null): Promise<PresenceFigures> {
  const voted = ballotId
    ? sql`SELECT voter_person_id AS person_id FROM ballot_casts WHERE ballot_id = ${ballotId}`
    : sql`SELECT c.voter_person_id AS person_id FROM ballot_casts c JOIN assembly_ballots b ON b.id = c.ballot_id
           WHERE b.assembly_id = ${assemblyId} AND c.channel IN ('remote', 'postal')`;
  const r = await one<Omit<PresenceFigures, 'entitled'> & { entitledTotal: number; entitledFinancing: number; entitledVoters: number }>(db, sql`
    WITH present AS (
      SELECT person_id FROM assembly_attendance WHERE assembly_id = ${assemblyId} AND present),
    represented AS (
      SELECT x.grantor_person_id AS person_id FROM assembly_proxies x
        JOIN assembly_attendance h ON h.assembly_id = x.assembly_id AND h.person_id = x.holder_person_id AND h.present
       WHERE x.assembly_id = ${assemblyId} AND x.revoked_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM present g WHERE g.person_id = x.grantor_person_id)),
    voted AS (${voted}),
    counted AS (SELECT person_id FROM present UNION SELECT person_id FROM represented UNION SELECT person_id FROM voted)
    SELECT (SELECT count(*)::int FROM present) AS "presentPeople",
           (SELECT count(*)::int FROM represented) AS "representedPeople",
           (SELECT count(*)::int FROM (SELECT person_id FROM voted EXCEPT SELECT person_id FROM present EXCEPT SELECT person_id FROM represented) v) AS "remoteVoters",
           coalesce(sum(r.weight), 0)::int AS total, coalesce(sum(r.weight) FILTER (WHERE r.financing), 0)::int AS financing,
           (SELECT roll_votes FROM assemblies WHERE id = ${assemblyId}) AS "entitledTotal",
           (SELECT roll_financing_votes FROM assemblies WHERE id = ${assemblyId}) AS "entitledFinancing",
           (SELECT roll_voters FROM assemblies WHERE id = ${assemblyId}) AS "entitledVoters"
      FROM assembly_roll r
     WHERE r.assembly_id = ${assemblyId} AND r.eligible AND r.person_id IN (SELECT person_id FROM counted)`);
  return {
    presentPeople: r?.presentPeople ?? 0,
    representedPeople: r?.representedPeople ?? 0,
    remoteVoters: r?.remoteVoters ?? 0,
    total: r?.total ?? 0,
    financing: r?.financing ?? 0,
    entitled: { total: r?.entitledTotal ?? 0, financing: r?.entitledFinancing ?? 0, voters: r?.entitledVoters ?? 0 },
  };
}

/**
 * Presence at the close of a ballot, given the weights of the votes cast on it (the count already sums them): those
 * votes, plus members present or represented who did not vote. Spares a pass over millions of "has voted" rows.
 */
export async function presenceAtClose(db: Db, assemblyId: string, ballotId: string, cast: { total: number; financing: number }): Promise<{ total: number; financing: number; entitled: { total: number; financing: number } }> {
  const r = await one<{ total: number; financing: number; entitledTotal: number; entitledFinancing: number }>(db, sql`
    WITH present AS (
      SELECT person_id FROM assembly_attendance WHERE assembly_id = ${assemblyId} AND present),
    represented AS (
      SELECT x.grantor_person_id AS person_id FROM assembly_proxies x
        JOIN assembly_attendance h ON h.assembly_id = x.assembly_id AND h.person_id = x.holder_person_id AND h.present
       WHERE x.assembly_id = ${assemblyId} AND x.revoked_at IS NULL),
    counted AS (SELECT person_id FROM present UNION SELECT person_id FROM represented)
    SELECT coalesce(sum(r.weight), 0)::int AS total, coalesce(sum(r.weight) FILTER (WHERE r.financing), 0)::int AS financing,
           (SELECT roll_votes FROM assemblies WHERE id = ${assemblyId}) AS "entitledTotal",
           (SELECT roll_financing_votes FROM assemblies WHERE id = ${assemblyId}) AS "entitledFinancing"
      FROM counted c JOIN assembly_roll r ON r.assembly_id = ${assemblyId} AND r.person_id = c.person_id AND r.eligible
     WHERE NOT EXISTS (SELECT 1 FROM ballot_casts k WHERE k.ballot_id = ${ballotId} AND k.voter_person_id = c.person_id)`);
  return {
    total: cast.total + (r?.total ?? 0),
    financing: cast.financing + (r?.financing ?? 0),
    entitled: { total: r?.entitledTotal ?? 0, financing: r?.entitledFinancing ?? 0 },
  };
}

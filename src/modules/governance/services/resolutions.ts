// Resolutions an assembly passed, for other modules that act on them (mutuality's ristorni are paid only after the
// assembly approves them, art. 2545-sexies c.c.). Only a general assembly's closed yes/no ballot with the outcome
// "approved" counts: sectional meetings prepare the decision but do not take it (art. 2540 c.c.).
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../core/db.ts';

export interface PassedResolution {
  itemId: string;
  assemblyId: string;
  assemblyTitle: string;
  itemTitle: string;
  /** The motion as voted (after accepted amendments), or the item's title when it had no separate text. */
  text: string;
  /** The day the ballot closed, in Italy's time zone (ISO date). */
  heldOn: string;
  assemblyKind: 'ordinary' | 'extraordinary';
  /** Votes as counted, rounded to whole votes (the financing members' cap can make them fractional). */
  votesFor: number;
  votesAgainst: number;
  votesAbstained: number;
  /** Hash of the frozen result, so the link can be checked against the minutes. */
  resultSha256: string | null;
}

/** The co-op's passed resolutions, newest first; `after` keeps those held after that date, `itemId` picks one. */
export async function passedResolutions(
  db: Db,
  cooperativeId: string,
  opts: { after?: string; itemId?: string } = {},
): Promise<PassedResolution[]> {
  const rows = await queryRows<Omit<PassedResolution, 'votesFor' | 'votesAgainst' | 'votesAbstained'> & { yes: string; no: string; abstain: string }>(db, sql`
    SELECT i.id AS "itemId", a.id AS "assemblyId", a.title AS "assemblyTitle", i.title AS "itemTitle",
           coalesce(nullif(i.motion, ''), i.title) AS text,
           to_char((b.closed_at AT TIME ZONE 'Europe/Rome')::date, 'YYYY-MM-DD') AS "heldOn",
           a.kind AS "assemblyKind", b.result_sha256 AS "resultSha256",
           b.result #>> '{resolution,yes}' AS yes, b.result #>> '{resolution,no}' AS no, b.result #>> '{resolution,abstain}' AS abstain
      FROM assembly_items i
      JOIN assemblies a ON a.id = i.assembly_id
      JOIN assembly_ballots b ON b.item_id = i.id
     WHERE a.cooperative_id = ${cooperativeId} AND a.parent_id IS NULL AND i.kind = 'resolution'
       AND b.method = 'yes_no' AND b.status = 'closed' AND b.result ->> 'outcome' = 'approved'
       ${opts.after ? sql`AND (b.closed_at AT TIME ZONE 'Europe/Rome')::date > ${opts.after}::date` : sql``}
       ${opts.itemId ? sql`AND i.id = ${opts.itemId}` : sql``}
     ORDER BY b.closed_at DESC, i.position
     LIMIT 200`);
  return rows.map(({ yes, no, abstain, ...r }) => ({
    ...r,
    votesFor: Math.round(Number(yes ?? 0)),
    votesAgainst: Math.round(Number(no ?? 0)),
    votesAbstained: Math.round(Number(abstain ?? 0)),
  }));
}

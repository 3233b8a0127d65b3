// Roll-up aggregates (coop_member_stats): members of each co-op at the end of each year, and today (year 9999),
// by member type ('*' = every member once) and gender ('?' = unknown or legal person). Recomputed per co-op in
// the same transaction as every register change (service, import, demo), so roll-ups read a few thousand rows
// instead of scanning millions of memberships.
import type { SqlRunner } from '../../core/db.ts';

export const CURRENT_YEAR_KEY = 9999;

/**
 * Recomputes the aggregates of the given co-ops (all co-ops when `coopIds` is 'all').
 * A member counts at the end of year Y when admitted on or before 31 December Y and not exited by then.
 */
export async function refreshMemberStats(runner: Pick<SqlRunner, 'query'>, coopIds: string[] | 'all', today = new Date()): Promise<void> {
  if (coopIds !== 'all' && coopIds.length === 0) return;
  const all = coopIds === 'all';
  const filter = all ? 'TRUE' : 'm.cooperative_id = ANY($1::uuid[])';
  const params: unknown[] = all ? [] : [coopIds];
  const yearParam = `$${params.length + 1}`;
  const dateParam = `$${params.length + 2}`;
  const currentYear = today.getUTCFullYear();
  const isoToday = today.toISOString().slice(0, 10);
  await runner.query(all ? 'DELETE FROM coop_member_stats' : 'DELETE FROM coop_member_stats WHERE cooperative_id = ANY($1::uuid[])', params);
  await runner.query(
    `WITH m AS (
       SELECT m.cooperative_id, m.admitted_on, m.exit_on,
              extract(year FROM m.admitted_on)::int AS y_in,
              extract(year FROM m.exit_on)::int AS y_out,
              ARRAY(SELECT DISTINCT x FROM unnest(m.member_types || '{*}'::text[]) x) AS types,
              coalesce(p.gender, '?') AS gender
       FROM memberships m JOIN people p ON p.id = m.person_id
       WHERE ${filter}
     ),
     flows AS (
       SELECT cooperative_id, t AS member_type, gender, y_in AS year, 1 AS delta FROM m, unnest(types) t
       UNION ALL
       SELECT cooperative_id, t, gender, y_out, -1 FROM m, unnest(types) t WHERE y_out IS NOT NULL
     ),
     agg AS (
       SELECT cooperative_id, member_type, gender, year, sum(delta)::int AS d FROM flows GROUP BY 1, 2, 3, 4
     ),
     keys AS (
       SELECT cooperative_id, member_type, gender, min(year) AS y0 FROM agg GROUP BY 1, 2, 3
     ),
     grid AS (
       SELECT k.cooperative_id, k.member_type, k.gender, g.year
       FROM keys k, generate_series(k.y0, ${yearParam}::int) AS g(year)
     ),
     cum AS (
       SELECT g.cooperative_id, g.member_type, g.gender, g.year,
              sum(coalesce(a.d, 0)) OVER (PARTITION BY g.cooperative_id, g.member_type, g.gender ORDER BY g.year) AS members
       FROM grid g LEFT JOIN agg a USING (cooperative_id, member_type, gender, year)
     )
     INSERT INTO coop_member_stats (cooperative_id, year, member_type, gender, members)
     SELECT cooperative_id, year, member_type, gender, members FROM cum WHERE members > 0
     UNION ALL
     SELECT cooperative_id, ${CURRENT_YEAR_KEY}, t, gender, count(*)
     FROM m, unnest(types) t
     WHERE admitted_on <= ${dateParam}::date AND (exit_on IS NULL OR exit_on > ${dateParam}::date)
     GROUP BY cooperative_id, t, gender`,
    [...params, currentYear, isoToday],
  );
}

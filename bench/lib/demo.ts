// Adapter around the registry's demo generator: builds the demo federation with the requested number of members
// and makes sure the roll-up aggregates (coop_member_stats) are there, as `refreshMemberStats` computes them.
import type { Database } from '../../src/core/db.ts';
import { refreshMemberStats } from '../../src/modules/registry/stats.ts';
import { generateDemo, type DemoProgress } from '../../src/modules/registry/demo/index.ts';

export interface FederationOptions {
  members: number;
  coops: number;
  seed: number;
  log?: (msg: string) => void;
}

export interface GeneratedFederation {
  seconds: number;
  members: number;
  cooperatives: number;
  statsRefreshSeconds: number | null;
}

export async function generateFederation(database: Database, o: FederationOptions): Promise<GeneratedFederation> {
  const t0 = performance.now();
  let last = 0;
  let phase = '';
  await generateDemo(database, {
    coops: o.coops,
    members: o.members,
    seed: o.seed,
    onProgress: (p: DemoProgress) => {
      const t = performance.now();
      if (p.phase === phase && t - last < 10_000) return;
      last = t;
      phase = p.phase;
      o.log?.(`  demo: ${p.phase} ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  let statsRefreshSeconds: number | null = null;
  const { rows: statRows } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM coop_member_stats');
  if ((statRows[0]?.n ?? 0) === 0) {
    o.log?.('  the demo left no roll-up aggregates: refreshMemberStats(all) …');
    const t1 = performance.now();
    await database.rawTransaction((tx) => refreshMemberStats(tx, 'all'));
    statsRefreshSeconds = (performance.now() - t1) / 1000;
  }
  const { rows } = await database.query<{ members: number; coops: number }>(`
    SELECT (SELECT count(*) FROM memberships WHERE exit_on IS NULL)::float8 AS members,
           (SELECT count(*) FROM cooperatives)::int AS coops`);
  return { seconds, members: rows[0]?.members ?? 0, cooperatives: rows[0]?.coops ?? 0, statsRefreshSeconds };
}

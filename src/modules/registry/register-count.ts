// Exact counts of register listings, cached per process and keyed by the co-op's register_version (bumped by a
// trigger on every statement that writes memberships): a count over a 200k-member register costs tens of
// milliseconds, the version check a primary-key lookup, and a stale count can never be served.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../core/db.ts';

type DbLike = Pick<Db, 'execute'>;

const MAX_ENTRIES = 2000;

interface Entry {
  version: number;
  total: number;
}

/** One cache per database handle (tests run several platforms, each on its own database, in one process). */
const caches = new WeakMap<object, Map<string, Entry>>();

export async function registerVersion(db: DbLike, coopId: string): Promise<number> {
  const [row] = await queryRows<{ v: number }>(db, sql`SELECT register_version AS v FROM cooperatives WHERE organisation_id = ${coopId}`);
  return Number(row?.v ?? 0);
}

/** `count()` runs only when this filter's count for this register version is not cached. */
export async function cachedCount(db: DbLike, coopId: string, filterKey: string, count: () => Promise<number>): Promise<number> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = await registerVersion(db, coopId);
  const key = `${coopId}\u0000${filterKey}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Re-insert: Map keeps insertion order, so the oldest entry is the least recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit.total;
  }
  const total = await count();
  cache.delete(key);
  cache.set(key, { version, total });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return total;
}

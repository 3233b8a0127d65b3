// Roll-up arithmetic over the federation: which co-operatives an organisation answers for, and their figures
// added up with each co-operative counted once. Pure functions, no I/O.
//
// The federation is a forest (national → regional → territorial / sectoral associations → co-operatives).
// A co-operative sits in the territorial tree through its parentId and may also be affiliated to sectoral
// associations anywhere in the forest. An organisation answers for every co-operative of its subtree plus every
// co-operative affiliated to a sectoral association of its subtree; a co-operative reached both ways, or through
// two sectoral associations, is still one co-operative (DESIGN.md, "association staff ... data rolled up by level").

/** Kind of organisation that is a co-operative (a leaf of the forest). */
export const COOPERATIVE_KIND = 'cooperative';
/** Kind of organisation that co-operatives can be affiliated to. */
export const SECTORAL_KIND = 'sectoral';

/** A node of the federation forest; `kind` is free text here, only COOPERATIVE_KIND and SECTORAL_KIND matter. */
export interface OrgNode {
  readonly id: string;
  readonly kind: string;
  readonly parentId: string | null;
}

/** A co-operative's affiliation to a sectoral association. */
export interface SectoralAffiliation {
  readonly cooperativeId: string;
  readonly sectoralId: string;
}

/** Numeric figures of one co-operative for one period (members, workers, revenue in cents …). */
export type Figures<K extends string = string> = Readonly<Partial<Record<K, number>>>;

/** Figures by co-operative id, as a Map or a plain object. */
export type FiguresByCooperative<K extends string = string> =
  | ReadonlyMap<string, Figures<K>>
  | Readonly<Record<string, Figures<K>>>;

/** Result of a roll-up sum. */
export interface FigureTotals<K extends string = string> {
  /** Co-operatives the organisation answers for, each once. */
  readonly cooperatives: number;
  /** How many of them have figures. */
  readonly reporting: number;
  /** Sum of each figure over the reporting co-operatives (a key is absent when nobody reported it). */
  readonly totals: Readonly<Partial<Record<K, number>>>;
}

/** A defect of the forest or of the affiliations that would make a roll-up wrong. */
export type RollupProblem =
  | { readonly problem: 'duplicate_id'; readonly id: string }
  | { readonly problem: 'unknown_parent'; readonly id: string; readonly parentId: string }
  | { readonly problem: 'cycle'; readonly id: string }
  | { readonly problem: 'cooperative_with_children'; readonly id: string }
  | { readonly problem: 'affiliation_unknown_org'; readonly cooperativeId: string; readonly sectoralId: string }
  | { readonly problem: 'affiliation_not_cooperative'; readonly cooperativeId: string; readonly sectoralId: string }
  | { readonly problem: 'affiliation_not_sectoral'; readonly cooperativeId: string; readonly sectoralId: string };

/** Thrown by `createRollup` when the input has problems; they are all listed. */
export class RollupError extends Error {
  readonly problems: readonly RollupProblem[];
  constructor(problems: readonly RollupProblem[]) {
    super(`invalid federation forest: ${problems.map((p) => p.problem).join(', ')}`);
    this.name = 'RollupError';
    this.problems = problems;
  }
}

/** Lists every problem of a forest and its affiliations (empty when the roll-up is well defined). */
export function validateForest(
  orgs: readonly OrgNode[],
  affiliations: readonly SectoralAffiliation[] = [],
): RollupProblem[] {
  const problems: RollupProblem[] = [];
  const byId = new Map<string, OrgNode>();
  for (const o of orgs) {
    if (byId.has(o.id)) problems.push({ problem: 'duplicate_id', id: o.id });
    else byId.set(o.id, o);
  }
  for (const o of byId.values()) {
    if (o.parentId === null) continue;
    const parent = byId.get(o.parentId);
    if (!parent) problems.push({ problem: 'unknown_parent', id: o.id, parentId: o.parentId });
    else if (parent.kind === COOPERATIVE_KIND) problems.push({ problem: 'cooperative_with_children', id: parent.id });
  }
  // Cycles: walk up from each node, colouring the path (each node is finished once).
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of byId.keys()) {
    const path: string[] = [];
    let id: string | null = start;
    while (id !== null && state.get(id) === undefined) {
      state.set(id, 'walking');
      path.push(id);
      const parentId: string | null = byId.get(id)?.parentId ?? null;
      id = parentId !== null && byId.has(parentId) ? parentId : null;
    }
    if (id !== null && state.get(id) === 'walking') problems.push({ problem: 'cycle', id });
    for (const p of path) state.set(p, 'done');
  }
  for (const a of affiliations) {
    const coop = byId.get(a.cooperativeId);
    const sectoral = byId.get(a.sectoralId);
    if (!coop || !sectoral) problems.push({ problem: 'affiliation_unknown_org', ...a });
    else if (coop.kind !== COOPERATIVE_KIND) problems.push({ problem: 'affiliation_not_cooperative', ...a });
    else if (sectoral.kind !== SECTORAL_KIND) problems.push({ problem: 'affiliation_not_sectoral', ...a });
  }
  // One report per co-op with children, however many children it has.
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (p.problem !== 'cooperative_with_children') return true;
    if (seen.has(p.id)) return false;
    seen.add(p.id);
    return true;
  });
}

function lookup<K extends string>(figures: FiguresByCooperative<K>, id: string): Figures<K> | undefined {
  if (figures instanceof Map) return figures.get(id);
  const record = figures as Readonly<Record<string, Figures<K>>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/**
 * Adds up the figures of the given co-operatives, each distinct id once. Throws RangeError on a non-finite
 * figure or on an integer sum beyond Number.MAX_SAFE_INTEGER (where it would stop being exact).
 */
export function sumFiguresOf<K extends string>(
  cooperativeIds: Iterable<string>,
  figures: FiguresByCooperative<K>,
): FigureTotals<K> {
  const ids = new Set(cooperativeIds);
  const totals: Partial<Record<K, number>> = {};
  let reporting = 0;
  for (const id of ids) {
    const f = lookup(figures, id);
    if (f === undefined) continue;
    reporting++;
    for (const key of Object.keys(f) as K[]) {
      const value = f[key];
      if (value === undefined) continue;
      if (!Number.isFinite(value)) throw new RangeError(`figure ${key} of ${id} is not finite`);
      const sum: number = (totals[key] ?? 0) + value;
      if (Number.isInteger(value) && Number.isInteger(sum) && !Number.isSafeInteger(sum)) {
        throw new RangeError(`sum of ${key} exceeds Number.MAX_SAFE_INTEGER`);
      }
      totals[key] = sum;
    }
  }
  return { cooperatives: ids.size, reporting, totals };
}

/** Roll-up queries over one validated forest. */
export interface Rollup {
  /** Ids of the organisation's subtree, itself included. Throws RangeError for an unknown id. */
  subtree(orgId: string): ReadonlySet<string>;
  /** Direct children of an organisation. */
  children(orgId: string): readonly string[];
  /** Co-operatives the organisation answers for: its co-op descendants ∪ co-ops affiliated to sectoral orgs in its subtree. */
  cooperativesUnder(orgId: string): ReadonlySet<string>;
  /** The figures of `cooperativesUnder(orgId)` added up, each co-operative once. */
  sumFigures<K extends string>(orgId: string, figures: FiguresByCooperative<K>): FigureTotals<K>;
}

/** Builds the roll-up queries for a forest; throws RollupError when `validateForest` finds problems. */
export function createRollup(orgs: readonly OrgNode[], affiliations: readonly SectoralAffiliation[] = []): Rollup {
  const problems = validateForest(orgs, affiliations);
  if (problems.length > 0) throw new RollupError(problems);

  const byId = new Map(orgs.map((o) => [o.id, o] as const));
  const childrenOf = new Map<string, string[]>();
  for (const o of orgs) {
    if (o.parentId === null) continue;
    const list = childrenOf.get(o.parentId);
    if (list) list.push(o.id);
    else childrenOf.set(o.parentId, [o.id]);
  }
  const affiliatedTo = new Map<string, string[]>();
  for (const a of affiliations) {
    const list = affiliatedTo.get(a.sectoralId);
    if (list) list.push(a.cooperativeId);
    else affiliatedTo.set(a.sectoralId, [a.cooperativeId]);
  }

  const known = (orgId: string): void => {
    if (!byId.has(orgId)) throw new RangeError(`unknown organisation ${orgId}`);
  };
  const subtrees = new Map<string, ReadonlySet<string>>();
  const under = new Map<string, ReadonlySet<string>>();

  const subtree = (orgId: string): ReadonlySet<string> => {
    known(orgId);
    const cached = subtrees.get(orgId);
    if (cached) return cached;
    const result = new Set<string>();
    const stack = [orgId]; // iterative: no recursion limit on deep forests
    while (stack.length > 0) {
      const id = stack.pop() as string;
      result.add(id);
      for (const c of childrenOf.get(id) ?? []) stack.push(c);
    }
    subtrees.set(orgId, result);
    return result;
  };

  const cooperativesUnder = (orgId: string): ReadonlySet<string> => {
    const cached = under.get(orgId);
    if (cached) return cached;
    const result = new Set<string>();
    for (const id of subtree(orgId)) {
      const node = byId.get(id);
      if (node?.kind === COOPERATIVE_KIND) result.add(id);
      for (const coop of affiliatedTo.get(id) ?? []) result.add(coop);
    }
    under.set(orgId, result);
    return result;
  };

  return {
    subtree,
    children: (orgId) => {
      known(orgId);
      return childrenOf.get(orgId) ?? [];
    },
    cooperativesUnder,
    sumFigures: (orgId, figures) => sumFiguresOf(cooperativesUnder(orgId), figures),
  };
}

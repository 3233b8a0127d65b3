// The count of one ballot: the financing members' cap, the constitutive quorum, then the method's own count, with
// the outcome and the rule that decided it explained in words (i18n keys and figures). Pure: the service feeds it
// the aggregated choices (SQL GROUP BY), the CLI feeds it an exported ballot file; both get the same result.
import { createHash } from 'node:crypto';
import { format, exact, add, type Q } from '../rational.ts';
import { financingCap, type Presence } from '../weights.ts';
import { checkConstitutive, checkThreshold, explainConstitutive, type ConstitutiveCheck, type ThresholdCheck } from '../quorum.ts';
import { RULE_FINANCING_CAP, type QuorumRule } from '../statute.ts';
import type { Method } from '../ballot.ts';
import type { Explanation } from '../eligibility.ts';
import { scaleGroups, toQ, type Group } from './scaled.ts';
import { countMarks } from './marks.ts';
import { stv, stvBallots, STV_UNIT, type StvStage } from './stv.ts';
import { schulze } from './schulze.ts';

export type { Group } from './scaled.ts';

export interface TallyInput {
  method: Method;
  seats: number;
  candidateCount: number;
  groups: readonly Group[];
  /** Votes present or represented when the vote closed. */
  presence: Presence;
  /** Votes of every member entitled to vote (for quorums and majorities over the entitled). */
  entitled: Presence;
  rule: QuorumRule;
  financingCapFraction: { num: number; den: number };
  /** Seed for lots; default: a hash of the input. */
  seed?: string;
  /** Votes cast, when the groups are not whole ballots (an encrypted election's decrypted marks per candidate). */
  castVotes?: number;
}

export interface CandidateLine {
  position: number;
  /** Votes (plurality, approval), first preferences (STV) or pairwise wins (Schulze). */
  votes: string;
  elected: boolean;
  /** 1-based place in the result order (Schulze ranking, STV election order, votes order). */
  rank: number;
}

export interface TallyResult {
  method: Method;
  seats: number;
  /** Ballots cast (weighted: votes) and blank ballots. */
  castVotes: number;
  blankVotes: number;
  presence: { total: number; financing: number; entitledTotal: number };
  cap: { applied: boolean; coefficient: string; coefficientExact: string; limit: string; source: string };
  constitutive: ConstitutiveCheck;
  resolution: null | { yes: string; no: string; abstain: string; exact: { yes: string; no: string; abstain: string }; deliberative: ThresholdCheck; source: string };
  election: null | {
    candidates: CandidateLine[];
    elected: number[];
    ties: number[][];
    stv?: { quota: string; valid: string; stages: { stage: number; action: StvStage['action']; candidate: number | null; transferValue: string | null; totals: string[]; nonTransferable: string; lostToFractions: string; elected: number[]; tieBreak: StvStage['tieBreak'] }[] };
    schulze?: { pairwise: string[][]; strongestPaths: string[][]; ranking: number[] };
  };
  outcome: 'approved' | 'rejected' | 'elected' | 'no-quorum';
  explanation: Explanation[];
  seed: string;
}

const units5 = (v: bigint): string => {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % STV_UNIT).toString().padStart(5, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / STV_UNIT}${frac ? `.${frac}` : ''}`;
};

/** Merges groups with the same choice and financing flag (the SQL GROUP BY and a ballot file give the same groups). */
export function mergeGroups(groups: readonly Group[]): Group[] {
  const m = new Map<string, Group>();
  for (const g of groups) {
    const key = `${g.financing ? 'F' : 'O'}|${g.choice}`;
    const cur = m.get(key);
    if (cur) cur.weight += g.weight;
    else m.set(key, { ...g });
  }
  return [...m.values()].sort((a, b) => (a.choice < b.choice ? -1 : a.choice > b.choice ? 1 : Number(a.financing) - Number(b.financing)));
}

/** The default seed of lots: SHA-256 of the method, seats, candidates and merged groups. */
export function defaultSeed(input: Pick<TallyInput, 'method' | 'seats' | 'candidateCount' | 'groups'>): string {
  const canonical = JSON.stringify({ m: input.method, s: input.seats, n: input.candidateCount, g: mergeGroups(input.groups).map((g) => [g.choice, g.weight, g.financing]) });
  return createHash('sha256').update(canonical).digest('hex');
}

export function tally(raw: TallyInput): TallyResult {
  const input = { ...raw, groups: mergeGroups(raw.groups) };
  const seed = input.seed ?? defaultSeed(input);
  const cap = financingCap(input.presence, input.financingCapFraction);
  const constitutive = checkConstitutive(input.rule, input.presence.total, input.entitled.total);
  const castVotes = input.castVotes ?? input.groups.reduce((a, g) => a + g.weight, 0);
  const blankVotes = input.groups.filter((g) => g.choice === '').reduce((a, g) => a + g.weight, 0);
  const explanation: Explanation[] = [];
  explanation.push({ key: 'governance.tally.presence', params: { present: input.presence.total, entitled: input.entitled.total, cast: castVotes } });
  explanation.push(explainConstitutive(constitutive));
  if (cap.applied) {
    explanation.push({
      key: 'governance.tally.cap-applied',
      params: { financing: input.presence.financing, limit: format(cap.limit), coefficient: format(cap.coefficient, 5), num: input.financingCapFraction.num, den: input.financingCapFraction.den, source: RULE_FINANCING_CAP.source },
    });
  }
  const base: Omit<TallyResult, 'resolution' | 'election' | 'outcome'> = {
    method: input.method,
    seats: input.seats,
    castVotes,
    blankVotes,
    presence: { total: input.presence.total, financing: input.presence.financing, entitledTotal: input.entitled.total },
    cap: { applied: cap.applied, coefficient: format(cap.coefficient, 5), coefficientExact: exact(cap.coefficient), limit: format(cap.limit), source: RULE_FINANCING_CAP.source },
    constitutive,
    explanation,
    seed,
  };
  const scaled = scaleGroups(input.groups, cap);

  if (input.method === 'yes_no') {
    const sumOf = (c: string): Q => toQ(scaled.groups.filter((g) => g.choice === c).reduce((a, g) => a + g.weight, 0n), scaled.scale);
    const yes = sumOf('yes');
    const no = sumOf('no');
    const abstain = sumOf('abstain');
    const t = input.rule.deliberative;
    // The entitled base gets the cap too, computed on the entitled votes.
    const baseVotes: Q = t.base === 'cast' ? add(yes, no) : t.base === 'present' ? cap.cappedTotal : financingCap(input.entitled, input.financingCapFraction).cappedTotal;
    const deliberative = checkThreshold(yes, baseVotes, t);
    const outcome = !constitutive.met ? 'no-quorum' : deliberative.met ? 'approved' : 'rejected';
    explanation.push({
      key: `governance.tally.resolution.${deliberative.met ? 'met' : 'missed'}.${t.strict ? 'strict' : 'atleast'}.${t.base}`,
      params: { yes: format(yes), no: format(no), abstain: format(abstain), base: deliberative.baseVotes, line: deliberative.line, num: t.num, den: t.den, source: input.rule.source },
    });
    explanation.push({ key: `governance.tally.outcome.${outcome}`, params: {} });
    return {
      ...base,
      resolution: { yes: format(yes), no: format(no), abstain: format(abstain), exact: { yes: exact(yes), no: exact(no), abstain: exact(abstain) }, deliberative, source: input.rule.source },
      election: null,
      outcome,
    };
  }

  const n = input.candidateCount;
  const seats = Math.min(input.seats, n);
  let election: NonNullable<TallyResult['election']>;
  if (input.method === 'plurality' || input.method === 'approval') {
    const r = countMarks(n, seats, scaled.groups, seed);
    const rank = new Map(r.order.map((c, i) => [c, i + 1]));
    election = {
      candidates: Array.from({ length: n }, (_, c) => ({ position: c, votes: format(toQ(r.votes[c] as bigint, scaled.scale)), elected: r.elected.includes(c), rank: rank.get(c) ?? n })),
      elected: r.elected,
      ties: r.tieAtCut.length ? [r.tieAtCut] : [],
    };
    explanation.push({ key: `governance.tally.${input.method}`, params: { seats } });
  } else if (input.method === 'stv') {
    const r = stv(n, seats, stvBallots(input.groups, cap), seed);
    const first = r.stages[0]?.totals ?? [];
    // Elected in order of election; then the unelected still standing when the seats were filled (by their votes at
    // the last stage); then the excluded, the last excluded first.
    const last = r.stages[r.stages.length - 1]?.totals ?? [];
    const standing = Array.from({ length: n }, (_, c) => c).filter((c) => !r.elected.includes(c) && !r.excluded.includes(c));
    standing.sort((a, b) => ((last[b] ?? 0n) > (last[a] ?? 0n) ? 1 : (last[b] ?? 0n) < (last[a] ?? 0n) ? -1 : a - b));
    const order = [...r.elected, ...standing, ...[...r.excluded].reverse().filter((c) => !r.elected.includes(c))];
    election = {
      candidates: Array.from({ length: n }, (_, c) => ({ position: c, votes: units5(first[c] ?? 0n), elected: r.elected.includes(c), rank: order.indexOf(c) + 1 })),
      elected: r.elected,
      ties: r.stages.filter((s) => s.tieBreak).map((s) => s.tieBreak?.tied ?? []),
      stv: {
        quota: units5(r.quota),
        valid: units5(r.valid),
        stages: r.stages.map((s) => ({ stage: s.stage, action: s.action, candidate: s.candidate, transferValue: s.transferValue, totals: s.totals.map(units5), nonTransferable: units5(s.nonTransferable), lostToFractions: units5(s.lostToFractions), elected: s.electedThisStage, tieBreak: s.tieBreak })),
      },
    };
    explanation.push({ key: 'governance.tally.stv', params: { seats, quota: units5(r.quota), valid: units5(r.valid), stages: r.stages.length } });
  } else {
    const r = schulze(n, seats, scaled.groups, seed);
    const wins = (c: number) => r.strongestPaths[c]!.filter((v, j) => j !== c && v > r.strongestPaths[j]![c]!).length;
    election = {
      candidates: Array.from({ length: n }, (_, c) => ({ position: c, votes: String(wins(c)), elected: r.elected.includes(c), rank: r.ranking.indexOf(c) + 1 })),
      elected: r.elected,
      ties: r.ties,
      schulze: {
        pairwise: r.pairwise.map((row) => row.map((v) => format(toQ(v, scaled.scale)))),
        strongestPaths: r.strongestPaths.map((row) => row.map((v) => format(toQ(v, scaled.scale)))),
        ranking: r.ranking,
      },
    };
    explanation.push({ key: 'governance.tally.schulze', params: { seats } });
  }
  if (election.ties.length > 0) explanation.push({ key: 'governance.tally.lot', params: { seed: seed.slice(0, 16) } });
  const outcome = constitutive.met ? 'elected' : 'no-quorum';
  explanation.push({ key: `governance.tally.outcome.${outcome}`, params: {} });
  return { ...base, resolution: null, election, outcome };
}


// A co-op's governance parameters, taken from its statute and defaulting to the Codice civile. Each legal rule is a
// named constant with its source; a statute may tighten a rule, never loosen it (validateStatute says which field
// would). An assembly keeps a copy of the parameters in force when it was convened (see the service).

export type AssemblyKind = 'ordinary' | 'extraordinary';
export type Call = 'first' | 'second';
/** What a majority or a quorum is a fraction of: the votes of all entitled members, of those present or represented, or of the yes and no votes cast. */
export type QuorumBase = 'entitled' | 'present' | 'cast';

export interface Threshold {
  num: number;
  den: number;
  /** true: more than num/den ("oltre", "maggioranza assoluta"); false: at least num/den ("almeno"). */
  strict: boolean;
  base: QuorumBase;
}

export interface QuorumRule {
  /** Attendance needed for the assembly to be validly constituted (quorum costitutivo); null: none. */
  constitutive: Threshold | null;
  /** Yes votes needed for a resolution to pass (quorum deliberativo). */
  deliberative: Threshold;
  /** Where the rule comes from (article of the Codice civile or of the statute). */
  source: string;
}

export type QuorumTable = Record<AssemblyKind, Record<Call, QuorumRule>>;

export interface StatuteParams {
  /** art. 2538 c. 1 c.c.: a member votes only after this many days in the members' register. */
  minDaysInRegister: number;
  /** art. 2538 c. 3 c.c.: votes of a legal-person member (1 to 5, where the statute says so). */
  legalPersonVotes: number;
  /** art. 2526 c. 2 c.c.: financing members together hold at most this fraction of the votes present or represented. */
  financingCap: { num: number; den: number };
  /** art. 2539 c.c.: may members be represented by proxy? */
  proxiesAllowed: boolean;
  /** art. 2539 c. 1 c.c.: proxies one member may hold (at most 10). */
  maxProxiesPerHolder: number;
  /** A statute option (not a Codice civile rule): members who have not paid their subscribed shares in full do not vote. */
  excludeUnpaidMembers: boolean;
  /** Quorums and majorities per assembly kind and call (art. 2368–2369 c.c., counted in votes per art. 2538 c.c.). */
  quorums: QuorumTable;
  /** art. 2366 c. 2 c.c.: days between the notice and the first call. */
  noticeDays: number;
  /** art. 2366 c. 3 c.c.: days, when the notice is sent by a means that proves receipt. */
  noticeDaysWithReceipt: number;
  /** art. 2370 c. 4 c.c.: may members attend by telecommunication (hybrid or fully remote assemblies)? */
  remoteParticipationAllowed: boolean;
  /** art. 2538 c. 6 c.c.: may members vote electronically before the assembly? */
  remoteVotingAllowed: boolean;
  /** art. 2538 c. 6 c.c.: may members vote by post (ballots recorded by the chair's staff)? */
  postalVotingAllowed: boolean;
}

/** art. 2538 c. 1 c.c.: "hanno diritto al voto coloro che risultano iscritti da almeno novanta giorni nel libro dei soci". */
export const RULE_MIN_DAYS_IN_REGISTER = { value: 90, source: 'art. 2538 c. 1 c.c.' } as const;
/** art. 2538 c. 3 c.c.: a legal-person member may be given up to five votes by the statute. */
export const RULE_LEGAL_PERSON_VOTES = { max: 5, default: 1, source: 'art. 2538 c. 3 c.c.' } as const;
/** art. 2526 c. 2 c.c.: financing members' votes never exceed one third of the votes present or represented. */
export const RULE_FINANCING_CAP = { num: 1, den: 3, source: 'art. 2526 c. 2 c.c.' } as const;
/** art. 2539 c. 1 c.c.: a member may represent at most ten members. */
export const RULE_MAX_PROXIES = { value: 10, source: 'art. 2539 c. 1 c.c.' } as const;
/** art. 2539 c. 1 c.c.: only another member may hold a proxy; art. 2372 c. 5 c.c.: never a director, auditor or employee. */
export const RULE_PROXY_EXCLUDED_ROLES = { roles: ['director', 'auditor', 'employee'] as const, source: 'art. 2372 c. 5 and art. 2539 c.c.' };
/** art. 2366 c. 2–3 c.c.: at least 15 days' notice, or 8 days with proof of receipt. */
export const RULE_NOTICE = { days: 15, daysWithReceipt: 8, source: 'art. 2366 c. 2–3 c.c.' } as const;
/** art. 2369 c. 1–2 c.c.: the second call is never on the same day as the first, and within 30 days of it. */
export const RULE_SECOND_CALL = { maxDaysAfterFirst: 30, source: 'art. 2369 c. 1–2 c.c.' } as const;
/** art. 2538 c.c.: quorums and majorities are counted in the votes of the members, not in capital. */
export const RULE_QUORUM_IN_VOTES = { source: 'art. 2538 c.c.' } as const;

export type OfficerRole = (typeof RULE_PROXY_EXCLUDED_ROLES.roles)[number];

/** art. 2368–2369 c.c. for a co-op under SpA rules, in votes (art. 2538 c.c.). */
export const LEGAL_QUORUMS: QuorumTable = {
  ordinary: {
    // "regolarmente costituita con l'intervento di almeno la metà del capitale … delibera a maggioranza assoluta"
    first: {
      constitutive: { num: 1, den: 2, strict: false, base: 'entitled' },
      deliberative: { num: 1, den: 2, strict: true, base: 'present' },
      source: 'art. 2368 c. 1 c.c.',
    },
    // "in seconda convocazione l'assemblea ordinaria delibera qualunque sia la parte di capitale rappresentata"
    second: {
      constitutive: null,
      deliberative: { num: 1, den: 2, strict: true, base: 'present' },
      source: 'art. 2369 c. 3 c.c.',
    },
  },
  extraordinary: {
    // "delibera con il voto favorevole di più della metà del capitale sociale"
    first: {
      constitutive: null,
      deliberative: { num: 1, den: 2, strict: true, base: 'entitled' },
      source: 'art. 2368 c. 2 c.c.',
    },
    // "costituita con la partecipazione di oltre un terzo … delibera con almeno i due terzi del capitale rappresentato"
    second: {
      constitutive: { num: 1, den: 3, strict: true, base: 'entitled' },
      deliberative: { num: 2, den: 3, strict: false, base: 'present' },
      source: 'art. 2369 c. 3 c.c.',
    },
  },
};

export const DEFAULT_STATUTE: StatuteParams = {
  minDaysInRegister: RULE_MIN_DAYS_IN_REGISTER.value,
  legalPersonVotes: RULE_LEGAL_PERSON_VOTES.default,
  financingCap: { num: RULE_FINANCING_CAP.num, den: RULE_FINANCING_CAP.den },
  proxiesAllowed: true,
  maxProxiesPerHolder: RULE_MAX_PROXIES.value,
  excludeUnpaidMembers: false,
  quorums: LEGAL_QUORUMS,
  noticeDays: RULE_NOTICE.days,
  noticeDaysWithReceipt: RULE_NOTICE.daysWithReceipt,
  // Each of these needs a clause in the statute (art. 2370 c. 4, art. 2538 c. 6 c.c.): off unless it says so.
  remoteParticipationAllowed: false,
  remoteVotingAllowed: false,
  postalVotingAllowed: false,
};

const BASE_RANK: Record<QuorumBase, number> = { cast: 0, present: 1, entitled: 2 };

/** Is `t` at least as demanding as `legal`? (same or larger base, same or larger fraction, strict beats non-strict at equality) */
export function isAtLeastAsStrict(t: Threshold | null, legal: Threshold | null): boolean {
  if (legal === null) return true;
  if (t === null) return false;
  if (BASE_RANK[t.base] < BASE_RANK[legal.base]) return false;
  const l = t.num * legal.den;
  const r = legal.num * t.den;
  if (l !== r) return l > r;
  return t.strict || !legal.strict;
}

export interface StatuteProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/** What in these parameters the law does not allow (empty when they are valid). */
export function validateStatute(s: StatuteParams): StatuteProblem[] {
  const out: StatuteProblem[] = [];
  const intIn = (field: keyof StatuteParams, v: number, lo: number, hi: number, code: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) out.push({ field, code, params: { min: lo, max: hi } });
  };
  intIn('minDaysInRegister', s.minDaysInRegister, RULE_MIN_DAYS_IN_REGISTER.value, 3650, 'governance.statute.min-days');
  intIn('legalPersonVotes', s.legalPersonVotes, 1, RULE_LEGAL_PERSON_VOTES.max, 'governance.statute.legal-person-votes');
  intIn('maxProxiesPerHolder', s.maxProxiesPerHolder, 1, RULE_MAX_PROXIES.value, 'governance.statute.max-proxies');
  intIn('noticeDays', s.noticeDays, RULE_NOTICE.days, 365, 'governance.statute.notice-days');
  intIn('noticeDaysWithReceipt', s.noticeDaysWithReceipt, RULE_NOTICE.daysWithReceipt, 365, 'governance.statute.notice-days');
  const cap = s.financingCap;
  if (!Number.isInteger(cap.num) || !Number.isInteger(cap.den) || cap.num < 0 || cap.den < 1 || cap.num * RULE_FINANCING_CAP.den > RULE_FINANCING_CAP.num * cap.den) {
    out.push({ field: 'financingCap', code: 'governance.statute.financing-cap' });
  }
  for (const kind of ['ordinary', 'extraordinary'] as const) {
    for (const call of ['first', 'second'] as const) {
      const rule = s.quorums[kind][call];
      const legal = LEGAL_QUORUMS[kind][call];
      for (const part of ['constitutive', 'deliberative'] as const) {
        const t = rule[part];
        if (t && (!Number.isInteger(t.num) || !Number.isInteger(t.den) || t.den < 1 || t.num < 0 || t.num > t.den)) {
          out.push({ field: `quorums/${kind}/${call}/${part}`, code: 'field.invalid' });
        } else if (!isAtLeastAsStrict(t, legal[part])) {
          out.push({ field: `quorums/${kind}/${call}/${part}`, code: 'governance.statute.looser-than-law', params: { source: legal.source } });
        }
      }
    }
  }
  return out;
}

/** Fills absent fields from the defaults (a stored statute may predate a parameter). */
export function withDefaults(partial: Partial<StatuteParams>): StatuteParams {
  return {
    ...DEFAULT_STATUTE,
    ...partial,
    quorums: {
      ordinary: { ...LEGAL_QUORUMS.ordinary, ...partial.quorums?.ordinary },
      extraordinary: { ...LEGAL_QUORUMS.extraordinary, ...partial.quorums?.extraordinary },
    },
  };
}

// The plain (non-encrypted) ballot: what a choice may be for each voting method, and its canonical encoding as
// stored and counted. An encrypted ballot type (verifiable secret ballot) plugs in beside it: it stores ciphertexts
// instead of `encoded` choices and hands the tally the same aggregated groups after decryption.

export type Method = 'yes_no' | 'plurality' | 'approval' | 'stv' | 'schulze';
export const METHODS: readonly Method[] = ['yes_no', 'plurality', 'approval', 'stv', 'schulze'];
export const RANKED_METHODS: readonly Method[] = ['stv', 'schulze'];
export type YesNo = 'yes' | 'no' | 'abstain';

export interface BallotSpec {
  method: Method;
  /** Seats to fill (elections); 1 for resolutions. */
  seats: number;
  /** Candidates a voter may mark (plurality: default the seats; approval and ranked: all). */
  maxChoices: number;
  candidateCount: number;
}

/** A choice as given: yes/no/abstain for a resolution; candidate positions (in order of preference when ranked). */
export type ChoiceInput = { vote: YesNo } | { candidates: number[] };

export type ParsedChoice = { ok: true; encoded: string } | { ok: false; code: string };

/** Validates a choice against the ballot and gives its canonical encoding ('yes', '2,0,1', '' = blank). */
export function encodeChoice(spec: BallotSpec, choice: ChoiceInput): ParsedChoice {
  if (spec.method === 'yes_no') {
    if (!('vote' in choice)) return { ok: false, code: 'governance.vote.yes-no-expected' };
    return { ok: true, encoded: choice.vote };
  }
  if (!('candidates' in choice)) return { ok: false, code: 'governance.vote.candidates-expected' };
  const picks = choice.candidates;
  if (new Set(picks).size !== picks.length) return { ok: false, code: 'governance.vote.duplicate-candidate' };
  if (picks.some((c) => !Number.isInteger(c) || c < 0 || c >= spec.candidateCount)) return { ok: false, code: 'governance.vote.unknown-candidate' };
  if (picks.length > spec.maxChoices) return { ok: false, code: 'governance.vote.too-many-choices' };
  // Order matters only for ranked methods; for the others a canonical order makes equal ballots equal strings.
  const ordered = RANKED_METHODS.includes(spec.method) ? picks : [...picks].sort((a, b) => a - b);
  return { ok: true, encoded: ordered.join(',') };
}

/** The candidate positions of an encoded choice ([] for a blank ballot). */
export function decodeCandidates(encoded: string): number[] {
  return encoded === '' ? [] : encoded.split(',').map(Number);
}

/** Default and allowed `maxChoices` for a method. */
export function defaultMaxChoices(method: Method, seats: number, candidateCount: number): number {
  if (method === 'yes_no') return 1;
  if (method === 'plurality') return Math.min(seats, candidateCount);
  return candidateCount;
}

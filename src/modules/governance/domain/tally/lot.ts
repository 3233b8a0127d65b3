// Ties broken by lot, drawn reproducibly: the draw is a hash of a seed (by default the SHA-256 of the exported
// ballot file) and the tied candidates, so anyone re-running the count from the same file draws the same lot.
import { createHash } from 'node:crypto';

/** Orders `tied` (candidate positions) by lot; the first is the one the lot favours. */
export function drawLots(seed: string, context: string, tied: readonly number[]): number[] {
  return [...tied]
    .map((c) => ({ c, h: createHash('sha256').update(`${seed}|${context}|${c}`).digest('hex') }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.c - b.c))
    .map((x) => x.c);
}

// The moves of the ranking control (pure, so they are tested without a browser).

export type Move = 'add' | 'up' | 'down' | 'remove';

/** The ranking after a move. */
export function applyMove(ranked: readonly string[], id: string, move: Move): string[] {
  const out = [...ranked];
  const i = out.indexOf(id);
  if (move === 'add') return i >= 0 ? out : [...out, id];
  if (i < 0) return out;
  if (move === 'remove') {
    out.splice(i, 1);
    return out;
  }
  const j = move === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j] as string, out[i] as string];
  return out;
}

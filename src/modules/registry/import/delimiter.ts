// Field delimiter of a CSV, read from its header line: Italian Excel writes ";" (the comma is the decimal
// separator), other tools "," and "Unicode text" exports use a tab. Counting outside quotes keeps a header such
// as "Numero quote; azioni" or "Capitale, versato" from voting.
export type Delimiter = ';' | ',' | '\t';

const CANDIDATES: readonly Delimiter[] = [';', '\t', ',']; // order breaks ties: the Italian default first

/** The header line of `text` (up to the first line break outside quotes), or null when no line break yet. */
export function firstLine(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted; // '"' — a doubled quote toggles twice, which is what we want
    else if (!quoted && (c === 10 || c === 13)) return text.slice(0, i);
  }
  return null;
}

export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ';';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

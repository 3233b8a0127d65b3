// Dates as whole days since 1970-01-01 (UTC), so the generator adds and compares integers and turns them into ISO
// strings through a table built once.

const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(1850, 0, 1) / MS_PER_DAY;
const LAST = Date.UTC(2100, 0, 1) / MS_PER_DAY;
let table: string[] | undefined;
let years: Int16Array | undefined;

/** Days since the epoch of an ISO yyyy-mm-dd date. */
export function dayOf(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`invalid date: ${iso}`);
  return t / MS_PER_DAY;
}

export function dayOfYmd(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** ISO yyyy-mm-dd of a day number (table lookup between 1850 and 2100). */
export function isoOf(day: number): string {
  if (day >= FIRST && day < LAST) {
    table ??= buildTable();
    return table[day - FIRST] as string;
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  if (day >= FIRST && day < LAST) {
    if (!years) buildTable();
    return (years as Int16Array)[day - FIRST] as number;
  }
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

function buildTable(): string[] {
  const out = new Array<string>(LAST - FIRST);
  const ys = new Int16Array(LAST - FIRST);
  for (let d = FIRST; d < LAST; d++) {
    const iso = new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
    out[d - FIRST] = iso;
    ys[d - FIRST] = Number(iso.slice(0, 4));
  }
  table = out;
  years = ys;
  return out;
}

/** Whole years between two day numbers (an age, an anniversary). */
export function yearsBetween(from: number, to: number): number {
  const a = isoOf(from);
  const b = isoOf(to);
  let years = Number(b.slice(0, 4)) - Number(a.slice(0, 4));
  if (b.slice(5) < a.slice(5)) years--;
  return years;
}

// Exact rational arithmetic on BigInt: quorums, majorities and the financing members' cap compare fractions of
// votes, and a float would decide a tie (exactly half, exactly one third) the wrong way sooner or later.

/** A fraction n/d with d > 0, always reduced. */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
};

export function q(n: bigint | number, d: bigint | number = 1n): Q {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('denominator 0');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return { n: nn / g, d: dd / g };
}

export const ZERO: Q = q(0);
export const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
/** -1, 0 or 1. */
export const cmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const min = (a: Q, b: Q): Q => (cmp(a, b) <= 0 ? a : b);
export const sum = (xs: readonly Q[]): Q => xs.reduce(add, ZERO);
export const toNumber = (a: Q): number => Number(a.n) / Number(a.d);
export const isInteger = (a: Q): boolean => a.d === 1n;

/** "12", "12.333" (truncated, not rounded: a displayed figure never overstates a count). */
export function format(a: Q, decimals = 3): string {
  if (a.d === 1n) return a.n.toString();
  const neg = a.n < 0n;
  const n = neg ? -a.n : a.n;
  const scale = 10n ** BigInt(decimals);
  const scaled = (n * scale) / a.d;
  const int = scaled / scale;
  const frac = (scaled % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** JSON-safe exact form ("7/3") beside the decimal one. */
export const exact = (a: Q): string => (a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`);

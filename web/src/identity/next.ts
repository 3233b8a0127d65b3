// Where to go after signing in: only a path on this site (never another origin, never the sign-in page itself).
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/accedi')) return '/';
  return next;
}

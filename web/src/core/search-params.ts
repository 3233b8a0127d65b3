// Page state kept in the URL's query string (shareable, survives reloads, works with the back button).
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export function useUrlState<K extends string>(
  defaults: Record<K, string>,
): [Record<K, string>, (patch: Partial<Record<K, string>>, opts?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(defaults) as K[];
  const values = useMemo(() => {
    const out = {} as Record<K, string>;
    for (const k of keys) out[k] = params.get(k) ?? defaults[k];
    return out;
  }, [params]);
  const update = useCallback(
    (patch: Partial<Record<K, string>>, opts: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [K, string | undefined][]) {
            if (v === undefined || v === '' || v === defaults[k]) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: opts.replace ?? false },
      );
    },
    [setParams],
  );
  return [values, update];
}

/** A positive page number from the URL (1 when missing or malformed). */
export function pageFrom(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

// Page state kept in the URL's query string (shareable, survives reloads, works with the back button).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebounced } from './ui.tsx';

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
        () => {
          // Not the callback's argument: React Router passes the params of the last render, so two updates before a
          // re-render (a status chosen, then a date typed, on a loaded machine) lost the first. Under BrowserRouter
          // the address bar is updated synchronously by each navigation, so it is always the current state.
          const next = new URLSearchParams(window.location.search);
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

/**
 * A search box bound to a URL parameter: typing writes the URL after a pause, back/forward rewrites the box. The
 * URL change we wrote ourselves never overwrites the box: on a loaded machine the debounced write can land while
 * the user is several keys further on, and resetting the box then would eat what they typed since.
 */
export function useSearchText(urlValue: string, write: (value: string) => void, ms: number): [string, (value: string) => void] {
  const [text, setText] = useState(urlValue);
  const written = useRef(urlValue);
  const debounced = useDebounced(text, ms);
  useEffect(() => {
    if (urlValue === written.current) return;
    written.current = urlValue;
    // Leave what is being typed alone when it already means the same (e.g. a trailing space).
    setText((cur) => (cur.trim() === urlValue ? cur : urlValue));
  }, [urlValue]);
  useEffect(() => {
    const value = debounced.trim();
    if (value === written.current) return;
    written.current = value;
    write(value);
  }, [debounced]);
  return [text, setText];
}

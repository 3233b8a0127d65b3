// The live state of an assembly, updated without reload: the server-sent events of /live/stream push a new snapshot
// whenever anything changes (presence, quorum, ballots, results); where the stream cannot be used (no EventSource,
// a proxy that buffers, the stream refused) the page polls /live instead. When the snapshot's version changes the
// member's own view and the assembly's details are fetched again, so the open vote and the results appear by
// themselves.
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getLive, liveStreamUrl, type Live } from './api.ts';
import { qk } from './util.ts';

const POLL_MS = 4000;

export type LiveTransport = 'stream' | 'polling';

export function useLive(assemblyId: string): { live: UseQueryResult<Live>; transport: LiveTransport } {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  const [transport, setTransport] = useState<LiveTransport>(typeof EventSource === 'undefined' ? 'polling' : 'stream');
  const lastVersion = useRef<string | null>(null);

  const live = useQuery({
    queryKey: qk.live(assemblyId),
    queryFn: () => getLive(assemblyId),
    refetchInterval: transport === 'polling' ? POLL_MS : false,
    staleTime: 0,
  });

  // A new version: everything that depends on the live state is fetched again.
  const version = live.data?.version ?? null;
  useEffect(() => {
    if (!version) return;
    if (lastVersion.current && lastVersion.current !== version) {
      void queryClient.invalidateQueries({ queryKey: qk.me(assemblyId) });
      void queryClient.invalidateQueries({ queryKey: qk.assembly(assemblyId) });
      void queryClient.invalidateQueries({ queryKey: qk.attendance(assemblyId) });
    }
    lastVersion.current = version;
  }, [version, assemblyId, queryClient]);

  useEffect(() => {
    if (transport !== 'stream' || typeof EventSource === 'undefined') return;
    const source = new EventSource(liveStreamUrl(assemblyId), { withCredentials: true });
    let failures = 0;
    source.addEventListener('assembly', (e) => {
      failures = 0;
      try {
        const snapshot = JSON.parse((e as MessageEvent<string>).data) as Live;
        queryClient.setQueryData(qk.live(assemblyId), snapshot);
      } catch {
        // a malformed event is skipped; the next one carries the whole state again
      }
    });
    source.onerror = () => {
      // EventSource reconnects by itself after a dropped connection; a refused stream (closed) or repeated failures
      // fall back to polling.
      failures += 1;
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        setTransport('polling');
      }
    };
    return () => source.close();
    // The stream is opened again in the new language (its explanations come translated).
  }, [assemblyId, transport, queryClient, i18n.resolvedLanguage]);

  return { live, transport };
}

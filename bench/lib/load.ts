// HTTP load over a real socket with autocannon. `workers: 1` runs the connections in a worker thread, so the load
// generator has its own event loop and does not steal the server's (the server, and PGlite with it, stays on the
// main thread); autocannon aggregates the worker's histograms on the main thread.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface LoadResult {
  url: string;
  connections: number;
  durationS: number;
  requests: number;
  /** Requests per second (completed requests / elapsed seconds). */
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Mean response bytes per second. */
  bytesPerSecond: number;
  /** Responses outside 2xx, connection errors and timeouts (all should be 0). */
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url,
    headers: o.headers ?? {},
    connections: o.connections,
    duration: o.duration,
    pipelining: 1,
    workers: 1,
    // Slow responses are latency, not errors: a register page of a million-member co-op may take seconds.
    timeout: 120,
  });
  return {
    url: o.url,
    connections: o.connections,
    durationS: r.duration,
    requests: r.requests.total,
    rps: r.requests.total / r.duration,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.average },
    bytesPerSecond: r.throughput.average,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

// Load generation and its figures. HTTP endpoints are driven by autocannon in this process; the
// login flow, which autocannon cannot follow, by a loop with bounded concurrency. Both yield the
// same Measurement so the report treats them alike.
import autocannon from 'autocannon';

export interface Measurement {
  /** Responses received (any status). */
  readonly responses: number;
  /** 2xx responses (for a login loop: completed logins) per second of the measured window. */
  readonly okPerSecond: number;
  /** Responses that were not 2xx, plus errors and timeouts (for a login loop: failed logins). */
  readonly failures: number;
  /** Latency percentiles in milliseconds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly seconds: number;
}

export interface HttpLoad {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** A fresh body for every request (for single-use tokens); undefined means "none left". */
  readonly nextBody?: () => string | undefined;
  readonly connections: number;
  readonly seconds: number;
  /** Stop after this many requests (the pool of single-use tokens). */
  readonly maxRequests?: number;
  /** Fixed request rate per second, instead of as fast as the server answers. */
  readonly rate?: number;
}

export function runHttpLoad(load: HttpLoad): Promise<Measurement> {
  const { nextBody } = load;
  const request: autocannon.Request = {
    method: load.method ?? 'GET',
    path: load.path,
    headers: {
      ...load.headers,
      ...(load.body !== undefined || nextBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(load.body !== undefined ? { body: load.body } : {}),
    ...(nextBody
      ? {
          setupRequest: (req: autocannon.Request) => {
            // autocannon builds each connection's next request before it knows the run is over, so
            // a few pool entries go unused at the end; none is ever sent twice.
            const body = nextBody();
            return { ...req, body: body ?? 'grant_type=refresh_token&refresh_token=pool-exhausted' };
          },
        }
      : {}),
  };
  const options: autocannon.Options = {
    url: load.url,
    connections: Math.max(1, Math.min(load.connections, load.maxRequests ?? Number.POSITIVE_INFINITY)),
    duration: load.seconds,
    timeout: 10,
    // autocannon ends a run at its next sample; 100 ms samples keep fractional durations (the
    // smoke run's warm-ups) from growing to a whole second.
    sampleInt: 100,
    requests: [request],
    ...(load.maxRequests !== undefined ? { maxOverallRequests: load.maxRequests } : {}),
    ...(load.rate !== undefined ? { overallRate: load.rate, ignoreCoordinatedOmission: true } : {}),
  };
  // Latencies are taken from autocannon's per-response event, in fractional milliseconds: its own
  // histogram keeps whole milliseconds only, too coarse for sub-millisecond answers, and with a
  // fixed rate it back-fills samples at a 1 ms interval whatever the rate.
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => {
      if (error) return reject(error);
      const seconds = Math.max(0.001, (result.finish.getTime() - result.start.getTime()) / 1000);
      latencies.sort((a, b) => a - b);
      resolve({
        responses: result['2xx'] + result.non2xx,
        okPerSecond: result['2xx'] / seconds,
        failures: result.non2xx + result.errors + result.timeouts,
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        seconds,
      });
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
      latencies.push(milliseconds);
    });
  });
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * Runs `iteration` from `concurrency` loops until `seconds` have passed (no new iteration starts
 * after that; the ones under way finish). Each iteration's latency is one sample.
 */
export async function runLoop(
  concurrency: number,
  seconds: number,
  iteration: () => Promise<void>,
  onError: (error: unknown) => void = () => {},
): Promise<Measurement> {
  const started = performance.now();
  const end = started + seconds * 1000;
  const latencies: number[] = [];
  let failures = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await iteration();
        latencies.push(performance.now() - t0);
      } catch (error) {
        failures += 1;
        onError(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = Math.max(0.001, (performance.now() - started) / 1000);
  latencies.sort((a, b) => a - b);
  return {
    responses: latencies.length + failures,
    okPerSecond: latencies.length / elapsed,
    failures,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    seconds: elapsed,
  };
}

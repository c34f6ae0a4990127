// The part of autocannon 8's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Request {
      method?: 'GET' | 'POST';
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Called before each request is built; the returned request is sent. */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Stop after this many responses in all. */
      maxOverallRequests?: number;
      /** Requests per second across all connections (latencies are corrected for coordinated omission). */
      overallRate?: number;
      /** Record raw latencies even at a fixed rate. */
      ignoreCoordinatedOmission?: boolean;
      /** Milliseconds between samples; a run ends at a sample. @default 1000 */
      sampleInt?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      requests?: Request[];
    }

    interface Stats {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
      total: number;
      sent: number;
    }

    interface Result {
      requests: Stats;
      latency: Stats;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      start: Date;
      finish: Date;
      /** Seconds. */
      duration: number;
    }

    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(
    options: autocannon.Options,
    done: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}

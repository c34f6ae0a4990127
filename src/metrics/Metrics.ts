// What Ostiary counts and times, for GET /metrics (createMetrics.ts). Callers report facts; the
// implementation decides the series. With METRICS_PORT unset nothing is counted: `noMetrics`
// costs a function call.
import type { AuditEntry } from '../audit/Audit.js';
import type { SigningKeySet } from '../keys/SigningKeyRecord.js';

/** What the metrics read when scraped, from the running server. */
export interface MetricsSources {
  /** The signing keys in use now. */
  readonly signingKeys: () => SigningKeySet;
  /** KEY_ROTATION_INTERVAL in seconds, if keys rotate on their own. */
  readonly rotationInterval: number | undefined;
  /** The ids of the registered clients: series of a removed client are dropped. */
  readonly clientIds: () => Promise<readonly string[]>;
}

export interface Metrics {
  /** A finished HTTP request: route is a name from a closed set, never a path. */
  request(route: string, method: string, status: number, seconds: number): void;
  /** The token endpoint issued tokens. */
  tokenIssued(grantType: string, clientId: string): void;
  /** The token endpoint refused a request with this OAuth error code. */
  tokenError(error: string): void;
  /** An audit entry: sign-ins, refresh token reuse and revocations are counted from these. */
  audited(entry: AuditEntry): void;
  /** A sign-in refused before it reached the login route (http/refuseKnownGuessers.ts). */
  loginRefusedEarly(): void;
  /** A store call (`artifacts.find`, ...) on this backend took `seconds`; failed if it threw. */
  storeCall(operation: string, seconds: number, failed: boolean): void;
  /** Starts reading the server's keys and clients at scrape time. */
  follow(sources: MetricsSources): void;
}

export const noMetrics: Metrics = {
  request() {},
  tokenIssued() {},
  tokenError() {},
  audited() {},
  loginRefusedEarly() {},
  storeCall() {},
  follow() {},
};

// The Prometheus series (prom-client), in a registry of their own. Every label comes from a closed
// set (routes, methods, status codes, grant types, OAuth error codes, outcomes, store operations,
// key ids) or is a registered client id; no token, email or address is ever a label. A client's
// series go at the first scrape after it is removed, wherever it was removed from.
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';
import type { AuditEntry } from '../audit/Audit.js';
import type { Metrics, MetricsSources } from './Metrics.js';
import { nextKeyTransition } from './nextKeyTransition.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Seconds: a token request takes milliseconds, a sign-in hashes for about 100 ms. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1];

/** What each audit event adds to the revocation count, by reason. */
const REVOKING: Partial<Record<AuditEntry['event'], string>> = {
  'token.revoked': 'revocation_endpoint',
  logout: 'logout',
  'refresh_token.reused': 'refresh_token_reuse',
  'account.password_changed': 'account_changed',
  'account.removed': 'account_changed',
  'account.disabled': 'account_changed',
  'account.signed_out': 'account_changed',
  'grant.revoked': 'operator',
  'session.ended': 'operator',
};

export function createMetrics(registry: Registry, backend: string): Metrics {
  collectDefaultMetrics({ register: registry, prefix: '' });
  const registers = [registry];
  const requests = new Histogram({
    name: 'ostiary_http_request_duration_seconds',
    help: 'HTTP requests by route, method and status, and how long they took',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const sources: { current?: MetricsSources } = {};
  /** The grant types counted for each client, so a removed client's series can be named. */
  const counted = new Map<string, Set<string>>();
  const tokens = new Counter({
    name: 'ostiary_tokens_issued_total',
    help: 'Token endpoint responses that issued tokens, by grant type and client',
    labelNames: ['grant_type', 'client_id'] as const,
    registers,
    async collect() {
      if (!sources.current || counted.size === 0) return;
      const known = new Set(await sources.current.clientIds());
      for (const [clientId, grantTypes] of counted) {
        if (known.has(clientId)) continue;
        for (const grantType of grantTypes) this.remove({ grant_type: grantType, client_id: clientId });
        counted.delete(clientId);
      }
    },
  });
  const tokenErrors = new Counter({
    name: 'ostiary_token_errors_total',
    help: 'Token endpoint refusals by OAuth error code',
    labelNames: ['error'] as const,
    registers,
  });
  const logins = new Counter({
    name: 'ostiary_logins_total',
    help: 'Sign-in attempts by outcome (success, failure, throttled, busy)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const reuse = new Counter({
    name: 'ostiary_refresh_token_reuse_total',
    help: 'Spent refresh tokens presented again (each revoked its grant)',
    registers,
  });
  const revocations = new Counter({
    name: 'ostiary_revocations_total',
    help: 'Revocations by reason: the revocation endpoint, logout, refresh token reuse, account changes',
    labelNames: ['reason'] as const,
    registers,
  });
  const storeCalls = new Histogram({
    name: 'ostiary_store_operation_duration_seconds',
    help: 'Store calls by backend and operation, and how long they took',
    labelNames: ['backend', 'operation'] as const,
    buckets: STORE_BUCKETS,
    registers,
  });
  const storeErrors = new Counter({
    name: 'ostiary_store_errors_total',
    help: 'Store calls that failed, by backend and operation',
    labelNames: ['backend', 'operation'] as const,
    registers,
  });
  new Gauge({
    name: 'ostiary_signing_key_age_seconds',
    help: 'Age of each signing key, by key id and state (next, current, retired)',
    labelNames: ['kid', 'state'] as const,
    aggregator: 'first', // every worker reads the same keys
    registers,
    collect() {
      this.reset();
      const now = Date.now();
      for (const key of sources.current?.signingKeys().keys ?? []) {
        this.set({ kid: key.kid, state: key.state }, (now - key.createdAt) / 1000);
      }
    },
  });
  new Gauge({
    name: 'ostiary_signing_key_next_transition_seconds',
    help: 'Seconds until the next key transition (a next key signs, a retired key goes, or a rotation is due)',
    aggregator: 'first',
    registers,
    collect() {
      this.reset();
      if (!sources.current) return;
      const { signingKeys, rotationInterval } = sources.current;
      const at = nextKeyTransition(signingKeys().keys, rotationInterval);
      if (at !== undefined) this.set(Math.max(0, (at - Date.now()) / 1000));
    },
  });

  return {
    request(route, method, status, seconds) {
      requests.observe({ route, method: METHODS.has(method) ? method : 'other', status }, seconds);
    },
    tokenIssued(grantType, clientId) {
      tokens.inc({ grant_type: grantType, client_id: clientId });
      const grantTypes = counted.get(clientId) ?? new Set<string>();
      grantTypes.add(grantType);
      counted.set(clientId, grantTypes);
    },
    tokenError(error) {
      tokenErrors.inc({ error });
    },
    audited(entry) {
      if (entry.event.startsWith('login.')) {
        logins.inc({ outcome: entry.reason === 'busy' ? 'busy' : entry.event.slice('login.'.length) });
      }
      if (entry.event === 'refresh_token.reused') reuse.inc();
      const reason = REVOKING[entry.event];
      if (reason) revocations.inc({ reason });
    },
    loginRefusedEarly() {
      logins.inc({ outcome: 'throttled' });
    },
    storeCall(operation, seconds, failed) {
      storeCalls.observe({ backend, operation }, seconds);
      if (failed) storeErrors.inc({ backend, operation });
    },
    follow(next) {
      sources.current = next;
    },
  };
}

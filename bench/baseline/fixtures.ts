// What the benchmark registers on both servers: one API, one service, one web app and one user.
// The runner makes them up and hands them to the baseline as JSON in BASELINE_FIXTURES; Ostiary
// gets the same through its `ostiary` command.

export interface BenchFixtures {
  /** The API (RFC 8707 resource) that gets ES256 JWT access tokens. */
  readonly api: { readonly id: string; readonly scope: string };
  /** A client_credentials client whose tokens are for `api`. */
  readonly service: { readonly client_id: string; readonly client_secret: string };
  /** A confidential web app: authorization code + PKCE, refresh tokens, not first-party. */
  readonly web: { readonly client_id: string; readonly client_secret: string; readonly redirect_uri: string };
  /** The one user who signs in. */
  readonly user: { readonly email: string; readonly password: string; readonly name: string };
}

export function parseFixtures(json: string | undefined): BenchFixtures {
  if (!json) throw new Error('BASELINE_FIXTURES: the fixtures as JSON (bench/run.ts sets it)');
  return JSON.parse(json) as BenchFixtures;
}

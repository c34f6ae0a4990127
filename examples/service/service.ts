// A machine client (a nightly job, a backend) calling the notes API with client-credentials tokens
// from Ostiary, with openid-client. One token serves every call until shortly before it expires
// (`renewBeforeSeconds`); a 401 from the API (a token revoked or its key rotated away) fetches a
// new one once and retries.
//
//   ISSUER=http://localhost:3000 CLIENT_ID=... CLIENT_SECRET=... RESOURCE=https://notes.example.com \
//     API_URL=http://127.0.0.1:4001/notes npx tsx examples/service/service.ts
import * as oidc from 'openid-client';

export interface ServiceOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API's resource indicator. */
  readonly resource: string;
  /** Fetch a new token this long before the current one expires. */
  readonly renewBeforeSeconds?: number;
  /** Epoch milliseconds (tests move it). */
  readonly now?: () => number;
}

export function serviceClient(options: ServiceOptions) {
  const now = options.now ?? Date.now;
  const renewBefore = (options.renewBeforeSeconds ?? 30) * 1000;
  const issuer = new URL(options.issuer);
  // Ostiary's clients authenticate with client_secret_basic unless registered otherwise; openid-client
  // would send the secret in the body (client_secret_post) if given it as a plain string.
  const auth = oidc.ClientSecretBasic(options.clientSecret);
  const configuration = oidc.discovery(issuer, options.clientId, undefined, auth, {
    // Ostiary in development speaks plain http; in production it is https and this goes.
    ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  let current: { token: string; expiresAt: number } | undefined;
  let fetched = 0;

  async function token(): Promise<string> {
    if (current && current.expiresAt - renewBefore > now()) return current.token;
    const answer = await oidc.clientCredentialsGrant(await configuration, { resource: options.resource });
    fetched += 1;
    current = { token: answer.access_token, expiresAt: now() + (answer.expires_in ?? 0) * 1000 };
    return current.token;
  }

  /** GET `url` with the token; on a 401, once more with a new one. */
  async function call(url: string): Promise<Response> {
    const send = async () => fetch(url, { headers: { authorization: `Bearer ${await token()}` } });
    const response = await send();
    if (response.status !== 401) return response;
    current = undefined;
    return send();
  }

  return { token, call, tokensFetched: () => fetched };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`set ${name}`);
    return value;
  };
  const service = serviceClient({
    issuer: process.env.ISSUER ?? 'http://localhost:3000',
    clientId: env('CLIENT_ID'),
    clientSecret: env('CLIENT_SECRET'),
    resource: process.env.RESOURCE ?? 'https://notes.example.com',
  });
  const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:4001/notes';
  setInterval(async () => {
    const response = await service.call(apiUrl);
    console.log(`${new Date().toISOString()} ${response.status} (tokens fetched so far: ${service.tokensFetched()})`);
  }, 5000);
}

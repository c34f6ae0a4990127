// An https ISSUER behind a proxy that terminates TLS (Ostiary itself speaks http), with
// TRUST_PROXY=false as production allows: every advertised URL is https, sign-ins work and their
// cookies are Secure. The issuer decides, not the connection nor TRUST_PROXY.
import test from 'ava';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { freePort } from '../helpers/freePort.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { tempDir } from '../helpers/tempDir.js';
import { WEB_REDIRECT } from '../helpers/world.js';

for (const trustProxy of ['false', 'true']) {
  test(`with ISSUER https and TRUST_PROXY=${trustProxy}, discovery says https and /auth sets Secure cookies`, async (t) => {
    const port = await freePort();
    const issuer = `https://id.example.com:${port}`; // what the proxy in front serves
    const op = await startOstiary({
      PORT: String(port),
      ISSUER: issuer,
      TRUST_PROXY: trustProxy,
      NODE_ENV: 'production',
      OSTIARY_SECRET: 'x'.repeat(43),
      DATA_DIR: tempDir('proxy'),
    });
    t.teardown(() => op.stop());
    const direct = `http://127.0.0.1:${port}`; // how the proxy reaches Ostiary
    const metadata = (await (await fetch(`${direct}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    t.is(metadata.issuer, issuer);
    for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint']) {
      t.true(metadata[name]?.startsWith(`${issuer}/`), `${name}: ${metadata[name]}`);
    }

    const client = await admin<RegisteredClient>(
      op.store,
      ...['client', 'add', '--name', 'web', '--redirect-uri', 'https://web.example.com/callback'],
    );
    const query = new URLSearchParams({
      client_id: client.client_id,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: WEB_REDIRECT,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const response = await fetch(`${direct}/auth?${query}`, { redirect: 'manual' });
    t.is(response.status, 303);
    t.regex(response.headers.get('location') ?? '', /^\/interaction\//);
    const cookies = response.headers.getSetCookie();
    t.true(cookies.length > 0);
    for (const cookie of cookies) t.regex(cookie, /; secure/i, cookie);
    t.regex(response.headers.get('strict-transport-security') ?? '', /max-age=/);
  });
}

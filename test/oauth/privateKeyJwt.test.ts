// private_key_jwt client authentication (RFC 7523) through openid-client, on the embedded store and
// on Redis: a client registered with its public keys (--jwks FILE, or --jwks-uri URL) proves itself
// with a signed assertion instead of a secret. An assertion works once, also when sent many times
// at the same moment (the replay check is atomic in the shared store); one signed by another key,
// or living longer than 10 minutes, is refused. Discovery advertises exactly the methods that work.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { admin } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { tempDir } from '../helpers/tempDir.js';
import { API, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);

async function clientKeys() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'robot-1', alg: 'ES256', use: 'sig' };
  return { privateKey, jwks: { keys: [jwk] } };
}

for (const store of STORES) {
  async function setUp(t: ExecutionContext, how: 'file' | 'uri' = 'file') {
    const w = await worldOn(t, store, redis, {}, { loopbackFetch: how === 'uri' });
    const { privateKey, jwks } = await clientKeys();
    let keys: string[];
    if (how === 'file') {
      const file = join(tempDir('jwks'), 'robot.jwks.json');
      writeFileSync(file, JSON.stringify(jwks));
      keys = ['--jwks', file];
    } else {
      const server = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)),
      );
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      t.teardown(() => server.close());
      const { port } = server.address() as { port: number };
      keys = ['--jwks-uri', `http://127.0.0.1:${port}/jwks.json`];
    }
    const robot = await admin(
      w.op.store,
      ...['client', 'add', '--name', 'Robot', '--grant', 'client_credentials', '--resource', API],
      ...['--auth-method', 'private_key_jwt', ...keys],
    );
    const rp = await oidc.discovery(
      new URL(w.op.url),
      robot.client_id,
      { token_endpoint_auth_method: 'private_key_jwt' },
      oidc.PrivateKeyJwt({ key: privateKey, kid: 'robot-1' }),
      { execute: [oidc.allowInsecureRequests] },
    );
    const assertion = (lifetime = '60s', key = privateKey) =>
      new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: 'ES256', kid: 'robot-1' })
        .setIssuer(robot.client_id)
        .setSubject(robot.client_id)
        .setAudience(`${w.op.url}/token`)
        .setIssuedAt()
        .setExpirationTime(lifetime)
        .sign(key);
    const tokenWith = (clientAssertion: string) =>
      fetch(`${w.op.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          resource: API,
          client_id: robot.client_id,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: clientAssertion,
        }),
      });
    return { w, robot, rp, assertion, tokenWith };
  }

  test(`${store}: a client with --jwks proves itself with a signed assertion; it has no secret`, async (t) => {
    const { w, robot, rp } = await setUp(t);
    t.is(robot.client_secret, undefined);
    t.is(robot.token_endpoint_auth_method, 'private_key_jwt');
    const tokens = await oidc.clientCredentialsGrant(rp, { resource: API });
    t.truthy(tokens.access_token);
    t.true((await oidc.tokenIntrospection(rp, tokens.access_token)).active, 'introspection authenticates the same way');
    const metadata = (await (await fetch(`${w.op.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    t.deepEqual(metadata.token_endpoint_auth_methods_supported, [
      'none',
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
    ]);
  });

  test(`${store}: an assertion works once, even sent 12 times at once; a foreign key or a long life is refused`, async (t) => {
    const { tokenWith, assertion } = await setUp(t);
    const one = await assertion();
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => tokenWith(one)))).map((r) => r.status);
    t.is(statuses.filter((status) => status === 200).length, 1, statuses.join(' '));
    t.is(statuses.filter((status) => status === 401).length, 11);

    const stranger = (await generateKeyPair('ES256')).privateKey;
    const foreign = await tokenWith(await assertion('60s', stranger));
    t.is(foreign.status, 401);
    t.is(((await foreign.json()) as { error: string }).error, 'invalid_client');
    const longLived = await tokenWith(await assertion('1h'));
    t.is(longLived.status, 401, 'an assertion may live at most 10 minutes');
  });

  test(`${store}: a client may publish its keys at --jwks-uri instead`, async (t) => {
    const { rp } = await setUp(t, 'uri');
    t.truthy((await oidc.clientCredentialsGrant(rp, { resource: API })).access_token);
  });
}

for (const store of STORES) {
  test(`${store}: client update --jwks rotates a client's keys: both while it lists both, then the new alone`, async (t) => {
    const w = await worldOn(t, store, redis);
    const [old, next] = await Promise.all([clientKeys(), clientKeys()]);
    const nextKey = { ...next.jwks.keys[0], kid: 'robot-2' };
    const file = (name: string, keys: object[]) => {
      const path = join(tempDir('jwks'), `${name}.json`);
      writeFileSync(path, JSON.stringify({ keys }));
      return path;
    };
    const robot = await admin(
      w.op.store,
      ...['client', 'add', '--name', 'Robot', '--grant', 'client_credentials', '--resource', API],
      ...['--auth-method', 'private_key_jwt', '--jwks', file('old', old.jwks.keys)],
    );
    const tokenWith = async (key: Awaited<ReturnType<typeof clientKeys>>['privateKey'], kid: string) => {
      const rp = await oidc.discovery(
        new URL(w.op.url),
        robot.client_id,
        { token_endpoint_auth_method: 'private_key_jwt' },
        oidc.PrivateKeyJwt({ key, kid }),
        { execute: [oidc.allowInsecureRequests] },
      );
      return oidc.clientCredentialsGrant(rp, { resource: API }).then(
        () => 'ok',
        (error: { error?: string }) => error.error,
      );
    };
    t.is(await tokenWith(old.privateKey, 'robot-1'), 'ok');
    t.is(await tokenWith(next.privateKey, 'robot-2'), 'invalid_client');
    await admin(w.op.store, 'client', 'update', robot.client_id, '--jwks', file('both', [...old.jwks.keys, nextKey]));
    t.is(await tokenWith(old.privateKey, 'robot-1'), 'ok');
    t.is(await tokenWith(next.privateKey, 'robot-2'), 'ok');
    const updated = await admin(w.op.store, 'client', 'update', robot.client_id, '--jwks', file('new', [nextKey]));
    t.deepEqual(
      updated.jwks.keys.map((key: { kid: string }) => key.kid),
      ['robot-2'],
    );
    t.is(await tokenWith(old.privateKey, 'robot-1'), 'invalid_client');
    t.is(await tokenWith(next.privateKey, 'robot-2'), 'ok');
  });
}

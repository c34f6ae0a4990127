// Roles, groups and attributes, on the embedded store and on Redis: an operator sets them on an
// account (`user update`, PATCH /users/{id}); an app gets roles and groups in its ID token and at
// userinfo through the `roles` and `groups` scopes; an API registered with `--claims` finds them
// in its access tokens (attributes as claims of their own), and a changed role reaches the next
// token. The `claims` request parameter asks for single standard claims, with consent.
import test, { type ExecutionContext } from 'ava';
import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { adminCaller } from '../admin/adminClient.js';
import { admin, adminAudit, type RegisteredClient } from '../helpers/admin.js';
import { redisForFile, STORES } from '../helpers/fastRun.js';
import { exchange, openLoginPage, relyingParty, signIn } from '../helpers/relyingParty.js';
import { asPage, isPage, textOf, UserAgent } from '../helpers/UserAgent.js';
import { ADA, API, WEB_REDIRECT, type World, worldOn } from '../helpers/world.js';

const redis = redisForFile(test);
const HR_API = 'https://hr.example.com';

async function appWithScope(w: World, scope: string, ...flags: string[]) {
  return admin<RegisteredClient>(
    w.op.store,
    ...['client', 'add', '--name', 'Roles App', '--redirect-uri', WEB_REDIRECT, '--scope', scope, ...flags],
  );
}

for (const store of STORES) {
  const setUp = async (t: ExecutionContext) => {
    const w = await worldOn(t, store, redis);
    const updated = await admin(
      w.op.store,
      ...['user', 'update', ADA.email, '--role', 'admin', '--role', 'billing:read'],
      ...['--group', '/engineering/backend', '--attr', 'department=R&D', '--attr', 'employee_id=E42'],
    );
    return { w, updated };
  };

  test(`[${store}] user update sets roles, groups and attributes, and user show lists them`, async (t) => {
    const { w, updated } = await setUp(t);
    t.deepEqual(updated.roles, ['admin', 'billing:read']);
    t.deepEqual(updated.groups, ['/engineering/backend']);
    t.deepEqual(updated.attributes, { department: 'R&D', employee_id: 'E42' });
    // --role replaces; --attr key= removes one key and leaves the others.
    const next = await admin(w.op.store, 'user', 'update', ADA.email, '--role', 'viewer', '--attr', 'employee_id=');
    t.deepEqual(next.roles, ['viewer']);
    t.deepEqual(next.groups, ['/engineering/backend']);
    t.deepEqual(next.attributes, { department: 'R&D' });
    const shown = await admin(w.op.store, 'user', 'show', ADA.email);
    t.like(shown, { roles: ['viewer'], groups: ['/engineering/backend'], attributes: { department: 'R&D' } });
    const cleared = await admin(w.op.store, 'user', 'update', ADA.email, '--no-role', '--no-group', '--no-attr');
    t.like(cleared, { roles: [], groups: [], attributes: {} });
    t.true(
      adminAudit.some(
        (line) =>
          line.event === 'account.claims_changed' &&
          String(line.details && (line.details as { changed: string[] }).changed) === 'roles,groups,attributes',
      ),
    );
  });

  test(`[${store}] an app with the roles and groups scopes finds them in the ID token and at userinfo`, async (t) => {
    const { w } = await setUp(t);
    const app = await appWithScope(w, 'openid roles groups');
    const rp = await relyingParty(w.op.url, app);
    const { agent, page: login } = await openLoginPage(rp, {
      redirect_uri: WEB_REDIRECT,
      scope: 'openid roles groups',
    });
    const consent = asPage(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    t.regex(textOf(consent.html), /See your roles/);
    t.regex(textOf(consent.html), /See the groups you belong to/);

    const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid roles groups' }));
    t.like(tokens.claims(), { roles: ['admin', 'billing:read'], groups: ['/engineering/backend'] });
    t.false('department' in (tokens.claims() ?? {}), 'attributes go to APIs that ask, not into ID tokens');
    const userinfo = await oidc.fetchUserInfo(rp, tokens.access_token, tokens.claims()?.sub as string);
    t.deepEqual(userinfo.roles, ['admin', 'billing:read']);

    // Without the scopes, no roles.
    const plain = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid' }));
    t.false('roles' in (plain.claims() ?? {}));
  });

  test(`[${store}] an API registered with --claims gets them in its access tokens; a changed role reaches the next`, async (t) => {
    const { w } = await setUp(t);
    await admin(
      w.op.store,
      ...['resource', 'add', '--id', HR_API, '--scope', 'people:read', '--claims', 'roles, groups,department'],
    );
    const app = await appWithScope(w, 'openid people:read read', '--resource', HR_API, '--resource', API);
    const rp = await relyingParty(w.op.url, app);
    const hr = await exchange(
      rp,
      await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid people:read', resource: HR_API }),
    );
    const claims = decodeJwt(hr.access_token);
    t.is(claims.aud, HR_API);
    t.deepEqual(claims.roles, ['admin', 'billing:read']);
    t.deepEqual(claims.groups, ['/engineering/backend']);
    t.is(claims.department, 'R&D');
    t.false('employee_id' in claims, 'only the attributes the API names');

    // The other API asked for nothing: its tokens carry none of it.
    const plain = await exchange(
      rp,
      await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid read', resource: API }),
    );
    t.false('roles' in decodeJwt(plain.access_token));

    // A service's token has no account behind it.
    const service = await admin<RegisteredClient>(
      w.op.store,
      ...['client', 'add', '--name', 'HR sync', '--grant', 'client_credentials', '--resource', HR_API],
    );
    const robot = await oidc.clientCredentialsGrant(await relyingParty(w.op.url, service), { resource: HR_API });
    t.false('roles' in decodeJwt(robot.access_token));

    await admin(w.op.store, 'user', 'update', ADA.email, '--role', 'auditor');
    const refreshed = await oidc.refreshTokenGrant(rp, hr.refresh_token as string, { resource: HR_API });
    t.deepEqual(decodeJwt(refreshed.access_token).roles, ['auditor']);

    await admin(w.op.store, 'resource', 'update', HR_API, '--no-claims');
    const after = await oidc.refreshTokenGrant(rp, refreshed.refresh_token as string, { resource: HR_API });
    t.false('roles' in decodeJwt(after.access_token));
  });

  test(`[${store}] the claims parameter asks for single standard claims, with consent`, async (t) => {
    const { w } = await setUp(t);
    const app = await appWithScope(w, 'openid email profile');
    const rp = await relyingParty(w.op.url, app);
    const claims = JSON.stringify({ id_token: { email: null, name: { essential: true } } });
    const { agent, page: login } = await openLoginPage(rp, { redirect_uri: WEB_REDIRECT, scope: 'openid', claims });
    const consent = asPage(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password }));
    t.regex(textOf(consent.html), /See your email address/);
    t.regex(textOf(consent.html), /See your name/);

    const tokens = await exchange(
      rp,
      await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid', extra: { claims } }),
    );
    t.like(tokens.claims(), { email: ADA.email, name: ADA.name });
    t.is(tokens.scope, 'openid', 'no scope was added: the claims alone');
    const userinfoOnly = JSON.stringify({ userinfo: { email_verified: null } });
    const other = await exchange(
      rp,
      await signIn(rp, { redirectUri: WEB_REDIRECT, scope: 'openid', extra: { claims: userinfoOnly } }),
    );
    t.false('email_verified' in (other.claims() ?? {}), 'asked for userinfo, not the ID token');
    const userinfo = await oidc.fetchUserInfo(rp, other.access_token, other.claims()?.sub as string);
    t.is(userinfo.email_verified, true);
    // Garbage is the protocol's error, not a crash.
    const { page: refused } = await openLoginPage(rp, {
      redirect_uri: WEB_REDIRECT,
      scope: 'openid',
      claims: '{nope',
    }).catch((error: Error) => ({ page: { html: error.message } }));
    t.regex(refused.html, /invalid_request|claims parameter/);

    // A claim the client could not get by scope cannot be had by asking for it alone.
    const narrow = await appWithScope(w, 'openid');
    const narrowRp = await relyingParty(w.op.url, narrow);
    for (const asked of [{ id_token: { roles: null } }, { userinfo: { email: null } }]) {
      const url = oidc.buildAuthorizationUrl(narrowRp, {
        redirect_uri: WEB_REDIRECT,
        scope: 'openid',
        claims: JSON.stringify(asked),
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      });
      const step = await new UserAgent(new URL(w.op.url).origin).navigate(url.href);
      t.false(isPage(step));
      const back = new URL((step as { redirect: string }).redirect);
      t.is(back.searchParams.get('error'), 'invalid_request');
      t.regex(back.searchParams.get('error_description') ?? '', /needs the (roles|email) scope/);
    }
  });

  test(`[${store}] the admin API sets them too, and refuses names that cannot be claims`, async (t) => {
    const { w } = await setUp(t);
    const ops = await adminCaller(w.op, 'admin:read admin:write');
    const { users } = (await ops.call('GET', `/users?email=${encodeURIComponent(ADA.email)}`)).body;
    const id = users[0].accountId;
    const changed = await ops.call('PATCH', `/users/${id}`, { roles: ['editor'], attributes: { department: null } });
    t.is(changed.status, 200);
    t.like(changed.body, { roles: ['editor'], groups: ['/engineering/backend'], attributes: { employee_id: 'E42' } });
    for (const [body, field] of [
      [{ roles: ['has space'] }, 'roles'],
      [{ groups: [''] }, 'groups'],
      [{ attributes: { sub: 'x' } }, 'attributes'],
      [{ attributes: { '1st': 'x' } }, 'attributes'],
    ] as const) {
      const refused = await ops.call('PATCH', `/users/${id}`, body);
      t.is(refused.status, 400, JSON.stringify(body));
      t.is(refused.body.errors[0].field, field);
    }
    // A refused claim changes nothing else asked in the same request.
    const before = (await w.op.store.accounts.findById(id))?.passwordHash;
    const mixed = await ops.call('PATCH', `/users/${id}`, {
      password: 'a much newer passphrase 42',
      roles: ['bad role'],
    });
    t.is(mixed.status, 400);
    t.is((await w.op.store.accounts.findById(id))?.passwordHash, before);
    const cli = await t.throwsAsync(admin(w.op.store, 'user', 'update', ADA.email, '--attr', 'email=x'));
    t.regex(cli.message, /--attr.*standard claim/);
    const resource = await t.throwsAsync(
      admin(w.op.store, 'resource', 'add', '--id', HR_API, '--scope', 'x', '--claims', 'roles,sub'),
    );
    t.regex(resource.message, /--claims.*sub.*neither roles, groups nor an attribute key/);
  });
}

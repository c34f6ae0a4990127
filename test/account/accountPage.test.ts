// The account page over HTTP: it signs a person in as its own first-party client (no consent,
// straight back to /account), shows only their own things, and refuses forms without its token.
import test from 'ava';
import { asPage as page, textOf as text, UserAgent } from '../helpers/UserAgent.js';
import { ADA, type World, world } from '../helpers/world.js';

let w: World;
test.before(async () => {
  w = await world();
});
test.after.always(() => w?.op.stop());

async function signedInAgent() {
  const agent = new UserAgent(new URL(w.op.url).origin);
  const login = page(await agent.navigate(`${w.op.url}/account`));
  if (!login.html.includes('/login"')) throw new Error(`expected the login page at ${login.url}`);
  return { agent, account: page(await agent.submit(login, '/login', { email: ADA.email, password: ADA.password })) };
}

test('without a session /account signs in as its own client, skips consent and comes back to the page', async (t) => {
  const { account } = await signedInAgent();
  t.is(account.status, 200);
  t.is(new URL(account.url).pathname, '/account');
  t.regex(text(account.html), /Your account ada@example.com · Ada Lovelace/);
  t.regex(text(account.html), /This browser \(A browser\) ?, signed in .*, last seen/);
  t.regex(text(account.html), /No app holds access to your account/, 'the page itself is not listed as an app');
  t.is(account.headers.get('cache-control'), 'no-store');
});

test('a form without its CSRF token, or without a session, changes nothing', async (t) => {
  const { agent } = await signedInAgent();
  const forged = await agent.request(`${w.op.url}/account/sessions/sign-out-others`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'csrf=forged',
  });
  t.is(forged.status, 403);
  const anonymous = await fetch(`${w.op.url}/account/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'csrf=x&current=a&password=b&confirm=b',
  });
  t.is(anonymous.status, 401);
  t.regex(text(await anonymous.text()), /You are signed out/);
});

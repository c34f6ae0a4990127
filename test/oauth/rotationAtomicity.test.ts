import test from 'ava';
import { StoreUnavailableError } from '../../src/store/errors.js';
import type { Store } from '../../src/store/Store.js';
import { admin, type RegisteredClient } from '../helpers/admin.js';
import { postForm } from '../helpers/postForm.js';
import { exchange, relyingParty, signIn } from '../helpers/relyingParty.js';
import { startOstiary } from '../helpers/startOstiary.js';
import { ADA, WEB_REDIRECT } from '../helpers/world.js';

/** Makes the store fail the next save of a refresh token, as a Redis outage mid-rotation would. */
function failingRefreshTokenSaves(store: Store) {
  const state = { failNext: false };
  const wrapped: Store = {
    ...store,
    artifacts: {
      ...store.artifacts,
      async upsert(model, id, payload, expiresIn) {
        if (state.failNext && model === 'RefreshToken') {
          state.failNext = false;
          throw new StoreUnavailableError('injected outage');
        }
        return store.artifacts.upsert(model, id, payload, expiresIn);
      },
    },
  };
  return { wrapped, state };
}

test('a rotation that fails while saving the new refresh token leaves the old one usable', async (t) => {
  let fault: ReturnType<typeof failingRefreshTokenSaves> | undefined;
  const op = await startOstiary(
    {},
    {
      wrapStore: (store) => {
        fault = failingRefreshTokenSaves(store);
        return fault.wrapped;
      },
    },
  );
  t.teardown(() => op.stop());
  await admin(op.store, 'user', 'add', '--email', ADA.email, '--password', ADA.password);
  const web = await admin<RegisteredClient>(
    op.store,
    'client',
    'add',
    '--name',
    'Web',
    '--first-party',
    '--redirect-uri',
    WEB_REDIRECT,
  );
  const rp = await relyingParty(op.url, web);
  const tokens = await exchange(rp, await signIn(rp, { redirectUri: WEB_REDIRECT }));
  const refresh = () =>
    postForm(op.url, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string }, web);

  if (!fault) return t.fail('the store was not wrapped');
  fault.state.failNext = true;
  const failed = await refresh();
  t.is(failed.status, 503);
  t.is(failed.headers.get('retry-after'), '2');
  t.like(await failed.json(), { error: 'temporarily_unavailable' });

  const retried = await refresh();
  t.is(retried.status, 200, 'the retry is not mistaken for reuse');
  const { refresh_token } = (await retried.json()) as { refresh_token: string };
  t.not(refresh_token, tokens.refresh_token);
  t.is((await refresh()).status, 400, 'and once rotated, the old token is spent');
});

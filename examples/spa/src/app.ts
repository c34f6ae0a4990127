// A single-page app signing people in with Ostiary through oidc-client-ts: authorization code with
// PKCE (a public client: no secret), the notes API called with the access token, on a 401 one
// refresh with the rotating refresh token and one retry, and logout at Ostiary.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

interface Config {
  readonly issuer: string;
  readonly clientId: string;
  readonly apiUrl: string;
  /** The API's resource indicator: Ostiary issues an access token for that API (RFC 8707). */
  readonly resource: string;
}

const config = (await (await fetch('/config.json')).json()) as Config;
const here = window.location.origin;
const users = new UserManager({
  authority: config.issuer,
  client_id: config.clientId,
  redirect_uri: `${here}/`,
  post_logout_redirect_uri: `${here}/`,
  response_type: 'code',
  scope: 'openid profile offline_access read',
  // Without it the access token is for userinfo, not for the API.
  extraQueryParams: { resource: config.resource },
  automaticSilentRenew: false, // this app refreshes when the API says the token expired
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
});

const $ = (id: string) => document.getElementById(id) as HTMLElement;
let refreshes = 0;

async function callApi(): Promise<void> {
  const send = async () => {
    const user = await users.getUser();
    return fetch(config.apiUrl, { headers: { authorization: `Bearer ${user?.access_token}` } });
  };
  let response = await send();
  if (response.status === 401) {
    // The access token expired (or was refused): one refresh, one retry.
    await users.signinSilent({ resource: config.resource });
    refreshes += 1;
    response = await send();
  }
  $('api-status').textContent = String(response.status);
  $('refreshes').textContent = String(refreshes);
  if (response.ok) {
    const { notes } = (await response.json()) as { notes: { text: string }[] };
    $('notes').textContent = notes.map((note) => note.text).join(', ');
  }
}

async function render(): Promise<void> {
  const user = await users.getUser();
  $('signed-out').hidden = Boolean(user);
  $('signed-in').hidden = !user;
  if (user) $('name').textContent = String(user.profile.name ?? user.profile.sub);
}

$('sign-in').addEventListener('click', () => void users.signinRedirect());
$('call-api').addEventListener(
  'click',
  () => void callApi().catch((error) => ($('api-status').textContent = String(error))),
);
$('sign-out').addEventListener('click', () => void users.signoutRedirect());

const params = new URLSearchParams(window.location.search);
if (params.has('code') && params.has('state')) {
  await users.signinRedirectCallback();
  window.history.replaceState({}, '', '/');
} else if (params.has('state')) {
  await users.signoutRedirectCallback().catch(() => undefined);
  await users.removeUser();
  window.history.replaceState({}, '', '/');
}
await render();

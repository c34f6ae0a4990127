// What the key tests look at: a service's access token, the key id that signed a JWT, and the
// ES256 key ids /jwks publishes.
import { decodeProtectedHeader } from 'jose';
import { postForm } from '../helpers/postForm.js';
import type { World } from '../helpers/world.js';

export const serviceToken = async (w: World) => {
  const response = await postForm(w.op.url, '/token', { grant_type: 'client_credentials', scope: 'read' }, w.service);
  return ((await response.json()) as { access_token: string }).access_token;
};
export const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid;
export const es256Kids = async (w: World) => {
  const { keys } = (await (await fetch(`${w.op.url}/jwks`)).json()) as { keys: { kid: string; alg: string }[] };
  return keys.filter((k) => k.alg === 'ES256').map((k) => k.kid);
};

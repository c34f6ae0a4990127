// POSTs a form to a provider endpoint, authenticating as `client` with HTTP Basic when given,
// as a confidential client would at the token, introspection and revocation endpoints.
import type { RegisteredClient } from './admin.js';

export function postForm(
  issuer: string,
  path: string,
  body: Record<string, string>,
  client?: RegisteredClient,
  headers: Record<string, string> = {},
) {
  const basic = client && Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
  return fetch(`${issuer}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic ? { authorization: `Basic ${basic}` } : {}),
      ...headers,
    },
    body: new URLSearchParams(body),
  });
}

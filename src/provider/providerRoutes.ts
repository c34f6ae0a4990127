// The paths of oidc-provider's routes we act on, given to oidc-provider as its `routes` so the two
// cannot drift apart. (They are its defaults.) Middleware that concerns one route checks the path
// first and stays out of every other request's way: on Node 20 each async step of a request costs
// more than its work here, because oidc-provider's AsyncLocalStorage hooks every promise.

export const ROUTES = {
  authorization: '/auth',
  token: '/token',
  end_session: '/session/end',
  introspection: '/token/introspection',
  revocation: '/token/revocation',
  code_verification: '/device',
  device_authorization: '/device/auth',
  registration: '/reg',
} as const;

/** Where RP-initiated logout is confirmed (oidc-provider: `${end_session}/confirm`). */
export const END_SESSION_CONFIRM = `${ROUTES.end_session}/confirm`;

/** /auth and /auth/:uid (the resumed authorization request). */
export const isAuthorizationPath = (path: string) =>
  path === ROUTES.authorization || path.startsWith(`${ROUTES.authorization}/`);

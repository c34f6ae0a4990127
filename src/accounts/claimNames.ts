// The names account claims may take. Roles and groups are short names without spaces (`admin`,
// `billing:read`, `/engineering/backend`); an attribute's key becomes a claim of its own in access
// tokens, so it is a plain identifier that no standard claim already uses.

/** A role or group: 1 to 100 letters, digits and `_ . : / @ -`. */
export const ROLE_OR_GROUP = /^[\p{L}\p{N}_.:/@-]{1,100}$/u;
/** An attribute key: a letter, then letters, digits or underscores, 64 at most. */
export const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Claims a token or Ostiary itself already gives meaning to: no attribute may take their name. */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'typ',
  'azp',
  'nonce',
  'at_hash',
  'c_hash',
  'auth_time',
  'acr',
  'amr',
  'sid',
  'scope',
  'client_id',
  'cnf',
  'act',
  'may_act',
  'events',
  'grant_id',
  'roles',
  'groups',
  'email',
  'email_verified',
  'name',
  'preferred_username',
  'given_name',
  'family_name',
  'entitlements',
  'authorization_details',
]);

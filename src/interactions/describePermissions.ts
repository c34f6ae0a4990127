// Plain-words descriptions of what a client asks for, shown on the consent page (catalog messages).
import { type Message, message, text } from '../i18n/translator.js';

const OIDC_SCOPES: Record<string, Message> = {
  openid: text('permission.openid'),
  email: text('permission.email'),
  profile: text('permission.profile'),
  roles: text('permission.roles'),
  groups: text('permission.groups'),
};

export function describePermissions(
  oidcScopes: readonly string[] = [],
  resourceScopes: Readonly<Record<string, readonly string[]>> = {},
  /** The client's name: offline_access reads "Stay signed in to <client>". */
  client = '',
): Message[] {
  const oidc = oidcScopes.map((scope) =>
    scope === 'offline_access'
      ? message('permission.offline_access', { client })
      : Object.hasOwn(OIDC_SCOPES, scope)
        ? (OIDC_SCOPES[scope] as Message)
        : message('permission.other', { scope }),
  );
  const apis = Object.entries(resourceScopes).flatMap(([api, scopes]) =>
    scopes.map((scope) => message('permission.api', { scope, api })),
  );
  return [...oidc, ...apis];
}

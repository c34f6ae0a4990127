// The account claims an API's access tokens carry (`resource add|update --claims`): the person's
// roles and groups as arrays of strings, and each named attribute as a claim of its own (left out
// when the account has none). Only a person's tokens (a service has no account), only for an API
// that asks: every other token is issued without reading the account.
import type { AccountStore, ResourceStore } from '../store/Store.js';
import { storeCall } from './storeCall.js';

interface IssuedToken {
  readonly kind: string;
  readonly accountId?: string;
  readonly resourceServer?: { identifier(): string; readonly accessTokenFormat?: string };
}

export function resourceTokenClaims(
  resources: Pick<ResourceStore, 'get' | 'peek'>,
  accounts: Pick<AccountStore, 'findById'>,
) {
  return async (token: IssuedToken): Promise<Record<string, unknown> | undefined> => {
    const server = token.resourceServer;
    if (token.kind !== 'AccessToken' || !token.accountId || server?.accessTokenFormat !== 'jwt') return undefined;
    const id = server.identifier();
    const resource = resources.peek?.(id) ?? (await storeCall(() => resources.get(id)));
    const wanted = resource?.claims;
    if (!wanted?.length) return undefined;
    const account = await storeCall(() => accounts.findById(token.accountId as string));
    const claims = account?.claims ?? {};
    const entries = wanted.flatMap((name): [string, unknown][] => {
      if (name === 'roles') return [['roles', [...(claims.roles ?? [])]]];
      if (name === 'groups') return [['groups', [...(claims.groups ?? [])]]];
      const attributes = claims.attributes ?? {};
      return Object.hasOwn(attributes, name) ? [[name, attributes[name]]] : [];
    });
    return Object.fromEntries(entries);
  };
}

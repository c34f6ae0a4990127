// Sets what an account carries for APIs and apps to authorize on: its roles, its groups and free
// attributes (`user update --role --group --attr`, PATCH /users/{id}). Roles and groups given
// replace the old lists (an empty list clears one); attributes merge, a null value removing its
// key. Each name is checked (claimNames). Tokens already issued keep what they said until they
// expire; the next token says the new.
import { type Change, recordChange } from '../audit/Change.js';
import type { Account, AccountClaims, Store } from '../store/Store.js';
import { AccountError } from './AccountError.js';
import { ATTRIBUTE_KEY, RESERVED_CLAIMS, ROLE_OR_GROUP } from './claimNames.js';

const MAX_NAMES = 100;
const MAX_ATTRIBUTES = 50;
const MAX_VALUE = 1000;

export interface ClaimChanges {
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
  /** Keys to set; a null value removes the key. */
  readonly attributes?: Readonly<Record<string, string | null>>;
}

function names(kind: 'roles' | 'groups', list: readonly string[]): string[] {
  const unique = [...new Set(list)];
  const code = kind === 'roles' ? 'invalid_roles' : 'invalid_groups';
  const bad = unique.find((name) => !ROLE_OR_GROUP.test(name));
  if (bad !== undefined) {
    throw new AccountError(code, `"${bad}" is not a ${kind.slice(0, -1)}: 1 to 100 letters, digits and _ . : / @ -`);
  }
  if (unique.length > MAX_NAMES) throw new AccountError(code, `at most ${MAX_NAMES} ${kind}`);
  return unique;
}

function attributes(
  current: Readonly<Record<string, string>>,
  changes: Readonly<Record<string, string | null>>,
): Record<string, string> {
  const next: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (!ATTRIBUTE_KEY.test(key)) {
      throw new AccountError(
        'invalid_attributes',
        `"${key}" is not an attribute key: a letter, then letters, digits or _`,
      );
    }
    if (RESERVED_CLAIMS.has(key)) {
      throw new AccountError('invalid_attributes', `"${key}" is a standard claim's name, not an attribute's`);
    }
    if (value === null) {
      delete next[key];
      continue;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
    if (value.length > MAX_VALUE || /[\u0000-\u001f\u007f]/.test(value)) {
      throw new AccountError('invalid_attributes', `${key}: at most ${MAX_VALUE} characters, no control characters`);
    }
    next[key] = value;
  }
  if (Object.keys(next).length > MAX_ATTRIBUTES) {
    throw new AccountError('invalid_attributes', `at most ${MAX_ATTRIBUTES} attributes`);
  }
  return next;
}

/** The claims with empty parts left out; undefined when nothing is left. */
function compact(claims: AccountClaims): AccountClaims | undefined {
  const kept = {
    ...(claims.roles?.length ? { roles: claims.roles } : {}),
    ...(claims.groups?.length ? { groups: claims.groups } : {}),
    ...(claims.attributes && Object.keys(claims.attributes).length ? { attributes: claims.attributes } : {}),
  };
  return Object.keys(kept).length ? kept : undefined;
}

/** The account's claims after these changes, or AccountError naming the first one at fault. */
export function accountClaimsAfter(account: Account, changes: ClaimChanges): AccountClaims | undefined {
  const current = account.claims ?? {};
  return compact({
    roles: changes.roles === undefined ? current.roles : names('roles', changes.roles),
    groups: changes.groups === undefined ? current.groups : names('groups', changes.groups),
    attributes:
      changes.attributes === undefined ? current.attributes : attributes(current.attributes ?? {}, changes.attributes),
  });
}

export async function updateAccountClaims(
  store: Pick<Store, 'accounts'>,
  account: Account,
  changes: ClaimChanges,
  change: Change,
): Promise<void> {
  const claims = accountClaimsAfter(account, changes);
  if (!(await store.accounts.update(account.accountId, { claims }))) {
    throw new AccountError('not_found', `no account ${account.accountId}`);
  }
  const changed = (['roles', 'groups', 'attributes'] as const).filter((part) => changes[part] !== undefined);
  recordChange(change, { event: 'account.claims_changed', accountId: account.accountId, details: { changed } });
}

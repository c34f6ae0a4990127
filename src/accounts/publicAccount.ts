// What the CLI and the admin API show of an account: everything but the password hash, with createdAt as an
// ISO 8601 time, and which second factors it has (never their secrets). Commands print this, never
// the stored record.
import type { Account } from '../store/Store.js';

export function publicAccount(account: Account) {
  return {
    accountId: account.accountId,
    email: account.email,
    emailVerified: account.emailVerified,
    name: account.name ?? null,
    disabled: account.disabled,
    createdAt: new Date(account.createdAt).toISOString(),
    roles: [...(account.claims?.roles ?? [])],
    groups: [...(account.claims?.groups ?? [])],
    attributes: { ...account.claims?.attributes },
    factors: {
      totp: account.factors?.totp !== undefined,
      recoveryCodesLeft: account.factors?.recoveryCodes?.length ?? 0,
      passkeys: (account.factors?.passkeys ?? []).map((passkey) => ({
        name: passkey.name,
        createdAt: new Date(passkey.createdAt).toISOString(),
        lastUsedAt: passkey.lastUsedAt === undefined ? null : new Date(passkey.lastUsedAt).toISOString(),
        synced: passkey.backedUp,
      })),
    },
  };
}

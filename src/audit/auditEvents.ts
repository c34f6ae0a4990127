// Every audit event Ostiary writes, with what it means. The names are stable: operators alert on
// them. the audit table in docs/metrics-and-audit.md is generated from this list (npm run docs).

export const AUDIT_EVENTS = {
  'login.success': 'a person signed in with their password',
  'login.failure':
    'a sign-in was refused: `invalid_credentials` (a wrong password; no accountId when the email has no account) or `account_disabled`',
  'login.throttled':
    '`too_many_attempts`: the email or the client address must wait; `busy`: the password hashing queue was full',
  'consent.granted': 'a person allowed a client what it asked for',
  'consent.denied': 'a person refused a client, or cancelled the sign-in (the client gets access_denied)',
  'refresh_token.reused': 'a spent refresh token was presented again; its whole grant was revoked',
  'token.revoked': 'a client revoked one of its tokens (RFC 7009)',
  logout: 'a browser session ended at the end-session endpoint; its tokens were revoked',
  'logout.backchannel':
    'an app was told, server to server, that a person signed out (back-channel logout): success, or failure once its last attempt failed (`reason`: `status_<code>`, `timeout`, `network_error`)',
  'account.created': 'an account was added',
  'account.password_changed': "an account's password was changed; its sessions and tokens were revoked",
  'account.removed': 'an account was removed with its sessions and tokens',
  'account.signed_out': 'an account was signed out everywhere (user revoke)',
  'account.disabled': 'an account was disabled; its sessions and tokens were revoked',
  'account.enabled': 'a disabled account may sign in again',
  'password_reset.requested':
    'someone asked for a password reset link: `accountId` when the email has an account (only then is mail sent), failure `too_many_attempts` when throttled',
  'account.password_reset':
    "a person set a new password through a reset link; the account's sessions and tokens were revoked",
  'email_verification.sent': "a verification link was mailed to an account's address",
  'account.email_verified': 'a person confirmed their email address through its link',
  'account_link.refused':
    'a reset or verification link was refused (`invalid_link`: unknown, expired, used or overtaken)',
  'login.second_factor':
    'the second step of a sign-in: success (`details.via` totp or recovery_code), failure `invalid_code`, or `too_many_attempts`',
  'login.passkey':
    'a person signed in with a passkey, alone or as the second step (`reason` on failure: expired, invalid, unknown_credential, cloned_authenticator, disabled)',
  'account.mfa_enrolled':
    'an account added a second factor (`factor`: totp or passkey; the first one comes with new recovery codes)',
  'account.factor_removed':
    'the person removed one second factor on the account page (`none_left` when the account is back to its password alone)',
  'account.mfa_reset': "an account's second factors were all removed (`user mfa reset`)",
  'account.signed_up': 'a person created their own account (SIGNUP); its email is confirmed by a mailed link',
  'signup.email_taken':
    'a sign-up named an email that has an account: its owner was mailed instead, and the page read the same',
  'account.claims_changed':
    "an account's roles, groups or attributes changed (`changed` lists which); tokens issued from then on carry them",
  'account.unlocked': "an email's sign-in lock was cleared",
  'grant.revoked': "what a person allowed one client was taken back, with the grant's tokens",
  'session.ended': 'one browser session of an account was ended, with the grants it handed out',
  'client.created': 'a client was registered',
  'client.updated': "a client's settings changed (`changed` lists which)",
  'client.removed': 'a client was removed',
  'registration_token.created':
    'an initial access token for dynamic client registration was issued (`expiresIn` seconds, `uses`); registrations made with it are `client.created` with actor `registration`',
  'client.secret_rotated':
    "a client's secret was replaced; `details.graceSeconds` says how long the old one is still accepted",
  'resource.created': 'an API was registered',
  'resource.updated': "an API's scopes or token lifetime changed (`changed` lists which)",
  'resource.removed': 'an API was removed',
  'keys.rotated': 'a new signing key was published, to sign once it has propagated',
  'keys.promoted': 'a published key was made the signing key at once',
  'secrets.resealed': 'keys and client secrets were sealed again under the first OSTIARY_SECRET',
} as const;

export type AuditEventName = keyof typeof AUDIT_EVENTS;

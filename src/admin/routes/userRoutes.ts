// /admin/v1/users: accounts, through the same domain operations as `ostiary user ...`.
import { z } from 'zod';
import { AccountError } from '../../accounts/AccountError.js';
import { listAccountGrants, listAccountSessions } from '../../accounts/accountGrants.js';
import { changePassword } from '../../accounts/changePassword.js';
import { createAccount } from '../../accounts/createAccount.js';
import { endAccountSession } from '../../accounts/endAccountSession.js';
import { publicAccount } from '../../accounts/publicAccount.js';
import { removeAccount } from '../../accounts/removeAccount.js';
import { removeFactors } from '../../accounts/removeFactors.js';
import type { AccessDeps } from '../../accounts/revokeAccountAccess.js';
import { revokeAccountGrant } from '../../accounts/revokeAccountGrant.js';
import { NO_MAIL, sendEmailVerification } from '../../accounts/sendEmailVerification.js';
import { setAccountDisabled } from '../../accounts/setAccountDisabled.js';
import { signOutEverywhere } from '../../accounts/signOutEverywhere.js';
import { unlockAccount } from '../../accounts/unlockAccount.js';
import { accountClaimsAfter, updateAccountClaims } from '../../accounts/updateAccountClaims.js';
import type { Store } from '../../store/Store.js';
import { type AdminContext, adminRoute } from '../AdminRoute.js';
import {
  Account,
  AccountPage,
  AccountQuery,
  AccountUpdate,
  CreatedAccount,
  GrantList,
  Id,
  NewAccount,
  SessionList,
} from '../schemas.js';

const ById = z.object({ id: Id.describe('the accountId') });

/** The account's access as the sign-out functions take it: the store, and who hears. */
const accessOf = ({ store, signedOut }: AdminContext): AccessDeps => ({
  accounts: store.accounts,
  artifacts: store.artifacts,
  signedOut,
});

async function requireAccount(store: Store, accountId: string) {
  const account = await store.accounts.findById(accountId);
  if (!account) throw new AccountError('not_found', `no account ${accountId}`);
  return account;
}

const cursorOf = (email: string) => Buffer.from(email.toLowerCase()).toString('base64url');
const emailOf = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

export const userRoutes = {
  list: adminRoute({
    method: 'get',
    path: '/users',
    summary: 'List accounts by email, a page at a time, or find the one with an email',
    tag: 'users',
    scope: 'admin:read',
    query: AccountQuery,
    response: { status: 200, schema: AccountPage, description: 'a page of accounts' },
    async handle({ query }, { store }) {
      if (query.email !== undefined) {
        const account = await store.accounts.findByEmail(query.email);
        return { users: account ? [publicAccount(account)] : [], next_cursor: null };
      }
      const after = query.cursor === undefined ? undefined : emailOf(query.cursor);
      const sorted = (await store.accounts.list())
        .map((account) => ({ account, key: account.email.toLowerCase() }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .filter(({ key }) => after === undefined || key > after);
      const page = sorted.slice(0, query.limit);
      const last = page.at(-1);
      return {
        users: page.map(({ account }) => publicAccount(account)),
        next_cursor: sorted.length > page.length && last ? cursorOf(last.key) : null,
      };
    },
  }),
  add: adminRoute({
    method: 'post',
    path: '/users',
    summary: 'Create an account; its email counts as verified unless a verification mail is sent',
    tag: 'users',
    scope: 'admin:write',
    body: NewAccount,
    response: { status: 201, schema: CreatedAccount, description: 'the account' },
    problems: [409],
    async handle({ body }, { store, change, mail }): Promise<z.infer<typeof CreatedAccount>> {
      const verify = body.send_verification === true;
      if (verify && !mail.mailer.available) throw new AccountError('no_mail', NO_MAIL);
      const input = { email: body.email, password: body.password, name: body.name, emailVerified: !verify };
      const account = await createAccount(store.accounts, input, change);
      if (!verify) return publicAccount(account);
      // The account exists either way: a mail server that fails is reported, not a failed creation.
      const sent = await sendEmailVerification(mail, account, change).then(
        () => ({ verification_sent: true }),
        (error: unknown) => ({ verification_sent: false, verification_error: (error as Error).message }),
      );
      return { ...publicAccount(account), ...sent };
    },
  }),
  show: adminRoute({
    method: 'get',
    path: '/users/{id}',
    summary: 'Show an account',
    tag: 'users',
    scope: 'admin:read',
    params: ById,
    response: { status: 200, schema: Account, description: 'the account' },
    problems: [404],
    async handle({ params }, { store }) {
      return publicAccount(await requireAccount(store, params.id));
    },
  }),
  update: adminRoute({
    method: 'patch',
    path: '/users/{id}',
    summary:
      'Change the password (signs the account out everywhere), disable or enable it, or set its roles, groups and attributes',
    tag: 'users',
    scope: 'admin:write',
    params: ById,
    body: AccountUpdate,
    response: { status: 200, schema: Account, description: 'the account as it is now' },
    problems: [404],
    async handle({ params, body }, context) {
      const { store, change } = context;
      const account = await requireAccount(store, params.id);
      const { roles, groups, attributes } = body;
      const claims =
        roles !== undefined || groups !== undefined || attributes !== undefined
          ? { ...(roles && { roles }), ...(groups && { groups }), ...(attributes && { attributes }) }
          : undefined;
      if (claims) accountClaimsAfter(account, claims); // refused before anything else changes
      if (body.password !== undefined) await changePassword(accessOf(context), account, body.password, change);
      if (body.disabled !== undefined)
        await setAccountDisabled(accessOf(context), account.accountId, body.disabled, change);
      if (claims) await updateAccountClaims(store, await requireAccount(store, params.id), claims, change);
      return publicAccount(await requireAccount(store, params.id));
    },
  }),
  remove: adminRoute({
    method: 'delete',
    path: '/users/{id}',
    summary: 'Remove an account and revoke everything it holds',
    tag: 'users',
    scope: 'admin:write',
    params: ById,
    response: { status: 204, description: 'removed' },
    problems: [404],
    async handle({ params }, context) {
      const { change } = context;
      await removeAccount(accessOf(context), params.id, change);
    },
  }),
  revoke: adminRoute({
    method: 'post',
    path: '/users/{id}/revoke',
    summary: 'Sign the account out everywhere (sessions, refresh tokens, stored access tokens)',
    tag: 'users',
    scope: 'admin:write',
    params: ById,
    response: { status: 204, description: 'signed out' },
    problems: [404],
    async handle({ params }, context) {
      const { change } = context;
      await signOutEverywhere(accessOf(context), params.id, change);
    },
  }),
  unlock: adminRoute({
    method: 'post',
    path: '/users/{id}/unlock',
    summary: "Clear the account's failed sign-in count and lock",
    tag: 'users',
    scope: 'admin:write',
    params: ById,
    response: { status: 204, description: 'unlocked' },
    problems: [404],
    async handle({ params }, { store, change }) {
      const account = await requireAccount(store, params.id);
      await unlockAccount(store, account.email, change);
    },
  }),
  resetFactors: adminRoute({
    method: 'post',
    path: '/users/{id}/mfa/reset',
    summary: 'Remove the second factors (authenticator app, recovery codes), for someone who lost them',
    tag: 'users',
    scope: 'admin:write',
    params: ById,
    response: { status: 200, schema: Account, description: 'the account as it is now' },
    problems: [404],
    async handle({ params }, { store, change }) {
      await removeFactors(store, params.id, change);
      return publicAccount(await requireAccount(store, params.id));
    },
  }),
  grants: adminRoute({
    method: 'get',
    path: '/users/{id}/grants',
    summary: 'List what the account allowed each client (its grants)',
    tag: 'users',
    scope: 'admin:read',
    params: ById,
    response: { status: 200, schema: GrantList, description: 'the grants' },
    problems: [404],
    async handle({ params }, { store }) {
      await requireAccount(store, params.id);
      return { grants: await listAccountGrants(store, params.id) };
    },
  }),
  revokeGrant: adminRoute({
    method: 'delete',
    path: '/users/{id}/grants/{grantId}',
    summary: 'Take back a grant, with every token issued under it',
    tag: 'users',
    scope: 'admin:write',
    params: z.object({ id: Id, grantId: Id }),
    response: { status: 204, description: 'revoked' },
    problems: [404],
    async handle({ params }, context) {
      const { change } = context;
      await revokeAccountGrant(accessOf(context), params.id, params.grantId, change);
    },
  }),
  sessions: adminRoute({
    method: 'get',
    path: '/users/{id}/sessions',
    summary: "List the account's browser sessions",
    tag: 'users',
    scope: 'admin:read',
    params: ById,
    response: { status: 200, schema: SessionList, description: 'the sessions' },
    problems: [404],
    async handle({ params }, { store }) {
      await requireAccount(store, params.id);
      return { sessions: await listAccountSessions(store, params.id) };
    },
  }),
  endSession: adminRoute({
    method: 'delete',
    path: '/users/{id}/sessions/{sessionId}',
    summary: 'End one browser session, with the grants it handed out',
    tag: 'users',
    scope: 'admin:write',
    params: z.object({ id: Id, sessionId: Id }),
    response: { status: 204, description: 'ended' },
    problems: [404],
    async handle({ params }, context) {
      const { change } = context;
      await endAccountSession(accessOf(context), params.id, params.sessionId, change);
    },
  }),
};

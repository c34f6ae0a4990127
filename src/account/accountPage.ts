// /account: what a signed-in person manages for themselves. They see their email (and can have it
// verified), change their password (after the current one is checked, throttled like a sign-in),
// manage their second factors (passkeys, an authenticator app), see the apps that hold access and
// take one back, and see their sessions and sign the others out. Every change goes through the domain operation an operator would use, audited as
// `account:<accountId>`. Without a session the page starts a sign-in as its own first-party
// client (accountClient) and comes back here. Forms carry a CSRF token bound to the session.
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { renderSVG } from 'uqr';
import { listAccountGrants, listAccountSessions } from '../accounts/accountGrants.js';
import { changePassword } from '../accounts/changePassword.js';
import { describeBrowser } from '../accounts/describeBrowser.js';
import { endAccountSession } from '../accounts/endAccountSession.js';
import { enrolTotp } from '../accounts/enrolTotp.js';
import { type Passkeys, passkeysOf } from '../accounts/passkeys.js';
import { rememberedConsents } from '../accounts/rememberedConsents.js';
import { removeFactor } from '../accounts/removeFactor.js';
import { revokeAppAccess } from '../accounts/revokeAppAccess.js';
import { sendEmailVerification, type VerificationDeps } from '../accounts/sendEmailVerification.js';
import type { SessionActivity } from '../accounts/sessionActivity.js';
import type { SignIn } from '../accounts/signIn.js';
import { newTotpSecret, totpUri } from '../accounts/totp.js';
import type { Audit } from '../audit/Audit.js';
import type { Change } from '../audit/Change.js';
import { PageError } from '../http/PageError.js';
import type { RenderPage } from '../http/renderPage.js';
import { requestContextOf } from '../http/requestContext.js';
import { type Message, message, text } from '../i18n/translator.js';
import type { Csrf } from '../interactions/csrf.js';
import { describePermissions } from '../interactions/describePermissions.js';
import { requireCsrf } from '../interactions/requireCsrf.js';
import type { SignedOut } from '../logout/EndedAccess.js';
import type { ActiveAccount } from '../provider/activeAccount.js';
import { ROUTES } from '../provider/providerRoutes.js';
import type { Store } from '../store/Store.js';
import { tooManyAttempts } from '../throttle/Refusal.js';
import { ACCOUNT_CLIENT_ID, accountCallback } from './accountClient.js';
import { currentSession, type SignedInSession } from './currentSession.js';

export interface AccountPageDeps {
  readonly provider: () => Provider;
  readonly page: RenderPage;
  readonly csrf: Csrf;
  readonly store: Store;
  readonly active: ActiveAccount;
  readonly signIn: SignIn;
  readonly audit: Audit;
  readonly verification: VerificationDeps;
  readonly issuerId: string;
  readonly basePath: string;
  /** Epoch ms, for TOTP codes. */
  readonly now: () => number;
  /** The name authenticator apps show for the account (BRAND_NAME). */
  readonly brandName: string;
  /** When each session was last used, and from which browser. */
  readonly activity: SessionActivity;
  readonly passkeys: Passkeys;
  /** Tells apps when the person takes their access away or signs other browsers out. */
  readonly signedOut: SignedOut;
}

/** What ?done= says after a change. */
const NOTICES = {
  password: text('account.notice.password'),
  app: text('account.notice.app'),
  sessions: text('account.notice.sessions'),
  verification: text('account.notice.verification'),
  'totp-off': text('account.notice.totp-off'),
  'passkey-added': text('account.notice.passkey-added'),
  'passkey-removed': text('account.notice.passkey-removed'),
  'mfa-on': text('account.notice.mfa-on'),
};
type Notice = keyof typeof NOTICES;

const iso = (value: string | null) => (value ? value.replace('T', ' ').slice(0, 16) : '');
const isoOfMs = (ms: number | undefined) => (ms === undefined ? '' : iso(new Date(ms).toISOString()));

const PASSKEY_REFUSALS: Record<string, Message> = {
  expired: text('account.passkey_expired'),
  duplicate: text('account.passkey_duplicate'),
  too_many: text('account.passkey_too_many'),
};

/** Something already gone (removed meanwhile, or by another tab): nothing to do. */
const ifGone = (error: unknown) => {
  if ((error as { code?: string }).code !== 'not_found') throw error;
};

export function accountPage(deps: AccountPageDeps) {
  const consents = rememberedConsents(deps.store.artifacts);
  const access = { accounts: deps.store.accounts, artifacts: deps.store.artifacts, signedOut: deps.signedOut };
  const csrfScope = (signedIn: SignedInSession) => `account:${signedIn.session.uid}`;

  async function signedIn(ctx: Context): Promise<SignedInSession | undefined> {
    return currentSession(ctx, deps.provider(), deps.active);
  }

  /** The signed-in session for a form post, its CSRF token checked; a page error otherwise. */
  async function forForm(ctx: Context): Promise<{ who: SignedInSession; body: Record<string, unknown> }> {
    const who = await signedIn(ctx);
    if (!who) throw new PageError(401, 'login_required', text('account.signed_out'));
    const body = requireCsrf(ctx, deps.csrf, csrfScope(who), text('common.reload'));
    return { who, body };
  }

  const asThePerson = (ctx: Context, who: SignedInSession): Change => ({
    audit: deps.audit,
    actor: `account:${who.account.accountId}`,
    requestId: requestContextOf(ctx.req)?.requestId,
    address: ctx.ip,
  });

  /**
   * The apps that hold access, one per client: what its grants (one per session) hold and what the
   * person allowed it (remembered beyond sessions), together.
   */
  async function appsOf(accountId: string) {
    const apps = new Map<
      string,
      { clientId: string; since: number; scopes: Set<string>; resources: Map<string, Set<string>> }
    >();
    const appOf = (clientId: string, since: number) => {
      const app = apps.get(clientId) ?? { clientId, since, scopes: new Set(), resources: new Map() };
      app.since = Math.min(app.since, since);
      apps.set(clientId, app);
      return app;
    };
    const addApi = (app: ReturnType<typeof appOf>, api: string, scopes: readonly string[]) =>
      app.resources.set(api, new Set([...(app.resources.get(api) ?? []), ...scopes]));
    for (const grant of await listAccountGrants(deps.store, accountId)) {
      const app = appOf(grant.clientId, grant.createdAt ? Date.parse(grant.createdAt) : deps.now());
      for (const scope of grant.scope.split(' ').filter(Boolean)) app.scopes.add(scope);
      for (const [api, scope] of Object.entries(grant.resources)) addApi(app, api, scope.split(' '));
    }
    for (const { clientId, consent, since } of await consents.list(accountId)) {
      const app = appOf(clientId, since);
      for (const scope of consent.scopes) app.scopes.add(scope);
      for (const [api, scopes] of Object.entries(consent.resources)) addApi(app, api, scopes);
    }
    return [...apps.values()]
      .filter((app) => app.clientId !== ACCOUNT_CLIENT_ID)
      .sort((a, b) => a.since - b.since)
      .map((app) => ({
        clientId: app.clientId,
        since: app.since,
        scopes: [...app.scopes],
        resources: Object.fromEntries([...app.resources].map(([api, scopes]) => [api, [...scopes]])),
      }));
  }

  async function render(ctx: Context, who: SignedInSession, extra: Record<string, unknown> = {}, status = 200) {
    const { account, session } = who;
    const provider = deps.provider();
    const nameOf = async (clientId: string) => (await provider.Client.find(clientId))?.clientName ?? clientId;
    const apps = await Promise.all(
      (await appsOf(account.accountId)).map(async (app) => {
        const name = await nameOf(app.clientId);
        return {
          clientId: app.clientId,
          name,
          since: isoOfMs(app.since),
          permissions: describePermissions(app.scopes, app.resources, name),
        };
      }),
    );
    await deps.activity.seen(session.uid, ctx.get('user-agent'));
    const sessions = await Promise.all(
      (await listAccountSessions(deps.store, account.accountId)).map(async (each) => {
        const seen = await deps.activity.lastSeen(each.sessionId);
        return {
          signedInAt: iso(each.signedInAt),
          current: each.sessionId === session.uid,
          browser: seen?.browser,
          lastSeen: seen ? iso(new Date(seen.seenAt).toISOString()) : undefined,
          apps: await Promise.all(each.clients.filter((id) => id !== ACCOUNT_CLIENT_ID).map(nameOf)),
        };
      }),
    );
    sessions.sort((a, b) => Number(b.current) - Number(a.current));
    const done = typeof ctx.query.done === 'string' ? ctx.query.done : '';
    deps.page(
      ctx,
      'account',
      {
        email: account.email,
        emailVerified: account.emailVerified,
        name: account.name,
        canVerify: !account.emailVerified && deps.verification.mailer.available,
        totp: account.factors?.totp ? { since: isoOfMs(account.factors.totp.enrolledAt) } : undefined,
        passkeys: passkeysOf(account).map((each) => ({
          id: each.id,
          name: each.name,
          since: isoOfMs(each.createdAt),
          lastUsed: isoOfMs(each.lastUsedAt),
          synced: each.backedUp,
        })),
        recoveryCodesLeft: account.factors ? (account.factors.recoveryCodes?.length ?? 0) : undefined,
        passkeyOptions: JSON.stringify(await deps.passkeys.registrationOptions(account, session.uid)),
        apps,
        sessions,
        others: sessions.filter((each) => !each.current).length,
        notice: Object.hasOwn(NOTICES, done) ? NOTICES[done as Notice] : undefined,
        csrf: deps.csrf.token(csrfScope(who)),
        signOut: `${deps.basePath}${ROUTES.end_session}?client_id=${ACCOUNT_CLIENT_ID}`,
        ...extra,
      },
      { status },
    );
  }

  /**
   * The person's current password, checked as a sign-in is (throttled, audited): what to say when
   * it is not right, undefined when it is.
   */
  async function currentPasswordProblem(ctx: Context, who: SignedInSession, given: unknown) {
    const current = typeof given === 'string' ? given : '';
    const checked = await deps.signIn(who.account.email, current, {
      address: ctx.ip,
      requestId: requestContextOf(ctx.req)?.requestId,
      clientId: ACCOUNT_CLIENT_ID,
    });
    if (checked.outcome === 'signed-in') return undefined;
    if (checked.outcome === 'throttled') {
      ctx.set('Retry-After', String(checked.refusal.retryAfterSeconds));
      return { error: tooManyAttempts(checked.refusal), status: 429 };
    }
    return { error: text('account.wrong_password'), status: 401 };
  }

  const back = (ctx: Context, done: Notice) => ctx.redirect(`${deps.basePath}/account?done=${done}`);

  /** The set-up page: the secret as a QR code (inline SVG), as a key to type, and as a link. */
  function totpSetup(ctx: Context, who: SignedInSession, secret: string, error?: Message, status = 200) {
    const uri = totpUri(secret, who.account.email, deps.brandName);
    const qr = renderSVG(uri).replace('<svg ', '<svg class="qr" role="img" aria-label="QR code of the key" ');
    const key = secret.match(/.{4}/g)?.join(' ') ?? secret;
    deps.page(ctx, 'totp-setup', { qr, key, uri, secret, error, csrf: deps.csrf.token(csrfScope(who)) }, { status });
  }

  return {
    async show(ctx: Context) {
      const who = await signedIn(ctx);
      if (who) return render(ctx, who);
      // Sign in as the account page's own client; the callback comes back here.
      const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
      const query = new URLSearchParams({
        client_id: ACCOUNT_CLIENT_ID,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: accountCallback(deps.issuerId),
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      ctx.redirect(`${deps.basePath}${ROUTES.authorization}?${query}`);
    },

    /** Back from the sign-in: the session cookie is what counts; the code is spent unused. */
    async callback(ctx: Context) {
      const code = typeof ctx.query.code === 'string' ? ctx.query.code : undefined;
      if (code) await (await deps.provider().AuthorizationCode.find(code))?.destroy();
      ctx.redirect(`${deps.basePath}/account`);
    },

    async changePassword(ctx: Context) {
      const { who, body } = await forForm(ctx);
      const password = typeof body.password === 'string' ? body.password : '';
      const again = (error: Message, status: number) => render(ctx, who, { passwordError: error }, status);
      if (password !== body.confirm) return again(text('account.new_passwords_differ'), 400);
      const wrong = await currentPasswordProblem(ctx, who, body.current);
      if (wrong) return again(wrong.error, wrong.status);
      try {
        await changePassword(access, who.account, password, asThePerson(ctx, who));
      } catch (error) {
        if ((error as { code?: string }).code === 'weak_password')
          return again(message('common.weak_password', { why: (error as Error).message }), 400);
        throw error;
      }
      // Everything of the account was revoked, this session too: it alone comes back, signed in
      // from now (so it is not older than the revocation) and holding no app's grant.
      const { session } = who;
      session.loginTs = Math.floor(Date.now() / 1000);
      session.authorizations = {};
      await session.persist();
      back(ctx, 'password');
    },

    async revokeApp(ctx: Context) {
      const { who } = await forForm(ctx);
      const clientId = String(ctx.params.clientId ?? '');
      await revokeAppAccess(access, who.account.accountId, clientId, asThePerson(ctx, who));
      back(ctx, 'app');
    },

    async signOutOthers(ctx: Context) {
      const { who } = await forForm(ctx);
      const change = asThePerson(ctx, who);
      for (const each of await listAccountSessions(deps.store, who.account.accountId)) {
        if (each.sessionId === who.session.uid) continue;
        await endAccountSession(access, who.account.accountId, each.sessionId, change).catch(ifGone);
      }
      back(ctx, 'sessions');
    },

    async showTotpSetup(ctx: Context) {
      const who = await signedIn(ctx);
      if (!who) return ctx.redirect(`${deps.basePath}/account`);
      if (who.account.factors?.totp) return back(ctx, 'mfa-on');
      totpSetup(ctx, who, newTotpSecret());
    },

    async enrolTotp(ctx: Context) {
      const { who, body } = await forForm(ctx);
      const secret = typeof body.secret === 'string' ? body.secret : '';
      const code = typeof body.code === 'string' ? body.code : '';
      const result = await enrolTotp(deps.store, who.account, secret, code, asThePerson(ctx, who), deps.now());
      if (result.outcome === 'wrong_code') {
        if (!/^[A-Z2-7]{32}$/.test(secret)) throw new PageError(400, 'invalid_request', text('account.setup_again'));
        return totpSetup(ctx, who, secret, text('account.wrong_first_code'), 400);
      }
      deps.page(ctx, 'recovery-codes', { codes: result.recoveryCodes });
    },

    async removeTotp(ctx: Context) {
      const { who, body } = await forForm(ctx);
      const wrong = await currentPasswordProblem(ctx, who, body.current);
      if (wrong) return render(ctx, who, { mfaError: wrong.error }, wrong.status);
      await removeFactor(deps.store, who.account, { kind: 'totp' }, asThePerson(ctx, who)).catch(ifGone);
      back(ctx, 'totp-off');
    },

    async addPasskey(ctx: Context) {
      const { who, body } = await forForm(ctx);
      const answer = typeof body.credential === 'string' ? body.credential : '';
      const named = typeof body.name === 'string' && body.name.trim() ? body.name : undefined;
      const name = named ?? describeBrowser(ctx.get('user-agent'));
      const result = await deps.passkeys.register(who.account, who.session.uid, answer, name, asThePerson(ctx, who));
      if (result.outcome === 'refused') {
        const error = PASSKEY_REFUSALS[result.reason] ?? text('account.passkey_invalid');
        return render(ctx, who, { passkeyError: error }, 400);
      }
      if (result.recoveryCodes) return deps.page(ctx, 'recovery-codes', { codes: result.recoveryCodes });
      back(ctx, 'passkey-added');
    },

    async removePasskey(ctx: Context) {
      const { who, body } = await forForm(ctx);
      const id = String(ctx.params.id ?? '');
      const wrong = await currentPasswordProblem(ctx, who, body.current);
      if (wrong) return render(ctx, who, { passkeyError: wrong.error }, wrong.status);
      await removeFactor(deps.store, who.account, { kind: 'passkey', id }, asThePerson(ctx, who)).catch(ifGone);
      back(ctx, 'passkey-removed');
    },

    async sendVerification(ctx: Context) {
      const { who } = await forForm(ctx);
      if (!who.account.emailVerified) {
        await sendEmailVerification(deps.verification, who.account, asThePerson(ctx, who));
      }
      back(ctx, 'verification');
    },
  };
}

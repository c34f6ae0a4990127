// The second step of a sign-in, for an account with a second factor (an authenticator app or a
// passkey): once the password is right, the interaction waits for a code or a passkey (the pending
// step is stored for 10 minutes under the interaction's uid, which the store keeps hashed), then
// finishes the login as password + OTP (`amr` pwd otp mfa). checkSecondFactor holds the code rules
// (throttling and single use); a passkey's answer goes to passkeySignIn.
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { passwordAndOtpLogin } from '../accounts/authentication.js';
import { checkSecondFactor, type SecondFactorDeps } from '../accounts/checkSecondFactor.js';
import { type Passkeys, passkeysOf } from '../accounts/passkeys.js';
import type { Audit } from '../audit/Audit.js';
import { PageError } from '../http/PageError.js';
import type { RenderPage } from '../http/renderPage.js';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import { type Message, text } from '../i18n/translator.js';
import type { Account, Store } from '../store/Store.js';
import { tooManyAttempts } from '../throttle/Refusal.js';
import type { Csrf } from './csrf.js';
import { finishInteraction } from './finishInteraction.js';
import { type Interaction, loadInteraction } from './loadInteraction.js';
import { pageContext } from './pageContext.js';
import { requireCsrf } from './requireCsrf.js';

const PENDING = 'SecondFactor';
const PENDING_SECONDS = 10 * 60;

export interface SecondStepDeps extends SecondFactorDeps {
  readonly store: Pick<Store, 'accounts' | 'limits' | 'artifacts'>;
  readonly audit: Audit;
}

export interface SecondStepPageDeps {
  readonly provider: () => Provider;
  readonly page: RenderPage;
  readonly csrf: Csrf;
  readonly secondStep: SecondStepDeps;
  readonly passkeys: Passkeys;
}

/** Whether this account signs in in two steps. */
export const needsSecondStep = (account: Account) =>
  account.factors?.totp !== undefined || passkeysOf(account).length > 0;

/** The password was right: the interaction now waits for the code. */
export async function beginSecondStep(deps: SecondStepDeps, uid: string, account: Account): Promise<void> {
  await deps.store.artifacts.upsert(PENDING, uid, { accountId: account.accountId }, PENDING_SECONDS);
}

/** The second step is done (or abandoned for another way in). */
export async function endSecondStep(deps: SecondStepDeps, uid: string): Promise<void> {
  await deps.store.artifacts.destroy(PENDING, uid);
}

/** The account whose code this interaction waits for, if it does. */
export async function pendingSecondStep(deps: SecondStepDeps, uid: string): Promise<Account | undefined> {
  const pending = await deps.store.artifacts.find(PENDING, uid);
  const accountId = typeof pending?.accountId === 'string' ? pending.accountId : undefined;
  const account = accountId ? await deps.store.accounts.findById(accountId) : undefined;
  return account && !account.disabled && needsSecondStep(account) ? account : undefined;
}

/**
 * The page that asks for the code, or the account's passkey. Its form may end at the client (a
 * first-party client needs no consent), so the CSP allows the client's redirect origin, as on the
 * login page.
 */
export async function showSecondStep(
  deps: SecondStepPageDeps,
  ctx: Context,
  details: Interaction,
  account: Account,
  { error, status = 200 }: { error?: Message; status?: number } = {},
) {
  const { formTargets } = await pageContext(deps.provider(), details);
  const passkeyOptions =
    passkeysOf(account).length > 0
      ? JSON.stringify(await deps.passkeys.signInOptions(details.uid, account))
      : undefined;
  const data = {
    uid: details.uid,
    email: account.email,
    csrf: deps.csrf.token(details.uid),
    error,
    hasTotp: account.factors?.totp !== undefined,
    passkeyOptions,
  };
  return deps.page(ctx, 'second-factor', data, { status, formTargets });
}

/** POST /interaction/:uid/second-factor — a code from the app, or a recovery code. */
export function secondFactor(deps: SecondStepPageDeps) {
  return async function secondFactorRoute(ctx: Context) {
    const current = deps.provider();
    const details = await loadInteraction(ctx, current);
    const body = requireCsrf(ctx, deps.csrf, details.uid);
    const account = await pendingSecondStep(deps.secondStep, details.uid);
    if (!account) throw new PageError(400, 'invalid_request', text('second.nothing_pending'));
    const typed = (value: unknown) => (typeof value === 'string' ? value.slice(0, 64) : undefined);
    const answer = { code: typed(body.code), recoveryCode: typed(body.recovery) };
    const result = await checkSecondFactor(deps.secondStep, account, answer);
    const facts = { ...auditFacts(requestContextOf(ctx.req)), accountId: account.accountId };
    if (result.outcome !== 'ok') {
      const throttled = result.outcome === 'throttled';
      deps.secondStep.audit.record({
        event: 'login.second_factor',
        outcome: 'failure',
        reason: throttled ? 'too_many_attempts' : 'invalid_code',
        ...facts,
      });
      if (throttled) ctx.set('Retry-After', String(result.refusal.retryAfterSeconds));
      const error = throttled ? tooManyAttempts(result.refusal) : text('second.wrong_code');
      return showSecondStep(deps, ctx, details, account, { error, status: throttled ? 429 : 401 });
    }
    deps.secondStep.audit.record({
      event: 'login.second_factor',
      outcome: 'success',
      ...facts,
      details: { via: result.via },
    });
    await endSecondStep(deps.secondStep, details.uid);
    const context = requestContextOf(ctx.req);
    if (context) context.accountId = account.accountId;
    return finishInteraction(ctx, current, { login: { accountId: account.accountId, ...passwordAndOtpLogin() } });
  };
}

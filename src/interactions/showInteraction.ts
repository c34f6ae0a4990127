// GET /interaction/:uid — where oidc-provider sends the browser when it needs the user.
// Shows the login or consent page for the active prompt; a first-party client's consent is
// granted without asking.
import type { Context } from 'koa';
import { PageError } from '../http/PageError.js';
import { auditFacts, requestContextOf } from '../http/requestContext.js';
import { text } from '../i18n/translator.js';
import { ADDED_CONSENT_PARAM } from '../provider/offlineAccessConsent.js';
import { scopesOfClaims } from '../provider/scopeClaims.js';
import { MFA_REQUIRED } from '../provider/signInPolicy.js';
import { describePermissions } from './describePermissions.js';
import { finishInteraction } from './finishInteraction.js';
import { grantConsent } from './grantConsent.js';
import type { InteractionDeps } from './InteractionDeps.js';
import { loadInteraction } from './loadInteraction.js';
import { pageContext } from './pageContext.js';
import { beginSecondStep, needsSecondStep, pendingSecondStep, showSecondStep } from './secondStep.js';
import { showLogin } from './showLogin.js';

export function showInteraction(deps: InteractionDeps) {
  const { provider, page, csrf, accounts, audit } = deps;
  return async function showInteractionRoute(ctx: Context) {
    const current = provider();
    const details = await loadInteraction(ctx, current);
    const { clientName, firstParty, formTargets } = await pageContext(current, details);
    const { uid, prompt } = details;

    if (prompt.name === 'login') {
      const waiting = await pendingSecondStep(deps.secondStep, uid);
      if (waiting) return showSecondStep(deps, ctx, details, waiting);
      const signedIn = details.session?.accountId;
      if (signedIn && prompt.reasons.includes(MFA_REQUIRED)) {
        // Step-up: signed in with a password, and this request wants two factors.
        const account = await accounts.findById(signedIn);
        if (account && needsSecondStep(account)) {
          await beginSecondStep(deps.secondStep, uid, account);
          return showSecondStep(deps, ctx, details, account);
        }
        const data = {
          uid,
          clientName,
          accountPage: `${deps.basePath}/account`,
          csrf: csrf.token(uid),
        };
        return page(ctx, 'mfa-required', data, { status: 403, formTargets });
      }
      return showLogin(deps, ctx, details);
    }
    if (prompt.name === 'consent') {
      // Asked only because offline_access needs a consent prompt (offlineAccessConsent), and the
      // person allowed everything before: nothing to ask.
      const allowedBefore =
        details.params[ADDED_CONSENT_PARAM] === 'yes' && prompt.reasons.every((reason) => reason === 'consent_prompt');
      if (firstParty || allowedBefore) {
        const result = await grantConsent(current, details, deps.consents);
        const facts = auditFacts(requestContextOf(ctx.req));
        const reason = firstParty ? 'first_party' : 'remembered';
        audit.record({ event: 'consent.granted', outcome: 'success', reason, ...facts });
        return finishInteraction(ctx, current, result);
      }
      const missing = prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      const accountId = details.session?.accountId;
      const account = accountId ? await accounts.findById(accountId) : undefined;
      // Claims asked for one by one (the claims parameter) read as the scopes that release them.
      const scopes = [
        ...new Set([...(missing.missingOIDCScope ?? []), ...scopesOfClaims(missing.missingOIDCClaims ?? [])]),
      ];
      const permissions = describePermissions(scopes, missing.missingResourceScopes, clientName);
      return page(
        ctx,
        'consent',
        { uid, clientName, email: account?.email, permissions, csrf: csrf.token(uid) },
        {
          formTargets,
        },
      );
    }
    throw new PageError(400, 'invalid_request', text('error.step_unsupported'));
  };
}

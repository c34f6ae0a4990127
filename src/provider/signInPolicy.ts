// oidc-provider's interaction policy (login, then consent) with one more reason to ask for a
// login: the browser's session belongs to an account that is gone, disabled or signed out
// everywhere. Without it such a session would skip the login prompt with no account to consent
// for, and every /auth would fail; with it the browser gets the login page (or login_required for
// prompt=none). And one for step-up: a client that requires two-step sign-in (`--require-mfa`), or
// a request with acr_values naming the MFA level, gets no code for a password-only session; the
// person is asked for their code first (or told to set two-step sign-in up).
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { ACR_MFA } from '../accounts/authentication.js';
import { clientExtras } from './clientPolicy.js';

const { base, Check } = interactionPolicy;

/** Reason a login prompt gives when only a two-factor sign-in will do (showInteraction asks for it). */
export const MFA_REQUIRED = 'mfa_required';

function wantsMfa(ctx: KoaContextWithOIDC): boolean {
  const requested = String(ctx.oidc.params?.acr_values ?? '').split(' ');
  return requested.includes(ACR_MFA) || (ctx.oidc.client ? clientExtras(ctx.oidc.client).requireMfa : false);
}

export function signInPolicy() {
  const policy = base();
  policy
    .get('login')
    ?.checks.add(
      new Check('account_unavailable', 'the signed-in account is no longer available', 'login_required', (ctx) =>
        ctx.oidc.session?.accountId !== undefined && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
      ),
      0,
    );
  policy
    .get('login')
    ?.checks.add(
      new Check(MFA_REQUIRED, 'two-step sign-in is required', 'login_required', (ctx) =>
        ctx.oidc.session?.accountId !== undefined && ctx.oidc.session.acr !== ACR_MFA && wantsMfa(ctx)
          ? Check.REQUEST_PROMPT
          : Check.NO_NEED_TO_PROMPT,
      ),
    );
  return policy;
}

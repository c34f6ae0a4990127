// oidc-provider's interaction policy (login, then consent) with one more reason to ask for a
// login: the browser's session belongs to an account that is gone, disabled or signed out
// everywhere. Without it such a session would skip the login prompt with no account to consent
// for, and every /auth would fail; with it the browser gets the login page (or login_required for
// prompt=none).
import { interactionPolicy } from 'oidc-provider';

const { base, Check } = interactionPolicy;

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
  return policy;
}

// What every interaction route needs, injected once by createApp.
import type Provider from 'oidc-provider';
import type { Passkeys } from '../accounts/passkeys.js';
import type { RememberedConsents } from '../accounts/rememberedConsents.js';
import type { ResetRequestDeps } from '../accounts/requestPasswordReset.js';
import type { SignIn } from '../accounts/signIn.js';
import type { SignUpDeps } from '../accounts/signUp.js';
import type { Audit } from '../audit/Audit.js';
import type { RenderPage } from '../http/renderPage.js';
import type { AccountStore } from '../store/Store.js';
import type { Csrf } from './csrf.js';
import type { SecondStepDeps } from './secondStep.js';

export interface InteractionDeps {
  /** The provider serving now (it is rebuilt when keys rotate). */
  readonly provider: () => Provider;
  readonly page: RenderPage;
  readonly csrf: Csrf;
  readonly signIn: SignIn;
  readonly accounts: AccountStore;
  readonly audit: Audit;
  /** "Forgot password?": how reset links are asked for (offered only when mail can be sent). */
  readonly resets: ResetRequestDeps;
  /** The second step of a sign-in, for accounts with an authenticator app. */
  readonly secondStep: SecondStepDeps;
  /** What each person allowed each client, beyond one browser session. */
  readonly consents: RememberedConsents;
  /** Signing in with a passkey, alone or as the second step. */
  readonly passkeys: Passkeys;
  /** Self-registration; undefined when SIGNUP is off. */
  readonly signup: SignUpDeps | undefined;
  /** ISSUER's path, for links into the provider's own routes. */
  readonly basePath: string;
}

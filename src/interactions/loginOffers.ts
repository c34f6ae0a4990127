// What the login page offers besides signing in, decided once: "Forgot password?" when mail can be
// sent, "Create an account" when SIGNUP is on. Every place that renders the login page shows these.
import type { ResetRequestDeps } from '../accounts/requestPasswordReset.js';
import type { SignUpDeps } from '../accounts/signUp.js';

export interface LoginOffers {
  readonly canReset: boolean;
  readonly canSignUp: boolean;
}

export function loginOffers(resets: Pick<ResetRequestDeps, 'mailer'>, signup: SignUpDeps | undefined): LoginOffers {
  return { canReset: resets.mailer.available, canSignUp: signup !== undefined };
}

// Self-registration (SIGNUP=true): a person creates their own account from the login page. The
// page reads the same whether or not the email already has an account, and takes about as long (a
// password is hashed either way; mail leaves after the answer): a new account gets a link that
// confirms its address (email_verified stays false until then), an existing one's owner is told
// someone tried, with the way to reset their password. Nobody is signed in by signing up. A bad
// email or a guessable password is said at once, which tells nothing about other accounts.
import type { Refusal } from '../throttle/Refusal.js';
import { AccountError } from './AccountError.js';
import { checkEmail, createAccount } from './createAccount.js';
import { linkMail } from './linkMail.js';
import { hashPassword } from './passwordHasher.js';
import { passwordProblem } from './passwordPolicy.js';
import type { ResetRequestDeps } from './requestPasswordReset.js';

/** What a sign-up needs is what a reset request needs: accounts, links, mail and its throttle. */
export type SignUpDeps = ResetRequestDeps;

export type SignUpOutcome =
  | { readonly outcome: 'mailed' }
  | { readonly outcome: 'refused'; readonly field: 'email' | 'password'; readonly problem: string }
  | { readonly outcome: 'throttled'; readonly refusal: Refusal };

function takenMail(to: string, issuerId: string) {
  const site = new URL(issuerId).host;
  const link = `${issuerId}/account`;
  return {
    to,
    link,
    subject: 'You already have an account',
    text:
      `Someone, hopefully you, tried to create an account at ${site} with ${to}. You already have one.\n\n` +
      'If you forgot its password, choose "Forgot password?" on the sign-in page. If it was not you, ignore this mail.\n',
  };
}

export async function signUp(
  deps: SignUpDeps,
  input: { readonly email: string; readonly password: string; readonly name?: string | undefined },
  who: { readonly address: string; readonly requestId?: string | undefined },
): Promise<SignUpOutcome> {
  const facts = { address: who.address, requestId: who.requestId };
  let email: string;
  try {
    email = checkEmail(input.email);
  } catch (error) {
    if (error instanceof AccountError) return { outcome: 'refused', field: 'email', problem: error.message };
    throw error;
  }
  const refusal = await deps.throttle.admitRequest(email, who.address);
  if (refusal) return { outcome: 'throttled', refusal };
  const name = input.name?.trim() || undefined;
  const problem = await passwordProblem(input.password, [email, ...(name ? [name] : [])]);
  if (problem) return { outcome: 'refused', field: 'password', problem };

  const existing = await deps.store.accounts.findByEmail(email);
  if (existing) {
    await hashPassword(input.password); // the same work as a new account, so the time tells nothing
    deps.audit.record({ event: 'signup.email_taken', outcome: 'failure', accountId: existing.accountId, ...facts });
    deps.mailer.send(takenMail(existing.email, deps.issuerId)).catch(deps.mailFailed);
    return { outcome: 'mailed' };
  }
  const change = { audit: deps.audit, actor: 'signup', ...facts };
  const account = await createAccount(
    deps.store.accounts,
    { email, password: input.password, name, emailVerified: false },
    change,
  ).catch((error: unknown) => {
    if (error instanceof AccountError && error.code === 'email_taken') return undefined; // a race: as taken
    throw error;
  });
  if (account) {
    deps.audit.record({ event: 'account.signed_up', outcome: 'success', accountId: account.accountId, ...facts });
    const token = await deps.links.issue('EmailVerification', account);
    deps.mailer.send(linkMail('EmailVerification', account.email, deps.issuerId, token)).catch(deps.mailFailed);
  }
  return { outcome: 'mailed' };
}

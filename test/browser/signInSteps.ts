// What a person does on the provider's pages, as Playwright steps: type the email and password
// into the labelled fields and press "Sign in"; press "Allow" or "Deny" on the consent page. Each
// step waits for the page it acts on, so a test can chain them.
import type { Page } from 'playwright-core';
import { ADA } from '../helpers/world.js';

export async function logIn(page: Page, email = ADA.email, password = ADA.password): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function answerConsent(page: Page, answer: 'Allow' | 'Deny'): Promise<void> {
  await page.getByRole('button', { name: answer, exact: true }).click();
}

/**
 * Allow on the consent page if it asks (an app allowed before is not asked again); returns once the
 * browser has left the provider for the client.
 */
export async function allowIfAsked(page: Page, providerOrigin: string): Promise<void> {
  const allow = page.getByRole('button', { name: 'Allow', exact: true });
  const left = (url: URL) => url.origin !== providerOrigin;
  const waiting = [allow.waitFor().then(() => true), page.waitForURL(left).then(() => false)];
  for (const each of waiting) each.catch(() => {}); // the one that loses times out later, unobserved
  const asked = await Promise.race(waiting);
  if (asked) await answerConsent(page, 'Allow');
  await page.waitForURL(left);
}

/** Login, then consent with Allow when asked; the browser ends up at the client's redirect URI. */
export async function signInAndAllow(page: Page, authorizationUrl: string): Promise<void> {
  await page.goto(authorizationUrl);
  await logIn(page);
  await allowIfAsked(page, new URL(authorizationUrl).origin);
}

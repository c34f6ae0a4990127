// TOTP (RFC 6238) as authenticator apps do it: SHA-1, 6 digits, 30-second steps, a 160-bit secret
// in base32. A code is accepted from the step before to the step after the current one (clock
// drift); the step it matched is returned so a replay of that code can be refused.
import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;
const WINDOW = 1;

const totp = (secret: string, label = '', issuer = '') =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, label, issuer });

/** A new random secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (from the QR code). */
export function totpUri(secret: string, email: string, issuer: string): string {
  return totp(secret, email, issuer).toString();
}

/** The time step the code belongs to, or undefined when it is not a current code for the secret. */
export function totpStep(secret: string, code: string, now: number): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totp(secret).validate({ token, timestamp: now, window: WINDOW });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** The code for a moment (for tests and for nothing else). */
export function totpCode(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now });
}

// How a sign-in was made, as the ID token says it: `amr` (RFC 8176 values) and `acr`, the level
// this provider advertises in acr_values_supported.

export const ACR_PASSWORD = 'urn:ostiary:acr:password';
/** Two factors: a password and a one-time code, or a passkey (which is both). */
export const ACR_MFA = 'urn:ostiary:acr:mfa';
export const ACR_VALUES = [ACR_PASSWORD, ACR_MFA] as const;

export interface HowSignedIn {
  readonly amr: string[];
  readonly acr: string;
}

export const passwordLogin = (): HowSignedIn => ({ amr: ['pwd'], acr: ACR_PASSWORD });
export const passwordAndOtpLogin = (): HowSignedIn => ({ amr: ['pwd', 'otp', 'mfa'], acr: ACR_MFA });
/** A passkey alone: something the person has, unlocked by them (user verification). */
export const passkeyLogin = (): HowSignedIn => ({ amr: ['hwk', 'user'], acr: ACR_MFA });
export const passwordAndPasskeyLogin = (): HowSignedIn => ({ amr: ['pwd', 'hwk', 'user', 'mfa'], acr: ACR_MFA });

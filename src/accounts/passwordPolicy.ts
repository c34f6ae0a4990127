// What a password must be: at least 8 characters after Unicode NFKC normalisation (NIST SP
// 800-63B 5.1.1.2), so the same password typed on different keyboards hashes the same. Long
// passwords are welcome; the cap only keeps a single hash from being a denial of service.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Undefined when acceptable, else a sentence saying why not. */
export function passwordProblem(password: string): string | undefined {
  const length = [...normalizePassword(password)].length;
  if (length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

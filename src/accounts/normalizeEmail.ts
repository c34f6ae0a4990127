// The form of an email address used for uniqueness and look-up: Unicode NFC, trimmed,
// lower-cased. The address as entered is kept for display.

export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

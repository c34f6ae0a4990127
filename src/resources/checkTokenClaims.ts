// Which account claims an API's access tokens carry (`resource add|update --claims`): `roles`,
// `groups`, and attribute keys (each becomes a claim of that name). Checked once here.
import { ATTRIBUTE_KEY, RESERVED_CLAIMS } from '../accounts/claimNames.js';
import { ResourceError } from './ResourceError.js';

const LISTS = ['roles', 'groups'];

export function checkTokenClaims(claims: readonly string[]): string[] {
  const unique = [...new Set(claims.map((claim) => claim.trim()).filter(Boolean))];
  for (const claim of unique) {
    if (LISTS.includes(claim)) continue;
    if (!ATTRIBUTE_KEY.test(claim) || RESERVED_CLAIMS.has(claim)) {
      throw new ResourceError(
        'invalid',
        'claims',
        `"${claim}" is neither roles, groups nor an attribute key (a letter, then letters, digits or _, not a standard claim)`,
      );
    }
  }
  return unique;
}

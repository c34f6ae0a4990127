// A browser origin allowed to call the token endpoint with CORS: scheme, host and optional port,
// nothing else. Accepted only when it is already in the form browsers send (a trailing slash aside).
import { ClientError } from './ClientError.js';

export function checkOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const web = url?.protocol === 'https:' || url?.protocol === 'http:';
  if (!url || !web || url.origin !== value.replace(/\/$/, '')) {
    const hint = url && web ? ` (did you mean ${url.origin}?)` : '';
    throw new ClientError(
      'invalid',
      'cors_origins',
      `an origin such as https://app.example.com (no path, query or fragment), got "${value}"${hint}`,
    );
  }
  return url.origin;
}

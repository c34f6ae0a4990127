// A redirect or post-logout redirect URI a client registers. Web clients: absolute http(s) URLs.
// Native clients (--native, RFC 8252): also loopback http and private-use schemes such as
// com.example.app:/callback. Never a fragment. Returned as given: matching is exact.
import { UsageError } from './errors.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// oidc-provider refuses these schemes for native clients; a browser would run or read them locally.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:', 'blob:', 'file:', 'about:']);

export function checkRedirectUri(flag: string, uri: string, native: boolean): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new UsageError(flag, `an absolute URL such as https://app.example.com/callback, got "${uri}"`);
  }
  if (uri.includes('#')) throw new UsageError(flag, `must not contain a fragment (#), got "${uri}"`);
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  if (web && !/^https?:\/\/[^/?#]/i.test(uri)) {
    throw new UsageError(flag, `an absolute URL such as https://app.example.com/callback, got "${uri}"`);
  }
  if (!native) {
    if (!web) {
      throw new UsageError(flag, `an http(s) URL, got "${uri}" (a native app's private-use scheme needs --native)`);
    }
    return uri;
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    throw new UsageError(flag, `a native client may use http only on a loopback host (127.0.0.1, [::1]), got "${uri}"`);
  }
  if (url.protocol === 'https:' && loopback) {
    throw new UsageError(flag, `a native client's https URL must not be on a loopback host, got "${uri}"`);
  }
  if (!web && (FORBIDDEN_SCHEMES.has(url.protocol) || !url.protocol.includes('.'))) {
    throw new UsageError(
      flag,
      `a private-use scheme must be a reversed domain name such as com.example.app:/callback, got "${uri}"`,
    );
  }
  return uri;
}

// A redirect or post-logout redirect URI a client registers. Web clients: absolute https URLs, or
// http ones outside production. Native clients (RFC 8252): also loopback http and private-use
// schemes such as com.example.app:/callback. Never a fragment. Returned as given: matching is
// exact. In production a plain-http URI is refused unless it is a native client's loopback one
// (RFC 9700 2.6: codes must not travel in the clear).
import { ClientError, type ClientField } from './ClientError.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// oidc-provider refuses these schemes for native clients; a browser would run or read them locally.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:', 'blob:', 'file:', 'about:']);

export interface RedirectRules {
  readonly native: boolean;
  readonly production: boolean;
}

export function checkRedirectUri(field: ClientField, uri: string, { native, production }: RedirectRules): string {
  const refuse = (problem: string) => {
    throw new ClientError('invalid', field, problem);
  };
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return refuse(`an absolute URL such as https://app.example.com/callback, got "${uri}"`);
  }
  if (uri.includes('#')) refuse(`must not contain a fragment (#), got "${uri}"`);
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  if (web && !/^https?:\/\/[^/?#]/i.test(uri)) {
    refuse(`an absolute URL such as https://app.example.com/callback, got "${uri}"`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (!native) {
    if (!web) refuse(`an http(s) URL, got "${uri}" (a native app's private-use scheme needs --native)`);
    if (production && url.protocol === 'http:') {
      refuse(`an https URL when NODE_ENV=production, got "${uri}" (only a native app may use http, on loopback)`);
    }
    return uri;
  }
  if (url.protocol === 'http:' && !loopback) {
    refuse(`a native client may use http only on a loopback host (127.0.0.1, [::1]), got "${uri}"`);
  }
  if (url.protocol === 'https:' && loopback) {
    refuse(`a native client's https URL must not be on a loopback host, got "${uri}"`);
  }
  if (!web && (FORBIDDEN_SCHEMES.has(url.protocol) || !url.protocol.includes('.'))) {
    refuse(`a private-use scheme must be a reversed domain name such as com.example.app:/callback, got "${uri}"`);
  }
  return uri;
}

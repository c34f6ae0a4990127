// Makes ISSUER the only source of the URLs the provider builds. Before anything reads a request,
// Host and X-Forwarded-Proto are set from the issuer and X-Forwarded-Host is dropped, so a forged
// header cannot change discovery, redirects or cookie scope. X-Forwarded-For survives only when
// TRUST_PROXY says a proxy we trust wrote it.
import type { IncomingMessage } from 'node:http';

export function pinIssuerHost(issuer: URL, trustProxy: boolean) {
  const host = issuer.host;
  const proto = issuer.protocol.slice(0, -1);
  return function pin(req: IncomingMessage): void {
    const { headers } = req;
    headers.host = host;
    headers['x-forwarded-proto'] = proto;
    delete headers['x-forwarded-host'];
    delete headers.forwarded;
    if (!trustProxy) delete headers['x-forwarded-for'];
  };
}

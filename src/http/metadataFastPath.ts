// Answers GET /jwks and GET /.well-known/openid-configuration straight from node:http with
// precomputed bytes, before Koa: resource servers and clients fetch these more than anything
// else, and a Koa context plus the middleware chain would cost more than the answer itself.
// Returns the route it answered ('jwks' or 'discovery'), undefined for every other request (and
// for discovery until its bytes are known).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DISCOVERY_PATH } from './discoveryCache.js';
import { JWKS_PATH } from './jwksDocument.js';
import type { StaticDocument } from './staticDocument.js';

export function metadataFastPath(documents: {
  readonly jwks: () => StaticDocument;
  readonly discovery: () => StaticDocument | undefined;
}) {
  return function serveMetadata(req: IncomingMessage, res: ServerResponse): 'jwks' | 'discovery' | undefined {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    const path = req.url?.split('?', 1)[0];
    const route = path === JWKS_PATH ? 'jwks' : path === DISCOVERY_PATH ? 'discovery' : undefined;
    const document = route === 'jwks' ? documents.jwks() : route === 'discovery' ? documents.discovery() : undefined;
    if (!route || !document) return undefined;
    if (req.headers['if-none-match'] === document.etag) {
      res.writeHead(304, { etag: document.etag, 'cache-control': document.headers['cache-control'] as string });
      res.end();
      return route;
    }
    res.writeHead(200, document.headers);
    res.end(req.method === 'HEAD' ? undefined : document.body);
    return route;
  };
}

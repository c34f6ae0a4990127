// Answers GET /jwks and GET /.well-known/openid-configuration straight from node:http with
// precomputed bytes, before Koa: resource servers and clients fetch these more than anything
// else, and a Koa context plus the middleware chain would cost more than the answer itself.
// Returns false for every other request (and for discovery until its bytes are known).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DISCOVERY_PATH } from './discoveryCache.js';
import { JWKS_PATH } from './jwksDocument.js';
import type { StaticDocument } from './staticDocument.js';

export function metadataFastPath(documents: {
  readonly jwks: () => StaticDocument;
  readonly discovery: () => StaticDocument | undefined;
}) {
  return function serveMetadata(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = req.url?.split('?', 1)[0];
    const document =
      path === JWKS_PATH ? documents.jwks() : path === DISCOVERY_PATH ? documents.discovery() : undefined;
    if (!document) return false;
    if (req.headers['if-none-match'] === document.etag) {
      res.writeHead(304, { etag: document.etag, 'cache-control': document.headers['cache-control'] as string });
      res.end();
      return true;
    }
    res.writeHead(200, document.headers);
    res.end(req.method === 'HEAD' ? undefined : document.body);
    return true;
  };
}

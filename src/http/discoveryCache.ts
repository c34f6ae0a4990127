// The discovery document as bytes, computed once per provider instance. oidc-provider rebuilds it
// on every request (about 7,000 req/s here); it depends only on the configuration and ISSUER
// (Host is pinned), so the provider's first answer is kept and metadataFastPath serves it from
// then on. A rebuilt provider (key rotation) answers afresh once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { type StaticDocument, staticDocument } from './staticDocument.js';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
const MAX_AGE = 5 * 60; // 5 minutes: the document only changes with the configuration

type Callback = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface DiscoveryCache {
  /** The kept document of the current provider, once its first answer went out. */
  current(): StaticDocument | undefined;
  /** Wraps a provider instance's request listener so its first 200 discovery answer is kept. */
  keeping(instance: Provider, callback: Callback): Callback;
}

export function discoveryCache(provider: () => Provider): DiscoveryCache {
  const cache = new WeakMap<Provider, StaticDocument>();
  return {
    current: () => cache.get(provider()),
    keeping(instance, callback) {
      return (req, res) => {
        const isDiscovery = req.method === 'GET' && req.url?.split('?', 1)[0] === DISCOVERY_PATH;
        if (isDiscovery && !cache.has(instance)) {
          keepAnswer(res, (body) =>
            cache.set(instance, staticDocument(body, 'application/json; charset=utf-8', MAX_AGE)),
          );
        }
        return callback(req, res);
      };
    },
  };
}

/** Hands the bytes of a 200 answer, as they are sent, to `keep`. */
function keepAnswer(res: ServerResponse, keep: (body: Buffer) => void) {
  const end = res.end;
  res.end = function endAndKeep(this: ServerResponse, ...args: unknown[]) {
    const [chunk] = args;
    if (res.statusCode === 200 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) keep(Buffer.from(chunk));
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];
}

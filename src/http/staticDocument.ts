// A public JSON document served from fixed bytes (JWKS, discovery), with the headers that let
// clients cache and revalidate it.
import { createHash } from 'node:crypto';

export interface StaticDocument {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly etag: string;
}

export function staticDocument(body: Buffer, contentType: string, maxAgeSeconds: number): StaticDocument {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return {
    body,
    etag,
    headers: {
      'content-type': contentType,
      'content-length': String(body.length),
      'cache-control': `public, max-age=${maxAgeSeconds}`,
      etag,
      'access-control-allow-origin': '*', // public metadata, for browsers and servers alike
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    },
  };
}

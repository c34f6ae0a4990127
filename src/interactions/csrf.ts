// CSRF protection for interaction forms. The token is an HMAC of the interaction uid under the
// cookie secrets, so only a page we rendered for this interaction can carry it; the interaction
// cookie already binds the browser. Fetch metadata, when the browser sends it, must say the form
// came from our own origin.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';

const tokenFor = (secret: string, uid: string) =>
  createHmac('sha256', secret).update(`ostiary-csrf:${uid}`).digest('base64url');

export interface Csrf {
  token(uid: string): string;
  /** True when the request carries a valid token for this interaction and is not cross-site. */
  verify(ctx: Context, uid: string, token: unknown): boolean;
}

/** `secrets` gives the cookie secrets in force (they rotate): the first signs, all verify. */
export function csrf(secrets: () => readonly string[]): Csrf {
  return {
    token: (uid) => tokenFor(secrets()[0] ?? '', uid),
    verify(ctx, uid, token) {
      const site = ctx.get('Sec-Fetch-Site');
      if (site && site !== 'same-origin') return false;
      if (typeof token !== 'string') return false;
      const given = Buffer.from(token);
      return secrets().some((secret) => {
        const expected = Buffer.from(tokenFor(secret, uid));
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
    },
  };
}

// Opaque access, client-credentials and refresh tokens say what they are: `ost_at_`, `ost_cc_` or
// `ost_rt_` before oidc-provider's 256 random bits. oidc-provider, handed a token without its type
// (introspection and revocation; a token_type_hint is optional and may be wrong), looks it up as
// all three kinds at once; with the prefix, the look-ups for the other two kinds answer "not found"
// without touching the store, so every token costs one store read (issue 13). The prefixes also let
// secret scanners (GitHub's custom patterns, gitleaks) recognise a leaked token:
// `ost_(at|cc|rt)_[A-Za-z0-9_-]{43}`.
//
// The prefix is part of the value the store keeps a keyed hash of, so changing it finds nothing. A
// token issued before prefixes (43 characters, none of them) is looked up as every kind, as before.
import type Provider from 'oidc-provider';

const PREFIXES: Readonly<Record<string, string>> = {
  AccessToken: 'ost_at_',
  ClientCredentials: 'ost_cc_',
  RefreshToken: 'ost_rt_',
};
/** The model each prefix names. */
const KINDS = new Map(Object.entries(PREFIXES).map(([model, prefix]) => [prefix, model]));
/** A prefixed id: the prefix and oidc-provider's 43 characters (no unprefixed id is this long). */
const TYPED = new RegExp(`^(${[...KINDS.keys()].join('|')})[A-Za-z0-9_-]{43}$`);

type Generates = { generateTokenId(this: { format?: string }): string };

export const typedTokenIds = {
  /** Makes the provider's opaque tokens of those kinds carry their prefix. */
  install(provider: Provider): void {
    for (const [model, prefix] of Object.entries(PREFIXES)) {
      const prototype = (provider as unknown as Record<string, { prototype: Generates }>)[model]?.prototype;
      if (!prototype) throw new Error(`oidc-provider has no ${model} model`);
      const generate = prototype.generateTokenId;
      prototype.generateTokenId = function generateTokenId() {
        const id = generate.call(this);
        // A JWT access token's jti is never presented on its own: it stays as it is.
        return this.format === 'jwt' ? id : prefix + id;
      };
    }
  },

  /** False when `id` says it is a token of another kind than `model`: no need to look it up. */
  mayBe(model: string, id: string): boolean {
    if (!Object.hasOwn(PREFIXES, model)) return true;
    const prefix = TYPED.exec(id)?.[1];
    return prefix === undefined || KINDS.get(prefix) === model;
  },
};

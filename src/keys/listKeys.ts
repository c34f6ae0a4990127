// Every signing key and cookie secret with its state and planned transition. Only public facts are
// copied out of each record (kid, algorithm, state, times), so no private JWK member or secret can
// ever be shown, by the CLI or the admin API.
import type { Store } from '../store/Store.js';
import { asCookieKeySet } from './loadCookieKeys.js';
import {
  COOKIE_KEYS_SETTING,
  type CookieKeySet,
  type Lifecycle,
  SIGNING_KEYS_SETTING,
  type SigningKeySet,
} from './SigningKeyRecord.js';

export interface KeyFacts {
  readonly kid: string;
  /** The signing algorithm, or `cookie`. */
  readonly alg: string;
  readonly state: Lifecycle['state'];
  readonly createdAt: string;
  /** What happens to it next, and when (ISO 8601). */
  readonly transition?: { readonly next: 'current' | 'removed'; readonly at: string | undefined };
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function transition({ state, activatesAt, removeAt }: Lifecycle) {
  if (state === 'next') return { next: 'current' as const, at: iso(activatesAt) };
  if (state === 'retired') return { next: 'removed' as const, at: iso(removeAt) };
  return undefined;
}

const facts = (key: Lifecycle) => {
  const next = transition(key);
  return { state: key.state, createdAt: new Date(key.createdAt).toISOString(), ...(next ? { transition: next } : {}) };
};

export async function listKeys(store: Pick<Store, 'settings'>): Promise<KeyFacts[]> {
  const signing = await store.settings.get<SigningKeySet>(SIGNING_KEYS_SETTING);
  const cookies = await store.settings.get<CookieKeySet | string[]>(COOKIE_KEYS_SETTING);
  return [
    ...(signing?.keys ?? []).map((key) => ({ kid: key.kid, alg: key.alg as string, ...facts(key) })),
    ...(cookies ? asCookieKeySet(cookies).keys : []).map((key) => ({ kid: key.id, alg: 'cookie', ...facts(key) })),
  ];
}

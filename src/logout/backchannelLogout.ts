// Tells apps that a person signed out, server to server (OpenID Connect Back-Channel Logout 1.0):
// a signed logout token POSTed to each app's back-channel logout URI. Never on the person's path:
// the caller learns who is to be told and goes on while the tokens travel. Each delivery has a
// timeout and a bounded number of retries (a network error, a timeout, a 5xx, 408 or 429; another
// 4xx is the app refusing the token, and final); every outcome is reported (audited, and a
// failure logged). The tokens are signed with the key ring as it is when the sign-out happens.
import type { SigningKeySet } from '../keys/SigningKeyRecord.js';
import type { ClientStore } from '../store/Store.js';
import type { EndedAccess, SignedOut } from './EndedAccess.js';
import { type LogoutNotice, logoutNotices } from './logoutNotices.js';
import { logoutToken } from './logoutToken.js';
import { postForm } from './postForm.js';

export interface DeliveryPolicy {
  /** How long one attempt may take. */
  readonly timeoutMs: number;
  /** The wait before each retry: its length is the number of retries. */
  readonly retryDelaysMs: readonly number[];
}

/** On a server: four attempts over about 45 seconds, five seconds each. */
export const SERVER_DELIVERY: DeliveryPolicy = { timeoutMs: 5000, retryDelaysMs: [2000, 10_000, 30_000] };
/** From the command line, where an operator waits: three attempts over about 20 seconds at most. */
export const COMMAND_LINE_DELIVERY: DeliveryPolicy = { timeoutMs: 5000, retryDelaysMs: [1000, 3000] };

export interface DeliveryOutcome {
  readonly notice: LogoutNotice;
  readonly delivered: boolean;
  readonly attempts: number;
  /**
   * Why the last attempt failed: `status_500`, `timeout`, `network_error`, `refused_address` (a
   * self-registered app's URL on a private address), `signing_failed`.
   */
  readonly reason?: string | undefined;
}

export interface BackchannelDeps {
  readonly clients: Pick<ClientStore, 'get'>;
  /** The key ring's signing keys as they are now. */
  readonly signingKeys: () => SigningKeySet | Promise<SigningKeySet>;
  readonly issuer: string;
  readonly policy: DeliveryPolicy;
  /** Epoch milliseconds (the tokens' iat and exp). */
  readonly now: () => number;
  /** Called once per notice when it was delivered or its last attempt failed. */
  readonly report: (outcome: DeliveryOutcome) => void;
  /** Called when the apps to tell could not be known (the store failed): nobody is told. */
  readonly lost: (error: unknown) => void;
}

export interface Backchannel {
  readonly signedOut: SignedOut;
  /** Resolves once every delivery under way has ended (the command line waits for it). */
  settled(): Promise<void>;
  /** How many deliveries are under way (a server says so when it stops: their retries are lost). */
  pending(): number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Worth another attempt: the app or the way to it may recover; a 4xx refusal will not. */
const retryable = (reason: string) =>
  (!['refused_address', 'signing_failed'].includes(reason) && !/^status_4\d\d$/.test(reason)) ||
  ['status_408', 'status_429'].includes(reason);

export function backchannelLogout(deps: BackchannelDeps): Backchannel {
  const underway = new Set<Promise<void>>();

  async function attempt(notice: LogoutNotice, token: string): Promise<string | undefined> {
    const outcome = await postForm(
      notice.uri,
      { logout_token: token },
      { timeoutMs: deps.policy.timeoutMs, publicOnly: notice.publicOnly },
    );
    if ('failure' in outcome) return outcome.failure;
    return outcome.status === 200 || outcome.status === 204 ? undefined : `status_${outcome.status}`;
  }

  async function deliver(notice: LogoutNotice, keys: SigningKeySet): Promise<void> {
    let reason: string | undefined;
    let attempts = 0;
    for (const delay of [0, ...deps.policy.retryDelaysMs]) {
      if (delay) await pause(delay);
      attempts += 1;
      // A fresh token each time: its jti is new and its two minutes start now.
      const token = await logoutToken(notice, keys, deps.issuer, deps.now()).catch(() => undefined);
      reason = token === undefined ? 'signing_failed' : await attempt(notice, token);
      if (reason === undefined) return deps.report({ notice, delivered: true, attempts });
      if (!retryable(reason)) break;
    }
    deps.report({ notice, delivered: false, attempts, reason });
  }

  function track(delivery: Promise<void>) {
    underway.add(delivery);
    void delivery.finally(() => underway.delete(delivery));
  }

  return {
    async signedOut(ended: EndedAccess) {
      try {
        const notices = await logoutNotices(ended, deps.clients);
        if (notices.length === 0) return;
        const keys = await deps.signingKeys();
        for (const notice of notices) track(deliver(notice, keys).catch(() => undefined));
      } catch (error) {
        deps.lost(error); // the sign-out itself stands
      }
    },
    async settled() {
      while (underway.size) await Promise.all(underway);
    },
    pending: () => underway.size,
  };
}

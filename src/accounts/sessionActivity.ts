// When each browser session was last used, and with which browser, for the account page: kept
// beside the session under its uid (not the session's own record, whose fields oidc-provider owns),
// as long as a session can live. A busy session is written at most once a minute per instance.
import type { ArtifactStore } from '../store/Store.js';
import { describeBrowser } from './describeBrowser.js';

const MODEL = 'SessionSeen';
const WRITE_EVERY_MS = 60_000;
const REMEMBERED = 10_000; // sessions this instance remembers writing for; the oldest go first

export interface SessionSeen {
  readonly browser: string;
  /** Epoch ms. */
  readonly seenAt: number;
}

export interface SessionActivity {
  /** The session was used now, from this User-Agent. */
  seen(sessionUid: string, userAgent: string | undefined): Promise<void>;
  lastSeen(sessionUid: string): Promise<SessionSeen | undefined>;
}

export function sessionActivity(artifacts: ArtifactStore, ttlSeconds: number, now: () => number): SessionActivity {
  const written = new Map<string, number>();
  return {
    async seen(uid, userAgent) {
      const at = now();
      const last = written.get(uid);
      if (last !== undefined && at - last < WRITE_EVERY_MS) return;
      if (written.size >= REMEMBERED) written.delete(written.keys().next().value as string);
      written.set(uid, at);
      await artifacts.upsert(MODEL, uid, { browser: describeBrowser(userAgent), seenAt: at }, ttlSeconds);
    },
    async lastSeen(uid) {
      const payload = await artifacts.find(MODEL, uid);
      return payload && typeof payload.seenAt === 'number'
        ? { browser: String(payload.browser ?? 'A browser'), seenAt: payload.seenAt }
        : undefined;
    },
  };
}

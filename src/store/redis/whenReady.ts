// Waits until a client has connected and passed its ready check. With the offline queue off,
// commands sent before that fail, so callers that start with a burst of reads wait here first.
import { StoreUnavailableError } from '../errors.js';
import type { RedisClient } from './RedisClient.js';

export function whenReady(client: RedisClient, withinMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let lastError: unknown;
    const onError = (error: unknown) => {
      lastError = error;
    };
    const onReady = () => {
      finish();
      resolve();
    };
    const timer = setTimeout(() => {
      finish();
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      reject(new StoreUnavailableError(`Redis was not ready within ${withinMs} ms${reason}`, { cause: lastError }));
    }, withinMs);
    const finish = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
    };
    client.on('error', onError);
    client.once('ready', onReady);
  });
}

// Runs a MULTI and returns its replies, throwing the first per-command error. ioredis resolves a
// transaction even when one of its commands failed (WRONGTYPE, OOM), so each reply must be checked.
import type { ChainableCommander } from 'ioredis';

export async function execAll(transaction: ChainableCommander): Promise<unknown[]> {
  const replies = await transaction.exec();
  if (!replies) throw new Error('the Redis transaction was aborted'); // only WATCH aborts, and we never WATCH
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

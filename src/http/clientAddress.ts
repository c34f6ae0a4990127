// The client address as Koa computes it here (proxy on, maxIpsCount 1; see createApp): the last
// X-Forwarded-For entry, the one our own proxy wrote, when TRUST_PROXY kept the header
// (pinIssuerHost drops it otherwise), else the socket's peer.
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  return last || req.socket.remoteAddress || '';
}

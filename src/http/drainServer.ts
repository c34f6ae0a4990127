// Shuts a server down without losing a request it accepted. It stops listening at once, so new
// connections are refused. Connections already open stay: a request that arrives on one is
// answered, with `Connection: close` (see requestHandler), and the connection then closes; one
// left idle closes at the server's keep-alive timeout (5 s). node:http's own close() would instead
// drop idle keep-alive connections at once, and with them a request a client is sending on one
// at that moment. Requests in flight get up to `graceMs`; the connections still open then are
// cut. Resolves with how many were cut.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';

export async function drainServer(server: Server, graceMs: number): Promise<number> {
  const closed = once(server, 'close');
  NetServer.prototype.close.call(server); // stop listening; keep the connections
  let cut = 0;
  const deadline = setTimeout(() => {
    server.getConnections((_error, count) => {
      cut = count;
      server.closeAllConnections();
    });
  }, graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(deadline);
  }
  return cut;
}

// A TCP port nobody listens on right now, for servers the tests and the benchmark start. It is
// drawn from below the kernel's ephemeral range (32768 and up here), where servers that listen on
// port 0 (the tests' own receivers) and outgoing connections get theirs: a port handed out here
// cannot be taken by one of those before its server starts listening.
import { createServer } from 'node:net';

const FIRST = 20_000;
const LAST = 32_000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (;;) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (await bindable(port)) return port;
  }
}

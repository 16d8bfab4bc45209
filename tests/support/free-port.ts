import { createServer } from 'node:net';

/**
 * Ports handed out from below Linux's ephemeral range (32768–60999 by default,
 * /proc/sys/net/ipv4/ip_local_port_range): the kernel gives those to every
 * outgoing connection, so a port chosen there and bound seconds later (after a
 * build) may meanwhile be the local end of some other test's connection.
 * Below the range only an explicit bind takes a port.
 */
const [lowest, highest] = [20_000, 32_767];

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1, outside the ephemeral range, that was free a moment ago. Throws after 200 taken ports. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = lowest + Math.floor(Math.random() * (highest - lowest + 1));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${lowest} and ${highest}`);
}

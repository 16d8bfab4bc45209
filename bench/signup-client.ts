/**
 * The load generator of the sign-up burst (bench/signups.ts), in a process
 * of its own so it does not share the server's event loop:
 *   node bench/signup-client.ts <origin> <programme> <clients> <requests> <tag>
 * Each of <clients> connections sends JSON sign-ups one after another until
 * <requests> have been sent in all; every request comes from its own
 * address (X-Forwarded-For, trusted by the bench server), as a crowd of
 * residents would. Prints one JSON line: wall time, latencies, statuses, and
 * when the last answer came (`lastAnsweredAt`, ms since 1970, for the mail lag).
 */
import { Agent, request } from 'node:http';

const [origin = '', programme = '', clientsArg = '200', requestsArg = '1000', tag = 'x'] = process.argv.slice(2);
const clients = Number(clientsArg);
const total = Number(requestsArg);
const url = new URL('/api/zapisy', origin);
const agent = new Agent({ keepAlive: true, maxSockets: clients });

let next = 0;
const latencies: number[] = [];
const statuses: Record<string, number> = {};
let lastAnsweredAt = 0;

function send(n: number): Promise<void> {
  const body = JSON.stringify({ programme, email: `osoba.${tag}.${n}@example.pl`, name: 'Zażółć Gęślą', consent: 'tak', website: '' });
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'X-Forwarded-For': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          lastAnsweredAt = Math.max(lastAnsweredAt, Date.now());
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          resolve();
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      latencies.push(performance.now() - started);
      statuses[error.code ?? 'error'] = (statuses[error.code ?? 'error'] ?? 0) + 1;
      resolve();
    });
    req.end(body);
  });
}

async function client(): Promise<void> {
  for (let n = next++; n < total; n = next++) await send(n);
}

const started = performance.now();
await Promise.all(Array.from({ length: clients }, client));
const wallMs = performance.now() - started;
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
console.log(JSON.stringify({ wallMs, sent: latencies.length, statuses, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN, lastAnsweredAt }));

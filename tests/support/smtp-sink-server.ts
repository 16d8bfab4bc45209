/**
 * A real SMTP server process for the mail tests (smtp-server):
 *   node smtp-sink-server.ts <port> <folder> [<drop after>]
 * Accepts every message on 127.0.0.1:<port> and writes it, raw, to
 * <folder>/<ms since 1970>-<uuid>.eml before acknowledging it, so a message
 * the client saw accepted is always on disk. Prints "ready" once listening.
 *
 * With <drop after> = N, every connection is cut after it carried N
 * messages, before the next one is accepted: odd connections (1st, 3rd, …)
 * as the next message's DATA arrives, even ones at its MAIL FROM, right
 * after the previous 250. Nothing of the cut message is stored; each cut
 * leaves an empty <folder>/<uuid>.drop file, so a test can tell cuts happened.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

const [port = '0', folder = '.', dropArg = '0'] = process.argv.slice(2);
const dropAfter = Number(dropArg);

// The sockets by the client's port, so a session can be cut; and how many messages each carried.
const sockets = new Map<number, { socket: Socket; number: number; accepted: number }>();
let connections = 0;

/** Cuts the session's connection if it has carried its N messages; true when it did. */
function cut(session: SMTPServerSession, at: 'data' | 'mail'): boolean {
  const entry = sockets.get(session.remotePort);
  if (!dropAfter || !entry || entry.accepted < dropAfter) return false;
  if ((entry.number % 2 === 1 ? 'data' : 'mail') !== at) return false;
  entry.socket.destroy();
  void writeFile(join(folder, `${randomUUID()}.drop`), '');
  return true;
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  // Stopping plays an outage: drop open connections at once (the sender keeps one open between
  // messages) instead of waiting the default 30 s for them to close.
  closeTimeout: 100,
  logger: false,
  onMailFrom(_address, session, callback) {
    if (!cut(session, 'mail')) callback();
  },
  onData(stream, session, callback) {
    if (cut(session, 'data')) {
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      writeFile(join(folder, `${Date.now()}-${randomUUID()}.eml`), Buffer.concat(chunks)).then(() => {
        const entry = sockets.get(session.remotePort);
        if (entry) entry.accepted++;
        callback();
      }, callback);
    });
  },
});

server.server.on('connection', (socket: Socket) => {
  const remotePort = socket.remotePort ?? 0;
  sockets.set(remotePort, { socket, number: ++connections, accepted: 0 });
  socket.once('close', () => sockets.delete(remotePort));
});
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

/**
 * A real SMTP server process for the mail tests (smtp-server):
 *   node smtp-sink-server.ts <port> <folder>
 * Accepts every message on 127.0.0.1:<port> and writes it, raw, to
 * <folder>/<n>.eml before acknowledging it, so a message the client saw
 * accepted is always on disk. Prints "ready" once listening.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const [port = '0', folder = '.'] = process.argv.slice(2);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  // Stopping plays an outage: drop open connections at once (the sender keeps one open between
  // messages) instead of waiting the default 30 s for them to close.
  closeTimeout: 100,
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      writeFile(join(folder, `${Date.now()}-${randomUUID()}.eml`), Buffer.concat(chunks)).then(() => callback(), callback);
    });
  },
});

server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

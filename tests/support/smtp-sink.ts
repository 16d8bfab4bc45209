/**
 * Controls the SMTP server process (smtp-sink-server.ts) from a test: start
 * it, stop it (to play an outage), start it again on the same port, and read
 * what it received, parsed with postal-mime. `dropAfter` makes it cut every
 * connection after that many messages (see smtp-sink-server.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { freePort } from './free-port.ts';

export interface ReceivedEmail {
  raw: string;
  parsed: Email;
}

export interface SmtpSink {
  /** For SMTP_URL; stays the same across restarts. */
  url: string;
  /** Starts the server unless it is running. */
  start(): Promise<void>;
  stop(): Promise<void>;
  received(): Promise<ReceivedEmail[]>;
  /** How many messages are on the server's disk, without reading them. */
  count(): Promise<number>;
  /** When the last message was written (ms since 1970, from its file name), or undefined when none was. */
  lastReceivedAt(): Promise<number | undefined>;
  /** How many connections the server cut (with `dropAfter`). */
  drops(): Promise<number>;
  dispose(): Promise<void>;
}

const script = new URL('./smtp-sink-server.ts', import.meta.url).pathname;

export async function createSmtpSink(options: { dropAfter?: number } = {}): Promise<SmtpSink> {
  const folder = await mkdtemp(join(tmpdir(), 'wspolnie-smtp-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${port}`,
    async start() {
      if (child) return;
      const proc = spawn(process.execPath, [script, String(port), folder, String(options.dropAfter ?? 0)], { stdio: ['ignore', 'pipe', 'inherit'] });
      child = proc;
      await new Promise<void>((resolve, reject) => {
        proc.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        proc.once('exit', (code) => {
          child = undefined;
          reject(new Error(`SMTP server exited with ${code}`));
        });
      });
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    },
    async received() {
      const files = (await readdir(folder)).filter((f) => f.endsWith('.eml')).sort();
      // A few hundred files at a time: tens of thousands at once exhaust the open-file limit.
      const emails: ReceivedEmail[] = [];
      for (let from = 0; from < files.length; from += 256) {
        emails.push(
          ...(await Promise.all(
            files.slice(from, from + 256).map(async (file) => {
              const raw = await readFile(join(folder, file));
              return { raw: raw.toString('latin1'), parsed: await PostalMime.parse(raw) };
            }),
          )),
        );
      }
      return emails;
    },
    async count() {
      return (await readdir(folder)).filter((f) => f.endsWith('.eml')).length;
    },
    async lastReceivedAt() {
      const times = (await readdir(folder)).filter((f) => f.endsWith('.eml')).map((f) => Number(f.split('-')[0]));
      return times.length > 0 ? times.reduce((a, b) => Math.max(a, b)) : undefined;
    },
    async drops() {
      return (await readdir(folder)).filter((f) => f.endsWith('.drop')).length;
    },
    async dispose() {
      await sink.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
  return sink;
}

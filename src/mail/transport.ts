/**
 * The only module that knows nodemailer. With SMTP_URL set, mail goes to
 * that server; without it, to a local sink: each message is written as an
 * .eml file into the data folder's `outbox/` (lib/data-dir.ts;
 * WSPOLNIE_MAIL_SINK_DIR names another folder) and its subject and links
 * are printed, so `npm start` works end to end with no mail server.
 * Neither prints an address.
 *
 * SMTP goes over a pool of connections (SMTP_POOL_SIZE, 5 by default; each
 * carries SMTP_POOL_MESSAGES messages, 100 by default, then reconnects), and
 * the outbox keeps that many emails in flight (`concurrency`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { dataPaths } from '../lib/data-dir.ts';
import { ConfigurationError } from '../lib/secret.ts';
import type { MailTransport, OutgoingEmail } from './outbox.ts';
import { linksIn } from './template.ts';

export type MailEnv = Readonly<Record<string, string | undefined>>;

export interface ConfiguredTransport extends MailTransport {
  /** For the start-up log: "SMTP" or the sink folder; never credentials. */
  readonly description: string;
  /** How many emails it sends at once: the SMTP pool's connections, 1 for the folder. */
  readonly concurrency: number;
  close(): void;
}

/** The pool's shape: connections open at once, and messages each carries before it reconnects. */
export interface PoolSettings {
  connections: number;
  messagesPerConnection: number;
}

/**
 * Five connections: a city's relay (Postfix's default smtpd_client_connection_count_limit
 * is 50, hosted relays commonly allow 5–10 per client) takes them without complaint, and on
 * a local server five already reach nodemailer's own pooled rate. 100 messages per
 * connection is nodemailer's default and below common per-session limits.
 */
export const defaultPool: PoolSettings = { connections: 5, messagesPerConnection: 100 };

/**
 * Reads SMTP_POOL_SIZE (1–50) and SMTP_POOL_MESSAGES (1–100,000); unset means the default.
 * Throws a ConfigurationError with a Polish message naming the variable (never its value) when one is
 * not a whole number in range.
 */
export function poolSettings(env: MailEnv = process.env): PoolSettings {
  return {
    connections: wholeNumber(env, 'SMTP_POOL_SIZE', 1, 50) ?? defaultPool.connections,
    messagesPerConnection: wholeNumber(env, 'SMTP_POOL_MESSAGES', 1, 100_000) ?? defaultPool.messagesPerConnection,
  };
}

function wholeNumber(env: MailEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigurationError(`${name} musi być liczbą całkowitą od ${min} do ${max}.`);
  }
  return value;
}

export const defaultFrom = 'Wspólnie <powiadomienia@wspolnie.localhost>';

export function createMailTransport(env: MailEnv = process.env, print: (line: string) => void = console.log): ConfiguredTransport {
  const from = env['MAIL_FROM']?.trim() || defaultFrom;
  const url = env['SMTP_URL']?.trim();
  // Read even for the folder sink: a malformed setting stops the start (docs/configuration.md), with or without SMTP_URL.
  const pool = poolSettings(env);
  return url ? smtpTransport(url, from, pool) : sinkTransport(dataPaths(env).outbox, from, print);
}

function smtpTransport(url: string, from: string, pool: PoolSettings): ConfiguredTransport {
  const transporter = nodemailer.createTransport({
    url,
    // Connections kept open between messages: opening a new SMTP session per email costs
    // ~100 ms (greeting, EHLO, …); reused, a message takes a few ms. Several of them, because
    // one connection waits on each reply in turn (the outbox keeps `concurrency` in flight).
    pool: true,
    maxConnections: pool.connections,
    maxMessages: pool.messagesPerConnection,
    // Bounded, so a send always ends: the outbox renews its claim meanwhile (outbox.ts).
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    description: 'SMTP',
    concurrency: pool.connections,
    async send(email) {
      await transporter.sendMail(message(email, from));
    },
    close: () => transporter.close(),
  };
}

function sinkTransport(dir: string, from: string, print: (line: string) => void): ConfiguredTransport {
  // streamTransport renders the exact bytes SMTP would carry, without sending them.
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `lokalny folder ${dir}`,
    concurrency: 1,
    async send(email) {
      const info = await transporter.sendMail(message(email, from));
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.id}.eml`);
      await writeFile(file, info.message as Buffer);
      print(`Poczta (bez serwera SMTP): „${email.subject}” zapisana w ${file}`);
      for (const link of linksIn(email.text)) print(`  link: ${link}`);
    },
    close: () => transporter.close(),
  };
}

function message(email: OutgoingEmail, from: string) {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    // Fixed per outbox row, so a repeat after a crash carries the same id.
    messageId: `<${email.id}@${domainOf(from)}>`,
    textEncoding: 'quoted-printable' as const,
    // RFC 8058 one-click unsubscribe (Gmail's and Yahoo's bulk-sender rules ask for it): a POST to the address unsubscribes.
    ...(email.listUnsubscribe ? { headers: { 'List-Unsubscribe': `<${email.listUnsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
  };
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'wspolnie.localhost';
}

/**
 * The only module that knows nodemailer. With SMTP_URL set, mail goes to
 * that server; without it, to a local sink: each message is written as an
 * .eml file into the data folder's `outbox/` (lib/data-dir.ts;
 * WSPOLNIE_MAIL_SINK_DIR names another folder) and its subject and links
 * are printed, so `npm start` works end to end with no mail server.
 * Neither prints an address.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { dataPaths } from '../lib/data-dir.ts';
import type { MailTransport, OutgoingEmail } from './outbox.ts';
import { linksIn } from './template.ts';

export type MailEnv = Readonly<Record<string, string | undefined>>;

export interface ConfiguredTransport extends MailTransport {
  /** For the start-up log: "SMTP" or the sink folder; never credentials. */
  readonly description: string;
  close(): void;
}

export const defaultFrom = 'Wspólnie <powiadomienia@wspolnie.localhost>';

export function createMailTransport(env: MailEnv = process.env, print: (line: string) => void = console.log): ConfiguredTransport {
  const from = env['MAIL_FROM']?.trim() || defaultFrom;
  const url = env['SMTP_URL']?.trim();
  return url ? smtpTransport(url, from) : sinkTransport(dataPaths(env).outbox, from, print);
}

function smtpTransport(url: string, from: string): ConfiguredTransport {
  const transporter = nodemailer.createTransport({
    url,
    // One connection, kept open between messages: opening a new SMTP session per email costs
    // ~100 ms (greeting, EHLO, …), which capped a queue after a sign-up burst at ~9 emails/s;
    // reused, a message takes a few ms. The worker sends one at a time, so one connection is enough.
    pool: true,
    maxConnections: 1,
    // Bounded, so a send always ends well within the outbox claim (5 minutes).
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    description: 'SMTP',
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
  };
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'wspolnie.localhost';
}

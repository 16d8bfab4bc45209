/**
 * The real self-hosted application (src/server/app.ts) for the sign-up
 * scenario tests: a fresh database of the given engine, a real SMTP server
 * process, a catalogue of test programmes with windows around the present,
 * a clock the test can move, and every log line captured.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueOf, type CatalogueEntry, type Enrolment } from '../../src/catalogue/catalogue.ts';
import { linksIn } from '../../src/mail/template.ts';
import { createMailTransport } from '../../src/mail/transport.ts';
import { startApp, type AppOptions, type RunningApp } from '../../src/server/app.ts';
import type { TestEngine, TestDatabase } from './databases.ts';
import type { ReceivedEmail, SmtpSink } from './smtp-sink.ts';

const day = 86_400_000;

export function testEnrolment(overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    opens: new Date(Date.now() - 10 * day),
    closes: new Date(Date.now() + 20 * day),
    mode: 'lottery',
    capacity: 60,
    declarations: [],
    fields: ['name'],
    messageMaxLength: 1000,
    drawSources: [],
    quotas: [],
    ...overrides,
  };
}

const programme = (id: string, title: string, enrolment: Enrolment, closedEarly = false): CatalogueEntry => ({
  id,
  kind: 'programme',
  title,
  page: `/programy/${id}/`,
  closedEarly,
  enrolment,
});

/** The programmes the scenarios sign up for. */
export const testCatalogue = [
  programme(
    'warsztaty-zielone-podworka',
    'Warsztaty „Zielone podwórka” — Dębniki',
    testEnrolment({
      declarations: [{ id: 'udzial-we-wszystkich', text: 'Deklaruję udział we wszystkich trzech warsztatach.' }],
      fields: ['name', 'district', 'phone', 'age-band', 'organisation', 'message'],
      messageMaxLength: 500,
    }),
  ),
  programme('pierwsi-60', 'Spacer badawczy: Nowa Huta (60 miejsc)', testEnrolment({ mode: 'first-come', capacity: 60 })),
  programme('dwa-miejsca', 'Warsztat w małej sali (2 miejsca)', testEnrolment({ mode: 'first-come', capacity: 2 })),
  programme('otwarte', 'Otwarte spotkanie informacyjne', testEnrolment({ mode: 'open', capacity: undefined, fields: [] })),
  programme('jeszcze-nie', 'Nabór, który dopiero się zacznie', testEnrolment({ opens: new Date(Date.now() + 5 * day), closes: new Date(Date.now() + 9 * day) })),
  programme('juz-po', 'Nabór, który się skończył', testEnrolment({ opens: new Date(Date.now() - 9 * day), closes: new Date(Date.now() - 2 * day) })),
  programme('odwolany', 'Program odwołany', testEnrolment(), true),
  {
    id: 'park-za-torami',
    kind: 'consultation',
    title: 'Konsultacje: park za torami',
    page: '/konsultacje/park-za-torami/',
    closedEarly: false,
    enrolment: testEnrolment({ mode: 'open', capacity: undefined, fields: ['message'], messageMaxLength: 2000 }),
  },
] satisfies CatalogueEntry[];

export interface Clock {
  now(): Date;
  /** Moves the clock forward (the worker and the functions see it at once). */
  advance(ms: number): void;
}

export function movableClock(): Clock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export interface EnrolmentApp {
  app: RunningApp;
  origin: string;
  database: TestDatabase;
  clock: Clock;
  /** Every line the app logged. */
  logs: string[];
  /** Emails the SMTP server received for `to`, oldest first. */
  mailTo(to: string): Promise<ReceivedEmail[]>;
  /** Waits until `to` has `count` emails, kicking the worker meanwhile. */
  waitForMail(to: string, count?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

/** `builtCatalogue`: read /dane/zapisy.json of the site served (a live site's build) instead of the test programmes. */
export type EnrolmentAppOptions = Partial<AppOptions> & { builtCatalogue?: boolean };

export async function startEnrolmentApp(engine: TestEngine, sink: SmtpSink, { builtCatalogue = false, ...options }: EnrolmentAppOptions = {}): Promise<EnrolmentApp> {
  const database = await engine.create({ maxConnections: 20 });
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-zapisy-'));
  await writeFile(join(root, '404.html'), '<!doctype html><title>Nie znaleziono</title>');
  // A built programme page with its form region, as the build writes it (the no-JS answer re-renders it).
  await mkdir(join(root, 'programy/warsztaty-zielone-podworka'), { recursive: true });
  await writeFile(
    join(root, 'programy/warsztaty-zielone-podworka/index.html'),
    '<!doctype html><html lang="pl"><head><title>Warsztaty „Zielone podwórka” — Wspólnie — Kraków</title></head>' +
      '<body><main><p>Strona programu, poza formularzem.</p><!--enrolment-form--><form></form><!--/enrolment-form--></main></body></html>',
  );
  const logs: string[] = [];
  const clock = movableClock();
  const transport = createMailTransport({ SMTP_URL: sink.url, MAIL_FROM: 'Wspólnie – Kraków <powiadomienia@wspolnie.example>' });
  const app = await startApp({
    root,
    port: 0,
    host: '127.0.0.1',
    env: { WSPOLNIE_SECRET: 'test-secret-test-secret-test-secret-0123456789' },
    db: database.db,
    transport,
    ...(builtCatalogue ? {} : { catalogue: async () => catalogueOf(testCatalogue) }),
    now: clock.now,
    log: (line) => logs.push(line),
    rateLimits: 'off',
    statusCacheMs: 0,
    workerIntervalMs: 500,
    ...options,
  });
  const mailTo = async (to: string) => (await sink.received()).filter((m) => m.parsed.to?.some((a) => a.address?.toLowerCase() === to.toLowerCase()));
  return {
    app,
    origin: app.origin,
    database,
    clock,
    logs,
    mailTo,
    async waitForMail(to, count = 1) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const mail = await mailTo(to);
        if (mail.length >= count) return mail;
        if (Date.now() > deadline) throw new Error(`${to}: ${mail.length} of ${count} emails arrived`);
        app.worker.kick();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await app.close();
      await database.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * What a person does with the confirmation link: opens it (a page with a
 * button; opening alone changes nothing) and presses "Potwierdzam
 * zgłoszenie", which posts the token from the same origin.
 */
export async function confirmByButton(link: string): Promise<Response> {
  const page = await fetch(link);
  const text = await page.text();
  if (page.status !== 200 || !text.includes('Potwierdzam zgłoszenie')) throw new Error(`the confirmation link answered ${page.status} without its button`);
  const url = new URL(link);
  return fetch(`${url.origin}${url.pathname}`, { method: 'POST', body: new URLSearchParams({ t: url.searchParams.get('t') ?? '' }), headers: { Origin: url.origin } });
}

/** The links of an email's text part: [confirmation, withdrawal] for the first email, [withdrawal] after. */
export const linksOf = (mail: ReceivedEmail) => linksIn(mail.parsed.text ?? '');


/** A valid submission to the workshop with every field, as the browser posts it. */
export function workshopForm(email: string, extra: Record<string, string | string[]> = {}): URLSearchParams {
  const form = new URLSearchParams({
    programme: 'warsztaty-zielone-podworka',
    email,
    name: 'Łucja Żółkiewska-Gęślą',
    district: 'VIII',
    phone: '+48 600 123 456',
    ageBand: '30-44',
    organisation: 'Stowarzyszenie „Zielone Dębniki”',
    message: 'Chcę, żeby na podwórku rosły źdźbła traw i mlecze.\r\nDruga linia.',
    declarations: 'udzial-we-wszystkich',
    consent: 'tak',
    website: '',
  });
  for (const [name, value] of Object.entries(extra)) {
    form.delete(name);
    for (const v of [value].flat()) form.append(name, v);
  }
  return form;
}

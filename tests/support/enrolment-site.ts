/**
 * A built copy of the site with sign-up forms in every state the browser
 * tests need: the seeded programmes all lie in the past, so the copy gets a
 * programme whose enrolment is open now (first-come, 2 places, two
 * declarations, every field), one whose window opens in ten days, and a
 * consultation taking remarks through the form. src/content is never touched.
 */
import { createMailTransport } from '../../src/mail/transport.ts';
import { startApp, type RunningApp } from '../../src/server/app.ts';
import type { TestDatabase, TestEngine } from './databases.ts';
import { builtFixtureSite, type FixtureSite } from './fixture-site.ts';
import { createSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { runStartedAt } from './test-services.ts';

export const openProgramme = { id: 'warsztaty-z-otwartym-naborem', path: '/programy/warsztaty-z-otwartym-naborem/', title: 'Warsztaty z otwartym naborem' };
export const futureProgramme = { id: 'warsztaty-z-przyszlym-naborem', path: '/programy/warsztaty-z-przyszlym-naborem/' };
export const openConsultation = { id: 'konsultacje-z-formularzem', path: '/konsultacje/konsultacje-z-formularzem/' };
export const declarations = [
  { id: 'trzy-warsztaty', text: 'Deklaruję udział we wszystkich trzech warsztatach.' },
  { id: 'mieszkaniec', text: 'Jestem mieszkanką lub mieszkańcem Krakowa.' },
];
export const messageMaxLength = 200;

const day = 24 * 60 * 60 * 1000;
// From the run's start, not the moment of the call: every test file of a run asks for the same site, built once.
const at = (offsetDays: number) => new Date(runStartedAt() + offsetDays * day).toISOString();

function programme(title: string, opens: string, closes: string): string {
  return `---
title: ${title}
summary: Trzy warsztaty dla mieszkańców, przygotowane na potrzeby testów formularza zapisów.
year: ${new Date(runStartedAt()).getFullYear()}
status: enrolment
organisers:
  - name: Urząd Miasta Krakowa
period:
  start: ${opens.slice(0, 10)}
enrolment:
  opens: "${opens}"
  closes: "${closes}"
  mode: first-come
  capacity: 2
  declarations:
${declarations.map((d) => `    - id: ${d.id}\n      text: ${d.text}`).join('\n')}
  fields: [name, district, phone, age-band, organisation, message]
  messageMaxLength: ${messageMaxLength}
---

Opis programu.
`;
}

const consultation = `---
title: Konsultacje z formularzem uwag
question: Co zmienić na placu przed szkołą?
summary: Konsultacje, w których uwagi można przesłać formularzem.
status: open
period:
  start: ${at(-1).slice(0, 10)}
methods: [form]
contact:
  name: Referat ds. Partycypacji i Dialogu
enrolment:
  opens: "${at(-1)}"
  closes: "${at(30)}"
  mode: open
  fields: [name, message]
  messageMaxLength: 500
---

Opis konsultacji.
`;

/**
 * The project with the three entries added, built (a full `astro build`,
 * once per test run: see builtFixtureSite); the caller gets its own copy of
 * the build (`dist`), to write into and remove.
 */
export function buildEnrolmentSite(): Promise<FixtureSite> {
  return builtFixtureSite(
    {
      [`src/content/programy/${openProgramme.id}.md`]: programme(openProgramme.title, at(-1), at(30)),
      [`src/content/programy/${futureProgramme.id}.md`]: programme('Warsztaty z przyszłym naborem', at(10), at(40)),
      [`src/content/konsultacje/${openConsultation.id}.md`]: consultation,
    },
    'wspolnie-form-',
  );
}

export interface SiteScenario {
  site: FixtureSite;
  sink: SmtpSink;
  database: TestDatabase;
  app: RunningApp;
  close(): Promise<void>;
}

/**
 * The browser sign-up scenarios' world: this built site served by the real
 * app (src/server/app.ts) on a fresh database of `engine` and a real SMTP
 * server. The browser is the test's own (Playwright's `browser` fixture).
 */
export async function startSiteScenario(engine: TestEngine): Promise<SiteScenario> {
  const [site, sink, database] = await Promise.all([buildEnrolmentSite(), createSmtpSink(), engine.create()]);
  await sink.start();
  const app = await startApp({
    root: site.dist,
    port: 0,
    host: '127.0.0.1',
    env: { WSPOLNIE_SECRET: 'browser-test-secret-browser-test-secret-0123' },
    db: database.db,
    transport: createMailTransport({ SMTP_URL: sink.url }),
    rateLimits: 'off',
    statusCacheMs: 0,
    log: () => undefined,
  });
  return {
    site, sink, database, app,
    async close() {
      await app.close();
      await Promise.all([database.dispose(), sink.dispose(), site.remove()]);
    },
  };
}

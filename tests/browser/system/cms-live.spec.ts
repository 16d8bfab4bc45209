/**
 * Issue 10, end to end as an editor and a resident meet it: `npm start` (the
 * real scripts/start.ts, as a process) runs on a throw-away copy of the
 * project with decap-server, PGlite and a real SMTP server. In Chromium an
 * editor creates a programme with open enrolment in the real Decap UI and
 * publishes it; with no command typed, the programme page, the programme
 * list, /dane/zapisy.json and the sign-up endpoint all know it within 10
 * seconds of the CMS saying it saved; then a resident signs up on the new
 * page and confirms from the link in the email.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { plainReference } from '../../../src/schemas/common.ts';
import { contentSchemas } from '../../../src/schemas/index.ts';
import { linksOf } from '../../support/enrolment-app.ts';
import { createFixtureSite, projectRoot, type FixtureSite } from '../../support/fixture-site.ts';
import { freePort } from '../../support/free-port.ts';
import { createSmtpSink, type ReceivedEmail, type SmtpSink } from '../../support/smtp-sink.ts';
import { testPgliteTemplate } from '../../support/test-services.ts';

const second = 1_000;
const hour = 3_600 * second;
const day = 24 * hour;

const programme = {
  title: 'Spacer badawczy po Zabłociu',
  summary: 'Wspólny spacer z mieszkańcami: co zmienić w przestrzeni Zabłocia.',
  organiser: 'Zarząd Zieleni Miejskiej w Krakowie',
};
const resident = { name: 'Zofia Źdźbło-Łęcka', email: 'zofia.zablocie@example.pl' };
/** The address the endpoint check signs up with (a separate person from the resident in the browser). */
const probeEmail = 'sprawdzenie.endpointu@example.pl';

let copy: FixtureSite | undefined;
let data: string | undefined;
let sink: SmtpSink | undefined;
let browser: Browser | undefined;
let server: { child: ChildProcess; output: () => string; exited: Promise<number | null> } | undefined;
let origin = '';
const timings: string[] = [];

/** `YYYY-MM-DDTHH:mm` in Warsaw, as a datetime-local input takes it (the browser runs in Europe/Warsaw). */
function warsawLocal(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}

/** Resolves once `check` holds, polling every `interval` ms; throws with the server's output after `ms`. */
async function until<T>(ms: number, what: string, check: () => Promise<T | undefined | false>, interval = 100): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (server && server.child.exitCode !== null) throw new Error(`${what}: npm start exited (${server.child.exitCode})\n${server.output()}`);
    if (performance.now() > deadline) throw new Error(`${what}: not within ${ms} ms\n${server?.output() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

// One server for the file: the second test stops what the first used.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(180_000);
  browser = launched;
  // Each kept as soon as it exists, so that afterAll removes it even if another part fails.
  await Promise.all([
    createFixtureSite(undefined, 'wspolnie-cms-live-').then((site) => (copy = site)),
    createSmtpSink().then((smtp) => (sink = smtp)),
  ]);
  const site = copy!;
  // The copy runs its own scripts/start.ts, so its project root (decap-server's folder, the watcher's) is the copy;
  // src/server/functions.ts imports the function files from functions/.
  await Promise.all(['scripts', 'functions'].map((folder) => cp(join(projectRoot, folder), join(site.root, folder), { recursive: true })));
  data = await mkdtemp(join(tmpdir(), 'wspolnie-cms-live-data-'));
  // An initialised PGlite folder: initdb in WebAssembly is slow; the start migrates it.
  await cp(testPgliteTemplate(), join(data, 'pglite'), { recursive: true });
  await sink!.start();

  const [port, decapPort] = [await freePort(), await freePort()];
  let output = '';
  const child = spawn(process.execPath, [join(site.root, 'scripts/start.ts')], {
    cwd: site.root,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? tmpdir(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DECAP_SERVER_PORT: String(decapPort),
      WSPOLNIE_DATA_DIR: data,
      WSPOLNIE_SECRET: 'cms-live-browser-test-secret-0123456789abcdef',
      SMTP_URL: sink!.url,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  server = { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
  const started = performance.now();
  origin = await until(150 * second, 'npm start', async () => /Wspólnie działa: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1], 50);
  // Without decap-server the admin falls back to GitHub's sign-in: say so here, with the reason start.ts printed.
  if (!output.includes('Panel redakcji: ')) throw new Error(`npm start runs without the local CMS:\n${output}`);
  timings.push(`npm start ready (first build of the copy included): ${Math.round(performance.now() - started)} ms`);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  if (timings.length) console.log(`CMS → live site: ${timings.join('; ')}`);
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    const code = await server.exited;
    if (code !== 0) console.error(`npm start exited with ${code}:\n${server.output()}`);
  }
  await sink?.dispose();
  if (data) await rm(data, { recursive: true, force: true });
  await copy?.remove();
});

/** A field by its label, with or without Decap's "(opcjonalne)" or the note of a field a rule may require (src/cms/browser/required-notes.ts) (as in cms.spec.ts). */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\((?:opcjonalne|wymagane[^)]*)\\))?$`, 'i'));

async function choose(page: Page, label: string, option: string): Promise<void> {
  await field(page, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function mailTo(address: string): Promise<ReceivedEmail> {
  return until(20 * second, `an email to ${address}`, async () => (await sink!.received()).find((m) => m.parsed.to?.[0]?.address === address));
}

const programmesFolder = () => join(copy!.root, 'src/content/programy');

test.describe('a programme saved in the CMS of `npm start`', () => {
  test('reaches the page, the list, /dane/zapisy.json and the sign-up endpoint by itself, and a resident signs up', async () => {
    test.setTimeout(360_000);
    const context = await browser!.newContext({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
    const cspViolations: string[] = [];
    try {
      const page = await context.newPage();
      const consoleLines: string[] = [];
      page.on('console', (m) => {
        consoleLines.push(m.text());
        if (/Content Security Policy/.test(m.text())) cspViolations.push(m.text());
      });
      const before = new Set(await readdir(programmesFolder()));

      // The editor: the real Decap UI served by the live site, saving through decap-server into the copy.
      await page.goto(`${origin}/admin/#/collections/programmes/new`);
      // Decap's bundle is large; on a busy machine it may take long to run. The bound is only against a hang,
      // and a failure says what the admin did (Decap logs whether it found decap-server).
      await page
        .getByRole('button', { name: 'Zaloguj się' })
        .click({ timeout: 120 * second })
        .catch((error: unknown) => {
          throw new Error(`The admin shows no local sign-in: ${String(error)}\nBrowser console:\n${consoleLines.join('\n')}\nnpm start:\n${server!.output()}`);
        });
      await expect.poll(() => field(page, 'Tytuł').isVisible(), { timeout: 30 * second }).toBe(true);
      const now = Date.now();
      await field(page, 'Tytuł').fill(programme.title);
      await field(page, 'Streszczenie').fill(programme.summary);
      await field(page, 'Rok').fill(String(new Date(now).getUTCFullYear()));
      await choose(page, 'Status', 'Trwa nabór');
      await page.getByRole('button', { name: 'Dodaj organizatora' }).click();
      await field(page, 'Nazwa').fill(programme.organiser);
      await field(page, 'Początek').fill(warsawLocal(new Date(now)).slice(0, 10));
      await field(page, 'Opis okresu').fill('grudzień');
      // "Zapisy" is a collapsed object: its own expand button (the first in the control the label points at) opens it.
      const enrolmentControl = await page.locator('label', { hasText: /^Zapisy( \(opcjonalne\))?$/ }).getAttribute('for');
      await page.locator(`[id="${enrolmentControl}"] [data-testid="expand-button"]`).first().click();
      await field(page, 'Początek naboru').fill(warsawLocal(new Date(now - hour)));
      await field(page, 'Koniec naboru').fill(warsawLocal(new Date(now + 30 * day)));
      await choose(page, 'Sposób przydziału miejsc', 'Bez limitu miejsc');
      await choose(page, 'Pola formularza', 'Imię i nazwisko');
      await page.keyboard.press('Escape');
      // The preview pane renders the site's page structure.
      await expect
        .poll(() => page.locator('iframe').first().contentFrame().getByRole('heading', { level: 1 }).textContent(), { timeout: 10 * second })
        .toBe(programme.title);

      await page.getByRole('button', { name: 'Opublikuj' }).click();
      const clicked = performance.now();
      await page.getByRole('menuitem', { name: 'Opublikuj teraz' }).click();
      const saved = page.getByText('Pozycja zapisana');
      await saved.waitFor({ state: 'visible', timeout: 15 * second });
      const confirmed = performance.now();
      timings.push(`"Opublikuj teraz" → "Pozycja zapisana": ${Math.round(confirmed - clicked)} ms`);

      const added = (await readdir(programmesFolder())).filter((name) => !before.has(name));
      expect(added).toEqual(['spacer-badawczy-po-zablociu.md']);
      const id = added[0]!.replace(/\.md$/, '');
      const pagePath = `/programy/${id}/`;
      // What the CMS wrote is what the build accepts, with the times in Warsaw's offset.
      const written = await readFile(join(programmesFolder(), added[0]!), 'utf8');
      const frontmatter = parseFrontmatter(written, { frontmatter: 'empty-with-spaces' }).frontmatter;
      const parsed = contentSchemas(plainReference).programmes.safeParse(frontmatter);
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
      expect(frontmatter).toMatchObject({ title: programme.title, status: 'enrolment', enrolment: { mode: 'open', fields: ['name'] } });
      expect(written).toMatch(/^ {2}opens: "?\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[12]:00"?$/m);

      // Nothing typed: the live site notices the save, rebuilds and publishes.
      let probe: Response | undefined;
      let [lastProbe, probes] = [-Infinity, 0];
      // How long this takes is measured and printed here; the 5-second target is checked by `npm run bench -- --live`,
      // not by a test that would fail on a busy machine. The bound is only against a hang.
      await until(180 * second, 'the saved programme everywhere', async () => {
        const [programmePage, list, catalogue] = await Promise.all([
          fetch(`${origin}${pagePath}`),
          fetch(`${origin}/programy/`).then((r) => r.text()),
          fetch(`${origin}/dane/zapisy.json`).then((r) => r.text()),
        ]);
        await programmePage.body?.cancel();
        if (programmePage.status !== 200 || !list.includes(programme.title) || !catalogue.includes(`"${id}"`)) return false;
        // The endpoint allows 20 posts a minute from one address (and the resident's post comes after):
        // ask it only once the pages are there, and at most twice a second.
        if (performance.now() - lastProbe < 500) return false;
        lastProbe = performance.now();
        probes++;
        probe = await fetch(`${origin}/api/zapisy`, {
          method: 'POST',
          body: new URLSearchParams({ programme: id, email: probeEmail, name: 'Jan Sprawdzający', consent: 'tak', website: '' }),
          headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
          redirect: 'manual',
        });
        await probe.body?.cancel();
        return probe.status === 303 && (probe.headers.get('location') ?? '').endsWith('/zapisy/sprawdz-poczte/');
      });
      const visible = performance.now();
      const saveToVisible = Math.round(visible - confirmed);
      timings.push(`"Pozycja zapisana" → page, list, /dane/zapisy.json and POST /api/zapisy all know it: ${saveToVisible} ms (${probes} sign-up post${probes === 1 ? '' : 's'})`);
      const published = server!.output().match(/Strona opublikowana \((?:nowy plik|zmiana pliku) src\/content\/programy\/[^)]*\)\./g);
      if (published) timings.push(`live site: ${published.join(' ')}`);

      // The resident: the new page, JavaScript on, the form and the email's confirmation link.
      await page.goto(`${origin}${pagePath}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe(programme.title);
      await page.getByLabel('Imię i nazwisko').fill(resident.name);
      await page.getByLabel('Adres e-mail', { exact: true }).fill(resident.email);
      await page.locator('#enrol-consent').check();
      await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
      await expect.poll(() => page.locator('#enrol-done').textContent(), { timeout: 10 * second }).toContain('Sprawdź skrzynkę e-mail');

      const mail = await mailTo(resident.email);
      expect(mail.parsed.subject).toBe(`Potwierdź zgłoszenie: ${programme.title}`);
      const [confirmLink] = linksOf(mail);
      expect(confirmLink?.startsWith(`${origin}/`)).toBe(true);
      await page.goto(confirmLink!);
      await page.getByRole('button', { name: 'Potwierdzam zgłoszenie' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie potwierdzone');
      expect(await page.locator('main').textContent()).toContain(programme.title);
      // The endpoint check's sign-up was a real one too.
      expect((await mailTo(probeEmail)).parsed.subject).toBe(`Potwierdź zgłoszenie: ${programme.title}`);
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('stops cleanly on SIGTERM', async () => {
    test.setTimeout(30_000);
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    expect(server!.output()).toContain('Zatrzymuję (SIGTERM)');
  });
});

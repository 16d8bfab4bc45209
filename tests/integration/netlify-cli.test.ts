/**
 * The Netlify deployment under Netlify's own tools, offline (issue 10), with
 * a throw-away PostgreSQL database, a real SMTP server and a stand-in for the
 * build hook (tests/support/netlify-cli.ts explains the project copy):
 *
 * 1. `netlify build --offline` packages the functions as a deploy does:
 *    its manifest has every function of functions/ with the paths, methods
 *    and schedules of its `config`, and every archive holds the migrations
 *    (netlify.toml's `included_files`). One archive, unpacked alone, with
 *    LAMBDA_TASK_ROOT at its root as on AWS Lambda, migrates an empty
 *    database from those copies: the source folder is out of its reach.
 * 2. `netlify dev --offline` serves the published files and the functions on
 *    one origin: every function answers at each path of its `config.path`;
 *    the scheduled functions run when invoked at Netlify's local endpoint
 *    (/.netlify/functions/<name>) and do their work; and a sign-up goes
 *    through — the form, the email, the confirmation link, the count.
 *
 * (`netlify dev` runs functions with LAMBDA_TASK_ROOT at the project folder,
 * where the source migrations are, so only part 1 can show the archives'
 * own copies being used.)
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '@netlify/functions';
import { contentEnd, contentStart, shellTitle } from '../../src/http/site-layout.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/db/migrations.ts';
import { enqueueEmail } from '../../src/mail/outbox.ts';
import { linksIn } from '../../src/mail/template.ts';
import { buildFollowFeed } from '../../src/follow/build-feed.ts';
import { unsubscribeUrl } from '../../src/follow/links.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import { warsawDay } from '../../src/lib/dates.ts';
import { loadSecret } from '../../src/lib/secret.ts';
import type { RequestsFile } from '../../src/requests/requests-file.ts';
import { programmeEntry, startBuildHook, workshop, writePublicFiles, type BuildHook } from '../support/build-hook.ts';
import { postgresEngine, type TestDatabase } from '../support/databases.ts';
import { confirmByButton } from '../support/enrolment-app.ts';
import { projectRoot } from '../support/fixture-site.ts';
import { createNetlifyProject, runNetlify, startNetlifyDev, type NetlifyDev, type NetlifyProject } from '../support/netlify-cli.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { extractZip, readZip } from '../support/unzip.ts';

const names = readdirSync(join(projectRoot, 'functions'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .sort();
const configs = new Map<string, Config>(
  await Promise.all(names.map(async (name) => [name, ((await import(pathToFileURL(join(projectRoot, 'functions', `${name}.ts`)).href)) as { config: Config }).config] as const)),
);
const pathsOf = (config: Config) => (config.path === undefined ? [] : [config.path].flat());
const methodsOf = (config: Config) => (config.method === undefined ? [] : [config.method].flat().map((m) => m.toUpperCase()));
const scheduled = names.filter((name) => configs.get(name)?.schedule !== undefined);

const minute = 60_000;
const day = 24 * 60 * minute;
const start = Date.now();
const programme = { id: 'spotkanie-otwarte', title: 'Otwarte spotkanie o zieleni' };
const lottery = { id: 'warsztaty-z-losowaniem', title: 'Warsztaty z losowaniem miejsc' };
const secret = 'netlify-cli-test-secret-netlify-cli-test-0123';
const request = { id: 'przystanek-na-zabincu', title: 'Przystanek na Żabińcu' };

let project: NetlifyProject;
let database: TestDatabase;
let sink: SmtpSink;
let hook: BuildHook;

beforeAll(async () => {
  [project, database, sink, hook] = await Promise.all([createNetlifyProject(), postgresEngine.create({ migrate: false }), createSmtpSink(), startBuildHook()]);
  await sink.start();
  // The published deploy, built an hour ago: sign-ups open; one workshop ended a minute ago (a boundary since the build), one is tomorrow.
  await writePublicFiles(
    project.dist,
    new Date(start - 60 * minute),
    [
      programmeEntry(programme.id, programme.title, new Date(start - day), new Date(start + 10 * day)),
      programmeEntry(lottery.id, lottery.title, new Date(start - day), new Date(start + 10 * day), new Date(start + 12 * day)),
    ],
    [workshop('warsztat-wczoraj', programme.id, new Date(start - 3 * 60 * minute), new Date(start - minute)), workshop('warsztat-jutro', programme.id, new Date(start + day), new Date(start + day + 2 * 60 * minute))],
  );
  // A request taking supports and a programme to follow, as the build publishes them (src/pages/dane/wnioski.json.ts, obserwowane.json.ts).
  const requests: RequestsFile = {
    generatedAt: new Date(start - 60 * minute).toISOString(),
    requests: [
      { id: request.id, title: request.title, url: `/konsultacje/wnioski/${request.id}/`, filedOn: warsawDay(new Date(start - 2 * day)), procedure: 'small', applicantKind: 'residents', supportersNeeded: 3, status: 'filed', statusOn: warsawDay(new Date(start - 2 * day)), supportUntil: warsawDay(new Date(start + 10 * day)), finalAnswerOn: null },
    ],
  };
  await writeFile(join(project.dist, 'dane', 'wnioski.json'), JSON.stringify(requests));
  const feed = buildFollowFeed({ generatedAt: new Date(start - 60 * minute), programmes: [{ id: programme.id, title: programme.title, status: 'enrolment', tags: [], relatedReports: [] }], consultations: [], reports: [], events: [], requests: [] });
  await writeFile(join(project.dist, 'dane', 'obserwowane.json'), JSON.stringify(feed));
  await writeFile(join(project.dist, '404.html'), '<!doctype html><html lang="pl"><title>Nie znaleziono</title></html>');
  // The site's frame for the functions' pages, as the build writes it (src/pages/dane/szablon-strony.astro), in short.
  await mkdir(join(project.dist, 'dane/szablon-strony'), { recursive: true });
  await writeFile(
    join(project.dist, 'dane/szablon-strony/index.html'),
    `<!DOCTYPE html><html lang="pl"><head><title>${shellTitle} — Wspólnie — Kraków</title></head><body><header><nav aria-label="Główna nawigacja"><a href="/programy/">Programy</a></nav></header><main id="tresc">${contentStart}<h1>${shellTitle}</h1>${contentEnd}</main><footer class="site-footer">Stopka strony</footer></body></html>`,
  );
});
afterAll(async () => {
  await Promise.all([database?.dispose(), sink?.dispose(), hook?.close()]);
  await project?.remove();
});

const applied = async () => (await database.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);

describe('netlify build --offline', () => {
  it('packages every function with the routes and schedule of its config, and the migrations of included_files', async () => {
    const { code, output } = await runNetlify(project, ['build', '--offline']);
    expect(code, output).toBe(0);
    expect(output).toContain('Functions bundling');

    const manifest = JSON.parse(await readFile(join(project.root, '.netlify/functions/manifest.json'), 'utf8')) as {
      functions: { name: string; schedule?: string; routes?: { pattern: string; methods: string[] }[]; path: string }[];
    };
    expect(manifest.functions.map((f) => f.name).sort()).toEqual(names);
    const migrations = await readMigrations();
    for (const fn of manifest.functions) {
      const config = configs.get(fn.name)!;
      expect(fn.schedule ?? undefined, fn.name).toBe(config.schedule);
      expect((fn.routes ?? []).map((r) => r.pattern), fn.name).toEqual(pathsOf(config));
      for (const route of fn.routes ?? []) expect(route.methods, fn.name).toEqual(methodsOf(config));
      const inside = new Map(readZip(await readFile(fn.path)).map((e) => [e.name, e.data.toString('utf8')]));
      for (const m of migrations) expect(inside.get(`src/db/migrations/${m.version}_${m.name}.sql`), `${fn.name}: ${m.version}`).toBe(m.sql);
    }
  });

  // Uses the archives the test above built. The copy links node_modules, so an archive carries that link
  // instead of the packages it needs (zod, nodemailer, pg: 1–1.5 MB per archive when node_modules is real,
  // and a bundling step of 16 s instead of 3); the migrations it carries are its own either way.
  it('a packaged function, unpacked alone with LAMBDA_TASK_ROOT at its root, migrates an empty database from its own copies', async () => {
    expect(await database.db.query("SELECT to_regclass('schema_migrations') AS t").then((r) => r.rows[0]?.['t'])).toBeNull();
    const task = await mkdtemp(join(tmpdir(), 'wspolnie-lambda-task-'));
    try {
      await extractZip(await readFile(join(project.root, '.netlify/functions/poczta.zip')), task);
      // The handler itself, as the archive's entry point would call it; its cwd is the task root too, so neither path leads to src/.
      // Then exit, as Lambda freezes an instance after its handler returns (the pool would otherwise idle for 10 s).
      const script = 'const m = await import(process.argv[1]); await m.default(); process.exit(0);';
      const run = spawn(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(join(task, 'functions/poczta.mjs')).href], {
        cwd: task,
        env: { PATH: process.env['PATH'] ?? '', LAMBDA_TASK_ROOT: task, DATABASE_URL: database.location, SMTP_URL: sink.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      run.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
      run.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => run.once('close', resolve));
      expect(code, output).toBe(0);
      expect(output).not.toContain('nie powiódł się');
      expect(await applied()).toEqual((await readMigrations()).map((m) => m.version));
    } finally {
      await rm(task, { recursive: true, force: true });
    }
  });
});

describe('netlify dev --offline', () => {
  let dev: NetlifyDev;
  beforeAll(async () => {
    // Nothing has migrated the database when this part runs alone; the functions do it on their first request.
    dev = await startNetlifyDev(project, names, (origin) => ({
      DATABASE_URL: database.location,
      SMTP_URL: sink.url,
      WSPOLNIE_SECRET: secret,
      SITE_URL: origin,
      NETLIFY_BUILD_HOOK_URL: hook.url,
      // Only so that /api/cms-auth answers with its redirect to GitHub rather than its Polish 503 "not configured".
      GITHUB_OAUTH_CLIENT_ID: 'netlify-cli-test-client',
      GITHUB_OAUTH_CLIENT_SECRET: 'netlify-cli-test-client-secret',
    }));
  }, 90_000);
  afterAll(() => dev?.stop());

  const invoke = async (name: string) => {
    const response = await fetch(`${dev.origin}/.netlify/functions/${name}`);
    return { status: response.status, text: await response.text() };
  };
  /** Awaits a condition the functions bring about after answering (mail sent from context.waitUntil). */
  const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${what} did not happen within 15 s:\n${dev.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('answers at the first path of every function’s config, with a method it declares, as the function itself', async () => {
    // Real links make the link pages answer as they do for residents (a bare path is "not ours", a 404).
    const email = 'jan.odnosniki@example.pl';
    const form = new URLSearchParams({ programme: lottery.id, email, name: 'Jan Odnośnik', consent: 'tak', website: '' });
    expect((await fetch(`${dev.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: dev.origin } })).status).toBe(303);
    const message = await eventually('the confirmation email', async () => (await sink.received()).find((m) => m.parsed.to?.some((a) => a.address === email)));
    const [confirmLink = '', withdrawLink = ''] = linksIn(message.parsed.text ?? '');
    // The same for a support of a request and for following a programme (whose unsubscribe link, in the change emails, signs the follow's id).
    const supporter = 'ewa.poparcie@example.pl';
    const support = new URLSearchParams({ request: request.id, name: 'Ewa Popierająca', address: 'ul. Długa 5/3', email: supporter, declaration: 'tak', website: '' });
    expect((await fetch(`${dev.origin}/api/wnioski/poparcie`, { method: 'POST', body: support, redirect: 'manual', headers: { Origin: dev.origin } })).status).toBe(303);
    const supportMessage = await eventually('the support email', async () => (await sink.received()).find((m) => m.parsed.to?.some((a) => a.address === supporter)));
    const supportLinks = linksIn(supportMessage.parsed.text ?? '');
    const follower = 'olek.obserwuje@example.pl';
    const followForm = new URLSearchParams({ target: `programme:${programme.id}`, email: follower, frequency: 'immediate' });
    expect((await fetch(`${dev.origin}/api/obserwuj`, { method: 'POST', body: followForm, redirect: 'manual', headers: { Origin: dev.origin } })).status).toBe(303);
    const followMessage = await eventually('the follow email', async () => (await sink.received()).find((m) => m.parsed.to?.some((a) => a.address === follower)));
    const [followConfirmLink = ''] = linksIn(followMessage.parsed.text ?? '');
    const followId = (await database.db.query<{ id: string }>('SELECT id FROM follows WHERE email = $1', [follower])).rows[0]!.id;
    const query: Record<string, string> = {
      'zapisy-potwierdz': new URL(confirmLink).search,
      'zapisy-rezygnacja': new URL(withdrawLink).search,
      'zapisy-status': `?programme=${lottery.id}`,
      'wnioski-poparcie': `?wniosek=${request.id}`,
      'wnioski-status': `?wniosek=${request.id}`,
      'wnioski-potwierdz': new URL(supportLinks.find((l) => l.includes('/api/wnioski/potwierdz'))!).search,
      'wnioski-wycofaj': new URL(supportLinks.find((l) => l.includes('/api/wnioski/wycofaj'))!).search,
      'obserwuj-potwierdz': new URL(followConfirmLink).search,
      'obserwuj-wypisz': new URL(unsubscribeUrl(createLinkSigner(loadSecret({ WSPOLNIE_SECRET: secret }), dev.origin), followId)).search,
    };

    const answers = await Promise.all(
      names
        .filter((name) => !scheduled.includes(name))
        .map(async (name) => {
          const config = configs.get(name)!;
          const [path = ''] = pathsOf(config);
          const method = methodsOf(config)[0] ?? 'GET';
          const url = dev.origin + path.replaceAll(':programme', lottery.id) + (query[name] ?? '');
          const response = await fetch(url, { method, redirect: 'manual', headers: { Origin: dev.origin }, ...(method === 'POST' ? { body: new URLSearchParams({ programme: lottery.id }) } : {}) });
          const body = await response.text();
          // Netlify's function runtime marks every answer it gives; the static server's do not carry it.
          return { name, request: `${method} ${path}`, status: response.status, fromFunction: response.headers.has('x-nf-invocation-metadata'), staticNotFound: body.includes('<title>Nie znaleziono</title>') };
        }),
    );
    expect(answers.map((a) => a.name)).toEqual(names.filter((name) => !scheduled.includes(name)));
    for (const answer of answers) {
      const what = `${answer.request} (${answer.name}) → ${answer.status}`;
      expect(answer.fromFunction, what).toBe(true);
      expect(answer.staticNotFound, what).toBe(false);
      expect(answer.status === 404 || answer.status >= 500, what).toBe(false);
    }
    // The marker means something: a path no function declares gets the site's own 404 page.
    const elsewhere = await fetch(`${dev.origin}/nie-ma-takiej-strony/`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.has('x-nf-invocation-metadata')).toBe(false);
    expect(await elsewhere.text()).toContain('<title>Nie znaleziono</title>');
  });

  it('runs each scheduled function when invoked at /.netlify/functions/<name>, and each does its work', async () => {
    expect(scheduled).toEqual(['poczta', 'powiadomienia', 'przebudowa-zegar']);
    await migrate(database.db, await readMigrations()); // nothing to do after the first part; needed when this part runs alone
    // poczta: an email waiting in the outbox goes out before the invocation returns.
    const subject = 'Próba poczty wysłanej przez funkcję zaplanowaną';
    await enqueueEmail(database.db, { kind: 'test', dedupeKey: 'netlify-cli-test:poczta', to: 'dyzurny@example.pl', subject, text: 'Treść.', html: '<p>Treść.</p>' }, new Date());
    const mail = await invoke('poczta');
    expect(mail.status).toBe(200);
    expect(mail.text).toContain('scheduled function');
    expect((await sink.received()).filter((m) => m.parsed.subject === subject)).toHaveLength(1);

    // powiadomienia: reads the published events and records the first sight of each.
    expect((await invoke('powiadomienia')).status).toBe(200);
    const seen = await database.db.query<{ event_id: string }>('SELECT event_id FROM event_snapshots ORDER BY event_id');
    expect(seen.rows.map((r) => r.event_id)).toEqual(['warsztat-jutro', 'warsztat-wczoraj']);

    // przebudowa-zegar: a workshop ended after the deploy was built, so the build hook is called, once.
    expect((await invoke('przebudowa-zegar')).status).toBe(200);
    expect((await invoke('przebudowa-zegar')).status).toBe(200);
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]).toMatchObject({ method: 'POST', body: '{}' });
    expect(new URL(hook.requests[0]!.url, 'http://x').searchParams.get('trigger_title')).toBe('Wspólnie: minęła granica czasu (koniec wydarzenia: Warsztat warsztat-wczoraj)');
    expect(dev.output()).toContain('Przebudowa na czas: minęła granica „koniec wydarzenia: Warsztat warsztat-wczoraj”');
    expect(dev.output()).toContain('Przebudowa na czas: czekam na nową wersję strony');
    expect(dev.output()).not.toContain(new URL(hook.url).pathname);
  });

  it('takes a sign-up against PostgreSQL: the form, the email, the confirmation link, the count', async () => {
    const email = 'zofia.netlify@example.pl';
    const form = new URLSearchParams({ programme: programme.id, email, name: 'Zofia Łęcka', consent: 'tak', website: '' });
    const posted = await fetch(`${dev.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: dev.origin } });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/zapisy/sprawdz-poczte/');
    const application = async () => (await database.db.query<{ status: string; registration_code: string }>('SELECT status, registration_code FROM applications WHERE email = $1', [email])).rows[0];
    expect(await application()).toMatchObject({ status: 'pending' });

    // Sent right after the answer (context.waitUntil); poczta would retry it otherwise.
    const message = await eventually('the confirmation email', async () => (await sink.received()).find((m) => m.parsed.to?.some((a) => a.address === email)));
    expect(message.parsed.subject).toBe(`Potwierdź zgłoszenie: ${programme.title}`);
    const [confirmLink = ''] = linksIn(message.parsed.text ?? '');
    expect(confirmLink.startsWith(`${dev.origin}/api/zapisy/potwierdz?t=`)).toBe(true);
    // Opening the link shows the button and changes nothing; pressing it confirms.
    expect((await fetch(confirmLink)).status).toBe(200);
    expect(await application()).toMatchObject({ status: 'pending' });
    const confirmed = await confirmByButton(confirmLink);
    expect(confirmed.status).toBe(200);
    const page = await confirmed.text();
    const { registration_code: code } = (await application())!;
    expect(page).toContain(code);
    // In the site's frame, read by the function from the deploy over HTTP.
    expect(page).toContain('<title>Zgłoszenie potwierdzone — Wspólnie — Kraków</title>');
    expect(page).toContain('<nav aria-label="Główna nawigacja">');
    expect(page).toContain('Stopka strony');
    // First come, first served: a confirmation within the places is accepted at once.
    expect(await application()).toMatchObject({ status: 'accepted' });
    const status = await fetch(`${dev.origin}/api/zapisy/status?programme=${programme.id}`);
    expect(await status.json()).toMatchObject({ programme: programme.id, state: 'open', mode: 'first-come', capacity: 60, confirmed: 1, placesLeft: 59 });
  });
});

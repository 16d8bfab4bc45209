/**
 * The live site of `npm start` (src/site/), on a throw-away copy of the
 * project with real `astro build`s, a real database and SMTP server:
 *
 * - the build uses the address the server listens on (feeds, calendars);
 * - a saved entry reaches the pages, /dane/zapisy.json and the sign-up
 *   endpoint with no command typed (how fast: `npm run bench -- --live`);
 * - a client polling ten pages every 50 ms during 20 rebuilds in a row sees
 *   only complete 200s;
 * - time alone closes an enrolment on the pages (JavaScript off: plain HTML),
 *   by a build the clock asked for;
 * - a build broken on purpose keeps the last good site serving, and the
 *   panel says why in Polish.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ical from 'node-ical';
import Parser from 'rss-parser';
import { pgliteEngine } from '../support/databases.ts';
import { projectRoot } from '../support/fixture-site.ts';
import { cookieHeader, signIn } from '../support/panel.ts';
import { programmeWithEnrolment, startLiveSite, type LiveSiteRun } from '../support/live-site.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { makeScannedPdf } from '../support/documents.ts';

const second = 1_000;
let sink: SmtpSink;
let run: LiveSiteRun;
/** The programme whose enrolment the clock closes, saved by its test: its close is set then, not when the file loads. */
const closing = { title: 'Spacer z zegarem' };
const closingFile = 'src/content/programy/spacer-z-zegarem.md';
const webhookSecret = 'live-site-webhook-secret-0123456789abcdef';
let repositories = '';

/** Git deaf to this machine's configuration, committing as the editors' bot would. */
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Redakcja', GIT_AUTHOR_EMAIL: 'redakcja@wspolnie.example', GIT_COMMITTER_NAME: 'Redakcja', GIT_COMMITTER_EMAIL: 'redakcja@wspolnie.example' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
  run = await startLiveSite(
    pgliteEngine,
    sink,
    { webhookSecret },
    async (copy) => {
      // The copy is the server's checkout of a content repository that editors push to.
      repositories = await mkdtemp(join(tmpdir(), 'wspolnie-live-git-'));
      const origin = join(repositories, 'origin.git');
      git(copy, 'init', '--quiet', '-b', 'main');
      // What the build generates (public/admin/, public/fonts/) is ignored there as in the project.
      await copyFile(join(projectRoot, '.gitignore'), join(copy, '.gitignore'));
      git(copy, 'add', '.gitignore', 'src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json');
      git(copy, 'commit', '--quiet', '-m', 'Treść portalu');
      git(repositories, 'clone', '--quiet', '--bare', copy, origin);
      git(copy, 'remote', 'add', 'origin', origin);
      git(copy, 'fetch', '--quiet', 'origin');
      git(copy, 'branch', '--quiet', '--set-upstream-to=origin/main', 'main');
      git(repositories, 'clone', '--quiet', origin, join(repositories, 'editor'));
    },
  );
}, 120_000);
afterAll(async () => {
  await run?.close();
  if (repositories) await rm(repositories, { recursive: true, force: true });
  await sink?.dispose();
});

const get = (path: string) => fetch(`${run.origin}${path}`);
const text = async (path: string) => (await get(path)).text();

/**
 * Polls `check` every 100 ms until it holds; resolves with the milliseconds it took. `ms` only
 * guards against a hang: how fast the site follows is the bench's to measure (`npm run bench --
 * --live`), since a build on a busy machine takes several times longer than on a quiet one.
 */
async function within(ms: number, what: string, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`${what}: not within ${ms} ms\n${run.siteLogs.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the live site', () => {
  it('writes the address it is served at into feeds, calendars and the sitemap', async () => {
    const calendarPage = await text('/kalendarz/');
    expect(calendarPage).toMatch(new RegExp(`<code[^>]*>${run.origin}/kalendarz.ics</code>`));
    expect(calendarPage).not.toContain('localhost:4321');
    const feed = await new Parser().parseString(await text('/aktualnosci/rss.xml'));
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) expect(item.link).toMatch(new RegExp(`^${run.origin}/`));
    const calendar = Object.values(ical.sync.parseICS(await text('/kalendarz.ics'))).filter((c) => c?.type === 'VEVENT');
    expect(calendar.length).toBeGreaterThan(0);
    for (const event of calendar) {
      const url = (event as { url?: string | { val: string } }).url;
      expect(typeof url === 'string' ? url : url?.val).toMatch(new RegExp(`^${run.origin}/`));
    }
    expect(await text('/sitemap-0.xml')).toContain(`<loc>${run.origin}/</loc>`);
    expect(await text('/')).toContain(`<link rel="canonical" href="${run.origin}/"`);
  });

  it('publishes a saved programme to its page, the list, /dane/zapisy.json and the sign-up endpoint by itself', async () => {
    const title = 'Warsztaty zapisane w CMS';
    const indexedBefore = (JSON.parse(await text('/pagefind/pagefind-entry.json')) as { languages: Record<string, { page_count: number }> }).languages['pl']!.page_count;
    await run.save('src/content/programy/warsztaty-zapisane.md', programmeWithEnrolment({ title, opens: new Date(Date.now() - 3_600_000), closes: new Date(Date.now() + 86_400_000) }));
    await run.live.rebuilder.idle();
    const took = await within(180 * second, 'the saved programme', async () => {
      const [page, list, catalogue] = await Promise.all([get('/programy/warsztaty-zapisane/'), text('/programy/'), text('/dane/zapisy.json')]);
      return page.status === 200 && list.includes(title) && catalogue.includes('"warsztaty-zapisane"');
    });
    console.log(`live site: a saved programme everywhere after ${Math.round(took)} ms`);
    // The sign-up endpoint reads the catalogue of the site it serves (re-read every two seconds at most).
    await within(60 * second, 'the sign-up endpoint', async () => {
      const response = await fetch(`${run.origin}/api/zapisy`, {
        method: 'POST',
        body: new URLSearchParams({ programme: 'warsztaty-zapisane', email: 'zofia.nowak@example.pl', name: 'Zofia Nowak', consent: 'tak', website: '' }),
        headers: { Origin: run.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      });
      return response.status === 303 && (response.headers.get('location') ?? '').includes('/zapisy/sprawdz-poczte/');
    });
    await run.app.waitForMail('zofia.nowak@example.pl');
    // The search index follows the pages as a publication of its own.
    await run.live.rebuilder.idle();
    const entry = JSON.parse(await text('/pagefind/pagefind-entry.json')) as { languages: Record<string, { page_count: number }> };
    expect(entry.languages['pl']!.page_count).toBe(indexedBefore + 1);
  }, 300_000);

  it('names a stored scan in its log once the rebuilt index has read it, as a build does (issue 15)', async () => {
    await run.live.rebuilder.idle();
    await mkdir(join(run.site.root, 'public/pliki'), { recursive: true });
    await writeFile(join(run.site.root, 'public/pliki/skan-uchwaly.pdf'), await makeScannedPdf(1));
    await within(180 * second, 'the scan in the log', async () => run.siteLogs.some((line) => line.startsWith('Plik /pliki/skan-uchwaly.pdf to skan bez warstwy tekstowej')));
    expect(run.siteLogs.some((line) => /^Tekst załączników: 1 plik, 0 stron, \d+ ms/.test(line))).toBe(true);
  }, 300_000);

  it('gives a burst of saves one rebuild, after the last of them', async () => {
    await run.live.rebuilder.idle();
    const builds = () => run.siteLogs.filter((line) => line.startsWith('Strona opublikowana')).length;
    const before = builds();
    const file = 'src/content/programy/warsztaty-zapisane.md';
    const original = programmeWithEnrolment({ title: 'Warsztaty zapisane w CMS', opens: new Date(Date.now() - 3_600_000), closes: new Date(Date.now() + 86_400_000) });
    // Ten saves one after another, well within the quiet time, as a burst of quick corrections.
    for (let i = 1; i <= 10; i++) await run.save(file, original.replace('Opis programu.', `Opis programu, poprawka ${i}.`));
    await within(180 * second, 'the last save', async () => (await text('/programy/warsztaty-zapisane/')).includes('poprawka 10.'));
    await run.live.rebuilder.idle();
    expect(builds() - before).toBe(1);
  }, 300_000);

  it('closes an enrolment on the pages by the clock alone (JavaScript off)', async () => {
    await run.live.rebuilder.idle();
    // Open for another minute: long enough for this save to be published first, even on a busy machine (a build takes
    // 5–16 s there); the clock then has the next build to itself.
    const closes = new Date(Date.now() + 60 * second);
    await run.save(closingFile, programmeWithEnrolment({ title: closing.title, opens: new Date(Date.now() - 86_400_000), closes }));
    await within(180 * second, 'the open enrolment', async () => (await text('/programy/spacer-z-zegarem/')).includes('name="programme"'));
    await run.live.rebuilder.idle();
    let closedSeenAt = 0;
    await within(closes.getTime() + 180 * second - Date.now(), 'closed by the clock', async () => {
      const [page, list] = await Promise.all([text('/programy/spacer-z-zegarem/'), text('/programy/')]);
      closedSeenAt = Date.now();
      return page.includes('Nabór zakończył się') && !page.includes('name="programme"') && list.includes('Nabór zakończony');
    });
    console.log(`live site: enrolment shown closed ${Math.round((closedSeenAt - closes.getTime()) / 1000)} s after its end`);
    // Nothing but the clock asked for that build.
    expect(run.live.rebuilder.status().published?.reason).toBe('zegar — koniec naboru: Spacer z zegarem');
  }, 300_000);

  it('answers every request with a complete page while it rebuilds 20 times in a row', async () => {
    const pages = ['/', '/programy/', '/wydarzenia/', '/aktualnosci/', '/archiwum/', '/kalendarz/', '/konsultacje/', '/losowania/', '/o-portalu/', '/dane/zapisy.json'];
    const bad: string[] = [];
    let answered = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        // As sent (identity: the body's length must be its Content-Length) and compressed (fetch decodes it; a cut stream fails to decode).
        await Promise.all(
          pages.flatMap((path) => ['identity', 'br, gzip'].map(async (encoding) => {
            const response = await fetch(`${run.origin}${path}`, { headers: { 'Accept-Encoding': encoding } });
            const body = await response.text();
            const complete = path.endsWith('.json') ? body.trimEnd().endsWith('}') : body.trimEnd().endsWith('</html>');
            const whole = encoding !== 'identity' || Buffer.byteLength(body) === Number(response.headers.get('content-length'));
            if (response.status !== 200 || !complete || !whole) bad.push(`${path} (${encoding}): ${response.status}, ${Buffer.byteLength(body)} B`);
            answered++;
          })),
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const published = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const result = await run.live.rebuilder.buildNow(`przebudowa ${i + 1} z 20`);
      expect(result.ok).toBe(true);
      published.add(run.live.generations.published!);
    }
    polling = false;
    await poller;
    expect(bad).toEqual([]);
    expect(answered).toBeGreaterThan(20 * pages.length);
    expect(published.size).toBe(20);
    // Superseded builds are deleted once no request holds them: the current pages and index (and their links) remain.
    await run.live.rebuilder.idle();
    await run.live.generations.settled();
    const left = (await readdir(run.live.generations.published!.replace(/\/[^/]+$/, ''))).filter((name) => !['current', 'current-index', 'node_modules'].includes(name) && !name.startsWith('.'));
    expect(left.length).toBeLessThanOrEqual(2);
  }, 480_000);

  it('publishes what an editor pushed when GitHub’s signed push webhook arrives, and refuses an unsigned one', async () => {
    const editor = join(repositories, 'editor');
    const title = 'Program z repozytorium treści';
    await writeFile(join(editor, 'src/content/programy/z-repozytorium.md'), programmeWithEnrolment({ title, opens: new Date(Date.now() - 3_600_000), closes: new Date(Date.now() + 86_400_000) }));
    git(editor, 'add', '.');
    git(editor, 'commit', '--quiet', '-m', 'Nowy program');
    git(editor, 'push', '--quiet', 'origin', 'main');
    const after = git(editor, 'rev-parse', 'HEAD');
    const body = JSON.stringify({ ref: 'refs/heads/main', before: git(run.site.root, 'rev-parse', 'HEAD'), after });
    const deliver = (signature: string) =>
      fetch(`${run.origin}/api/github/push`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': randomUUID(), 'X-Hub-Signature-256': signature },
      });
    const forged = await deliver(`sha256=${createHmac('sha256', 'not-the-secret').update(body).digest('hex')}`);
    expect(forged.status).toBe(401);
    expect(git(run.site.root, 'rev-parse', 'HEAD')).not.toBe(after);
    const signed = await deliver(`sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`);
    expect(signed.status).toBe(202);
    expect(git(run.site.root, 'rev-parse', 'HEAD')).toBe(after);
    await within(180 * second, 'the pushed programme', async () => (await get('/programy/z-repozytorium/')).status === 200 && (await text('/programy/')).includes(title));
  }, 300_000);

  it('keeps the last good site when a build fails, and the panel says which file and field in Polish', async () => {
    await run.live.rebuilder.idle();
    const before = await text('/programy/');
    const broken = 'src/content/programy/zepsuty.md';
    await run.save(broken, programmeWithEnrolment({ title: 'Zepsuty program', opens: new Date(), closes: new Date(Date.now() + 86_400_000) }).replace(/^year: .*$/m, 'year: dwa tysiące'));
    await within(180 * second, 'the failed build', async () => run.live.rebuilder.status().state === 'failed');
    expect((await get('/programy/')).status).toBe(200);
    expect(await text('/programy/')).toBe(before);
    const failure = run.live.rebuilder.status().failure!;
    expect(failure.file).toBe(broken);
    const token = await signIn(run.app);
    const panel = await (await fetch(`${run.origin}/panel/`, { headers: cookieHeader(token) })).text();
    expect(panel).toContain('Ostatnie budowanie strony nie powiodło się');
    expect(panel).toContain(broken);
    expect(panel).toContain('Mieszkańcy widzą nadal poprzednią wersję strony.');
    // Said once in the log, though the save is repeated.
    await run.save(broken, programmeWithEnrolment({ title: 'Zepsuty program', opens: new Date(), closes: new Date(Date.now() + 86_400_000) }).replace(/^year: .*$/m, 'year: dwa tysiące '));
    await run.live.rebuilder.idle();
    expect(run.siteLogs.filter((line) => line.startsWith('Budowanie strony nie powiodło się'))).toHaveLength(1);
    // Fixed: the next save publishes again.
    await rm(`${run.site.root}/${broken}`);
    await within(180 * second, 'the repaired build', async () => run.live.rebuilder.status().state === 'published');
    expect(run.siteLogs.some((line) => line.startsWith('Strona zbudowana ponownie bez błędów'))).toBe(true);
    // A reference to an entry that does not exist publishes (the page leaves the link out), and the panel says what to fix.
    const dangling = 'src/content/wydarzenia/spotkanie-bez-programu.md';
    await run.save(dangling, '---\ntitle: Spotkanie bez programu\nprogramme: nie-ma-takiego\nkind: workshop\nstart: "2030-03-28T10:00:00+01:00"\nend: "2030-03-28T12:00:00+01:00"\nstatus: planned\nplace:\n  name: Centrum Obywatelskie\n  address: ul. Zabłocie 22, Kraków\n---\n\nOpis.\n');
    await within(180 * second, 'the build with a missing reference', async () => (run.live.rebuilder.status().warnings ?? []).length > 0);
    expect((await get('/wydarzenia/spotkanie-bez-programu/')).status).toBe(200);
    const warning = run.live.rebuilder.status().warnings![0]!;
    expect(warning.file).toBe(dangling);
    expect(warning.summary).toContain('„nie-ma-takiego”');
    const withWarning = await (await fetch(`${run.origin}/panel/`, { headers: cookieHeader(token) })).text();
    expect(withWarning).toContain('Do poprawienia w treści');
    expect(withWarning).toContain(dangling);
  }, 600_000);
});

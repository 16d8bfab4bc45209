/**
 * The push webhook and `npm run site:update` against real git: a bare
 * "origin" repository and the server's clone of it in a temporary folder,
 * deliveries signed with node:crypto exactly as GitHub signs them. Every
 * refusal is checked for what matters: nothing moved, nothing rebuilt,
 * nothing local lost.
 */
import type { Config } from '@netlify/functions';
import { execFile, execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WindowLimit } from '../../src/server/rate-limit.ts';
import { commitSummaries, containsCommit, countCommits, fastForward, GitUpdateError, headCommit } from '../../src/site/git.ts';
import { createPushWebhook, pushWebhookPath, pushWebhookRateLimit, pushWebhookSettings, type PushWebhookOptions } from '../../src/site/webhook.ts';

const secret = 'test-webhook-secret-0123456789-abcdefghij';
const script = new URL('../../scripts/update-site.ts', import.meta.url).pathname;

/** Git for the fixtures, deaf to this machine's configuration (signing, hooks, default branch). */
const fixtureEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Redakcja',
  GIT_AUTHOR_EMAIL: 'redakcja@wspolnie.example',
  GIT_COMMITTER_NAME: 'Redakcja',
  GIT_COMMITTER_EMAIL: 'redakcja@wspolnie.example',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: fixtureEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

let root: string;
let origin: string;
/** Where editors (the CMS) commit and push. */
let editor: string;
/** The server's checkout. */
let checkout: string;

async function commitFile(repo: string, file: string, content: string, message: string, push = true): Promise<string> {
  await writeFile(join(repo, file), content);
  git(repo, 'add', file);
  git(repo, 'commit', '--quiet', '-m', message);
  if (push) git(repo, 'push', '--quiet', 'origin', 'HEAD');
  return git(repo, 'rev-parse', 'HEAD');
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wspolnie-push-'));
  origin = join(root, 'origin.git');
  editor = join(root, 'editor');
  checkout = join(root, 'checkout');
  git(root, 'init', '--quiet', '--bare', '-b', 'main', origin);
  git(root, 'clone', '--quiet', origin, editor);
  git(editor, 'switch', '--quiet', '-c', 'main');
  await commitFile(editor, 'program.md', '# Program\n', 'Pierwszy program');
  git(root, 'clone', '--quiet', origin, checkout);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Harness {
  handle: (request: Request) => Promise<Response>;
  rebuilds: string[];
  logs: string[];
}

function webhook(overrides: Partial<PushWebhookOptions> = {}): Harness {
  const rebuilds: string[] = [];
  const logs: string[] = [];
  const handle = createPushWebhook({ secret, checkout, branch: 'main', rebuild: (reason) => rebuilds.push(reason), log: (line) => logs.push(line), ...overrides });
  return { handle, rebuilds, logs };
}

const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;

interface DeliveryOptions {
  event?: string;
  id?: string;
  signature?: string | null;
  contentType?: string;
}

function delivery(body: string, { event = 'push', id = randomUUID(), signature = sign(body), contentType = 'application/json' }: DeliveryOptions = {}): Request {
  const headers: Record<string, string> = { 'Content-Type': contentType, 'X-GitHub-Event': event, 'X-GitHub-Delivery': id, 'User-Agent': 'GitHub-Hookshot/test' };
  if (signature !== null) headers['X-Hub-Signature-256'] = signature;
  return new Request(`http://127.0.0.1${pushWebhookPath}`, { method: 'POST', headers, body });
}

/** A push payload as GitHub sends it, with the Polish text a commit message carries (signed as UTF-8 bytes). */
const pushPayload = (after: string, ref = 'refs/heads/main') =>
  JSON.stringify({
    ref,
    before: '0'.repeat(40),
    after,
    deleted: false,
    repository: { full_name: 'krakow/wspolnie-tresci' },
    head_commit: { id: after, message: 'Zmiana godzin dyżuru — Żółć, Łódź' },
  });

describe('push webhook', () => {
  it('fast-forwards the checkout to a correctly signed push and asks for one rebuild with the commit', async () => {
    const { handle, rebuilds, logs } = webhook();
    const pushed = await commitFile(editor, 'aktualnosc.md', 'Nowy termin\n', 'Zmiana godzin dyżuru');
    const response = await handle(delivery(pushPayload(pushed)));
    expect(response.status).toBe(202);
    expect(await response.text()).toMatch(/Zaktualizowano .*przebudowywana/);
    expect(await headCommit(checkout)).toBe(pushed);
    expect(await readFile(join(checkout, 'aktualnosc.md'), 'utf8')).toBe('Nowy termin\n');
    expect(rebuilds).toEqual([`webhook: ${pushed.slice(0, 7)}`]);
    expect(logs.join('\n')).not.toContain(secret);
  });

  it('accepts the form-encoded content type too, signed over the form body', async () => {
    const { handle, rebuilds } = webhook();
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const body = new URLSearchParams({ payload: pushPayload(pushed) }).toString();
    const response = await handle(delivery(body, { contentType: 'application/x-www-form-urlencoded' }));
    expect(response.status).toBe(202);
    expect(await headCommit(checkout)).toBe(pushed);
    expect(rebuilds).toHaveLength(1);
  });

  it('refuses a wrong signature with 401 and changes nothing, logging neither secret nor signature', async () => {
    const { handle, rebuilds, logs } = webhook();
    const before = await headCommit(checkout);
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const body = pushPayload(pushed);
    const forged = sign(body, 'not-the-secret');
    const response = await handle(delivery(body, { signature: forged }));
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('X-Hub-Signature-256');
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs.join('\n')).not.toContain(forged.slice(7, 20));
    expect(logs.join('\n')).not.toContain(secret);
  });

  it('refuses a body changed after signing, and a signature of another form', async () => {
    const { handle, rebuilds } = webhook();
    const before = await headCommit(checkout);
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const body = pushPayload(pushed);
    expect((await handle(delivery(body.replace('Łódź', 'Lodz'), { signature: sign(body) }))).status).toBe(401);
    expect((await handle(delivery(body, { signature: sign(body).replace('sha256=', 'sha1=') }))).status).toBe(401);
    expect((await handle(delivery(body, { signature: sign(body).slice(0, -2) }))).status).toBe(401);
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
  });

  it('refuses a delivery without a signature with 401', async () => {
    const { handle, rebuilds } = webhook();
    const before = await headCommit(checkout);
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const response = await handle(delivery(pushPayload(pushed), { signature: null }));
    expect(response.status).toBe(401);
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
  });

  it('refuses everything with 403 when the server has no secret, saying so once in the log', async () => {
    const { handle, rebuilds, logs } = webhook({ secret: undefined });
    const before = await headCommit(checkout);
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const response = await handle(delivery(pushPayload(pushed)));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/Webhooki nie są skonfigurowane.*GITHUB_WEBHOOK_SECRET/);
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('GITHUB_WEBHOOK_SECRET');
    // A blank secret is no secret.
    expect((await webhook({ secret: '  ' }).handle(delivery(pushPayload(pushed)))).status).toBe(403);
  });

  it('refuses the same delivery replayed with 403, even when there is something new to fetch', async () => {
    const { handle, rebuilds } = webhook();
    const first = await commitFile(editor, 'a.md', 'a\n', 'A');
    const id = randomUUID();
    const body = pushPayload(first);
    expect((await handle(delivery(body, { id }))).status).toBe(202);
    await commitFile(editor, 'b.md', 'b\n', 'B');
    const replay = await handle(delivery(body, { id }));
    expect(replay.status).toBe(403);
    expect(await replay.text()).toMatch(/już przyjęte/);
    expect(await headCommit(checkout)).toBe(first);
    expect(rebuilds).toHaveLength(1);
  });

  it('refuses with 403 a signed payload whose commit the checkout already has, under a new delivery id', async () => {
    const { handle, rebuilds } = webhook();
    const first = await commitFile(editor, 'a.md', 'a\n', 'A');
    expect((await handle(delivery(pushPayload(first)))).status).toBe(202);
    await commitFile(editor, 'b.md', 'b\n', 'B');
    const replay = await handle(delivery(pushPayload(first), { id: randomUUID() }));
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain(first.slice(0, 7));
    expect(await headCommit(checkout)).toBe(first);
    expect(rebuilds).toHaveLength(1);
  });

  it('answers a signed ping with 200 and does nothing else', async () => {
    const { handle, rebuilds } = webhook();
    const before = await headCommit(checkout);
    await commitFile(editor, 'a.md', 'a\n', 'A');
    const response = await handle(delivery(JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 }), { event: 'ping' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^pong/);
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
  });

  it('ignores with 202 a push to another branch and other events', async () => {
    const { handle, rebuilds } = webhook();
    const before = await headCommit(checkout);
    await commitFile(editor, 'a.md', 'a\n', 'A');
    git(editor, 'switch', '--quiet', '-c', 'szkic');
    const draft = await commitFile(editor, 'szkic.md', 'szkic\n', 'Szkic');
    const other = await handle(delivery(pushPayload(draft, 'refs/heads/szkic')));
    expect(other.status).toBe(202);
    expect(await other.text()).toMatch(/pominięty.*main/);
    expect((await handle(delivery(JSON.stringify({ action: 'opened' }), { event: 'issues' }))).status).toBe(202);
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
  });

  it('answers 409 with a Polish reason when the remote history diverged, and leaves the checkout as it was', async () => {
    const { handle, rebuilds, logs } = webhook();
    const first = await commitFile(editor, 'a.md', 'a\n', 'A');
    expect((await handle(delivery(pushPayload(first)))).status).toBe(202);
    // Someone rewrites the branch on GitHub: the checkout's commit is no longer in it.
    git(editor, 'reset', '--quiet', '--hard', 'HEAD~1');
    await commitFile(editor, 'b.md', 'b\n', 'B', false);
    git(editor, 'push', '--quiet', '--force', 'origin', 'HEAD');
    const rewritten = git(editor, 'rev-parse', 'HEAD');
    const id = randomUUID();
    const response = await handle(delivery(pushPayload(rewritten), { id }));
    expect(response.status).toBe(409);
    expect(await response.text()).toMatch(/rozeszła się.*Nic nie zostało zmienione/);
    expect(await headCommit(checkout)).toBe(first);
    expect(await readFile(join(checkout, 'a.md'), 'utf8')).toBe('a\n');
    expect(rebuilds).toHaveLength(1);
    expect(logs.filter((line) => line.includes(id))).toHaveLength(1);
    // A failed delivery was not taken: GitHub's "Redeliver" (same id) tries again rather than being called a replay.
    expect((await handle(delivery(pushPayload(rewritten), { id }))).status).toBe(409);
  });

  it('answers 409 when the checkout has uncommitted changes to tracked files, and keeps them', async () => {
    const { handle, rebuilds } = webhook();
    const before = await headCommit(checkout);
    await writeFile(join(checkout, 'program.md'), '# Program\n\nPoprawka na serwerze\n');
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const response = await handle(delivery(pushPayload(pushed)));
    expect(response.status).toBe(409);
    expect(await response.text()).toMatch(/niezatwierdzone zmiany/);
    expect(await readFile(join(checkout, 'program.md'), 'utf8')).toBe('# Program\n\nPoprawka na serwerze\n');
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
  });

  it('answers 409 when the checkout is on another branch', async () => {
    const { handle, rebuilds } = webhook();
    git(checkout, 'switch', '--quiet', '-c', 'serwer');
    const before = await headCommit(checkout);
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const response = await handle(delivery(pushPayload(pushed)));
    expect(response.status).toBe(409);
    expect(await response.text()).toMatch(/na gałęzi serwer/);
    expect(await headCommit(checkout)).toBe(before);
    expect(rebuilds).toEqual([]);
  });

  it('refuses other methods, oversized bodies and an unreadable payload', async () => {
    const { handle, rebuilds } = webhook({ bodyLimit: 1024 });
    const get = await handle(new Request(`http://127.0.0.1${pushWebhookPath}`));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const big = JSON.stringify({ ref: 'refs/heads/main', padding: 'x'.repeat(2048) });
    expect((await handle(delivery(big))).status).toBe(413);
    expect((await handle(delivery('{"ref": "refs/heads/main"}'))).status).toBe(400);
    expect((await handle(delivery('nie json'))).status).toBe(400);
    expect(rebuilds).toEqual([]);
  });

  it('reads its settings from the environment and offers a limit in the functions’ shape', () => {
    expect(pushWebhookSettings({})).toEqual({ secret: undefined, branch: 'main' });
    expect(pushWebhookSettings({ GITHUB_WEBHOOK_SECRET: ' s3cret ', CONTENT_BRANCH: 'tresci' })).toEqual({ secret: 's3cret', branch: 'tresci' });
    expect(pushWebhookSettings({ GITHUB_WEBHOOK_SECRET: '', CONTENT_BRANCH: '' })).toEqual({ secret: undefined, branch: 'main' });
    const asNetlify: Config['rateLimit'] = pushWebhookRateLimit;
    const asServer: WindowLimit = pushWebhookRateLimit;
    expect(asNetlify).toEqual({ windowLimit: 30, windowSize: 60 });
    expect(asServer.windowLimit).toBe(30);
  });
});

describe('git fast-forward', () => {
  it('reports no change when the checkout is current, and knows which commits it contains', async () => {
    const head = await headCommit(checkout);
    expect(await fastForward({ checkout, branch: 'main' })).toEqual({ before: head, after: head, changed: false });
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    expect(await containsCommit(checkout, pushed)).toBe(false);
    expect(await containsCommit(checkout, head)).toBe(true);
    expect(await containsCommit(checkout, head.slice(0, 10))).toBe(true);
    expect(await containsCommit(checkout, 'f'.repeat(40))).toBe(false);
    expect(await containsCommit(checkout, '--all')).toBe(false);
  });

  it('counts and lists what came in', async () => {
    const head = await headCommit(checkout);
    await commitFile(editor, 'a.md', 'a\n', 'Pierwsza zmiana');
    await commitFile(editor, 'b.md', 'b\n', 'Druga zmiana');
    const result = await fastForward({ checkout, branch: 'main' });
    expect(result).toMatchObject({ before: head, changed: true });
    expect(await countCommits(checkout, result.before, result.after)).toBe(2);
    expect((await commitSummaries(checkout, result.before, result.after)).map((line) => line.slice(8))).toEqual(['Druga zmiana', 'Pierwsza zmiana']);
    expect(await containsCommit(checkout, result.after)).toBe(true);
  });

  it('keeps local commits not yet pushed, and refuses once the remote moved on without them', async () => {
    const local = await commitFile(checkout, 'lokalny.md', 'lokalny\n', 'Lokalnie', false);
    expect(await fastForward({ checkout, branch: 'main' })).toEqual({ before: local, after: local, changed: false });
    await commitFile(editor, 'a.md', 'a\n', 'A');
    const refused = await fastForward({ checkout, branch: 'main' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GitUpdateError);
    expect((refused as GitUpdateError).reason).toBe('diverged');
    expect(await headCommit(checkout)).toBe(local);
  });

  it('runs updates of one checkout one at a time', async () => {
    const pushed = await commitFile(editor, 'a.md', 'a\n', 'A');
    const results = await Promise.all([1, 2, 3].map(() => fastForward({ checkout, branch: 'main' })));
    expect(results.filter((result) => result.changed)).toHaveLength(1);
    expect(await headCommit(checkout)).toBe(pushed);
  });

  it('refuses a branch name git would read as an option, and a folder that is not a repository', async () => {
    await expect(fastForward({ checkout, branch: '--upload-pack=touch' })).rejects.toMatchObject({ reason: 'bad-name' });
    await expect(fastForward({ checkout, branch: 'main', remote: '--upload-pack=x' })).rejects.toMatchObject({ reason: 'bad-name' });
    await expect(fastForward({ checkout: root, branch: 'main' })).rejects.toMatchObject({ reason: 'not-a-repository' });
  });

  it('says in Polish when the remote cannot be reached, without the credentials in its URL', async () => {
    git(checkout, 'remote', 'set-url', 'origin', `file://uzytkownik:tajne-haslo@${join(root, 'nie-ma.git')}`);
    const refused = (await fastForward({ checkout, branch: 'main' }).catch((error: unknown) => error)) as GitUpdateError;
    expect(refused.reason).toBe('fetch-failed');
    expect(refused.message).toMatch(/Nie udało się pobrać gałęzi main/);
    expect(`${refused.message} ${refused.detail}`).not.toContain('tajne-haslo');
  });
});

describe('npm run site:update', () => {
  interface Run {
    code: number;
    stdout: string;
    stderr: string;
  }
  const update = (...args: string[]): Promise<Run> =>
    new Promise((done) => {
      const env = { PATH: process.env['PATH'], HOME: process.env['HOME'], CONTENT_BRANCH: 'main' };
      execFile(process.execPath, [script, ...args], { timeout: 60_000, env }, (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });
  const noTrace = (run: Run) => expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |node:internal/);

  it('fast-forwards the given checkout and says what came in, without building', async () => {
    const before = await headCommit(checkout);
    await commitFile(editor, 'a.md', 'a\n', 'Nowe wydarzenie');
    const pushed = await commitFile(editor, 'b.md', 'b\n', 'Odwołany dyżur');
    const run = await update('--no-build', '--checkout', checkout);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Zaktualizowano ${before.slice(0, 7)}..${pushed.slice(0, 7)}: 2 nowe commity.`);
    expect(run.stdout).toContain('Odwołany dyżur');
    expect(run.stdout).toMatch(/npm start.*sam zauważy/);
    expect(run.stdout).toContain('Pominięto budowanie');
    expect(await headCommit(checkout)).toBe(pushed);

    const again = await update('--no-build', '--checkout', checkout);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Nic nowego: kopia jest aktualna (${pushed.slice(0, 7)})`);
  });

  it('exits 1 with a Polish sentence and keeps local edits when the checkout is not clean', async () => {
    const before = await headCommit(checkout);
    await writeFile(join(checkout, 'program.md'), 'edytowane\n');
    await commitFile(editor, 'a.md', 'a\n', 'A');
    const run = await update('--no-build', '--checkout', checkout);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Nie zaktualizowano strony\. .*niezatwierdzone zmiany/);
    noTrace(run);
    expect(await headCommit(checkout)).toBe(before);
    expect(await readFile(join(checkout, 'program.md'), 'utf8')).toBe('edytowane\n');
  });

  it('refuses an unknown option in Polish', async () => {
    const run = await update('--bez-budowania');
    expect(run.code).toBe(2);
    // Node's own parseArgs message is English ("Unknown option …"): the script must say it in Polish, naming the option.
    expect(run.stderr.trim()).toBe('Nieznana opcja --bez-budowania. Zobacz: npm run site:update -- --help');
    noTrace(run);
  });
});

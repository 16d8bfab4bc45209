/**
 * Bringing the server's checkout of the content repository up to date, with
 * the real `git` CLI: fetch one branch, then a fast-forward and nothing else.
 * Whatever could lose work — uncommitted edits, another branch checked out,
 * a remote history that was rewritten — is refused with a Polish sentence
 * for the operator (`GitUpdateError`); nothing here resets, stashes or
 * merges. Used by the push webhook (webhook.ts) and `npm run site:update`.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export type GitRefusal = 'not-a-repository' | 'bad-name' | 'detached' | 'wrong-branch' | 'dirty' | 'fetch-failed' | 'diverged' | 'merge-failed';

/** An update refused or failed; `message` is Polish and safe to show to whoever triggered it. */
export class GitUpdateError extends Error {
  readonly reason: GitRefusal;
  /** git's own last words, credentials removed: for the log, not for the answer. */
  readonly detail: string;

  constructor(reason: GitRefusal, message: string, detail = '') {
    super(message);
    this.name = 'GitUpdateError';
    this.reason = reason;
    this.detail = detail;
  }
}

export interface FastForwardOptions {
  checkout: string;
  remote?: string;
  branch: string;
}

export interface FastForwardResult {
  before: string;
  after: string;
  changed: boolean;
}

interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Variables a calling git (a hook, a rebase) may have set that would point us at another repository. */
const inheritedRepositoryVariables = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_PREFIX'];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of inheritedRepositoryVariables) delete env[name];
  return env;
}

function git(checkout: string, args: readonly string[], timeoutMs = 30_000): Promise<GitRun> {
  return new Promise((done) => {
    execFile('git', args, { cwd: checkout, env: gitEnv(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout: String(stdout), stderr: error && code === -1 ? `${stderr}\n${error.message}` : String(stderr) });
    });
  });
}

/** A remote URL may carry a token (https://user:token@host/…): never let it reach a log. */
const withoutCredentials = (text: string) => text.replace(/\/\/[^/\s@]+@/g, '//***@');

const lastWords = (run: GitRun) => withoutCredentials(run.stderr.trim().split('\n').slice(-2).join(' | '));

const shaPattern = /^[0-9a-f]{4,64}$/i;

/** The commit HEAD points at (full hex). */
export async function headCommit(checkout: string): Promise<string> {
  const run = await git(checkout, ['rev-parse', '--verify', 'HEAD^{commit}']);
  if (run.code !== 0) throw new GitUpdateError('not-a-repository', `Folder ${checkout} nie jest kopią repozytorium git z zatwierdzonymi zmianami.`, lastWords(run));
  return run.stdout.trim();
}

/** Whether `sha` is HEAD or one of its ancestors; false for anything unknown here. */
export async function containsCommit(checkout: string, sha: string): Promise<boolean> {
  if (!shaPattern.test(sha)) return false;
  const run = await git(checkout, ['merge-base', '--is-ancestor', sha, 'HEAD']);
  return run.code === 0;
}

/** How many commits lie in from..to. */
export async function countCommits(checkout: string, from: string, to: string): Promise<number> {
  if (!shaPattern.test(from) || !shaPattern.test(to)) return 0;
  const run = await git(checkout, ['rev-list', '--count', `${from}..${to}`]);
  return run.code === 0 ? Number(run.stdout.trim()) : 0;
}

/** The newest `limit` commits of from..to as "abc1234 subject" lines, newest first. */
export async function commitSummaries(checkout: string, from: string, to: string, limit = 10): Promise<string[]> {
  if (!shaPattern.test(from) || !shaPattern.test(to)) return [];
  const run = await git(checkout, ['log', `--max-count=${limit}`, '--format=%h %s', `${from}..${to}`]);
  return run.code === 0 ? run.stdout.split('\n').filter(Boolean) : [];
}

/** Options and odd names must never reach git as options or as more than one ref. */
async function checkNames(checkout: string, remote: string, branch: string) {
  const format = await git(checkout, ['check-ref-format', `refs/heads/${branch}`]);
  if (format.code !== 0 || branch.startsWith('-')) throw new GitUpdateError('bad-name', `Nazwa gałęzi „${branch}” jest nieprawidłowa (sprawdź CONTENT_BRANCH).`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(remote)) throw new GitUpdateError('bad-name', `Nazwa zdalnego repozytorium „${remote}” jest nieprawidłowa.`);
}

async function refuseUnsafeState(checkout: string, branch: string) {
  const current = await git(checkout, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (current.code !== 0) {
    throw new GitUpdateError('detached', `Kopia w ${checkout} nie jest na żadnej gałęzi (odłączony HEAD). Przełącz ją na gałąź ${branch} (git switch ${branch}) i spróbuj ponownie.`);
  }
  const name = current.stdout.trim();
  if (name !== branch) {
    throw new GitUpdateError('wrong-branch', `Kopia w ${checkout} jest na gałęzi ${name}, a aktualizowana jest gałąź ${branch}. Przełącz ją (git switch ${branch}) albo ustaw CONTENT_BRANCH.`);
  }
  const status = await git(checkout, ['status', '--porcelain', '--untracked-files=no']);
  if (status.code !== 0) throw new GitUpdateError('not-a-repository', `Nie udało się odczytać stanu kopii w ${checkout}.`, lastWords(status));
  const changed = status.stdout.split('\n').filter(Boolean).length;
  if (changed > 0) {
    throw new GitUpdateError(
      'dirty',
      `Kopia w ${checkout} ma niezatwierdzone zmiany w śledzonych plikach (${changed}). Nic nie zostało zmienione: zatwierdź je i wypchnij albo cofnij (git status pokaże które), potem spróbuj ponownie.`,
    );
  }
}

/** One update at a time per checkout: two deliveries at once would fight over git's locks. */
const queues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(checkout: string, work: () => Promise<T>): Promise<T> {
  const key = resolve(checkout);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * `git fetch <remote> <branch>`, then `git merge --ff-only` to the fetched
 * commit (FETCH_HEAD, resolved at once: another fetch may rewrite the file)
 * when it descends from HEAD. Local commits not yet pushed (HEAD
 * ahead of the remote) are left alone and reported as no change.
 */
export function fastForward({ checkout, remote = 'origin', branch }: FastForwardOptions): Promise<FastForwardResult> {
  return oneAtATime(checkout, async () => {
    const before = await headCommit(checkout);
    await checkNames(checkout, remote, branch);
    await refuseUnsafeState(checkout, branch);

    const fetched = await git(checkout, ['fetch', '--no-tags', '--quiet', remote, branch], 120_000);
    if (fetched.code !== 0) {
      throw new GitUpdateError('fetch-failed', `Nie udało się pobrać gałęzi ${branch} z ${remote}. Sprawdź adres repozytorium, dostęp i sieć (git fetch ${remote} ${branch}).`, lastWords(fetched));
    }
    const target = (await git(checkout, ['rev-parse', '--verify', 'FETCH_HEAD^{commit}'])).stdout.trim();
    if (!shaPattern.test(target)) throw new GitUpdateError('fetch-failed', `Po pobraniu z ${remote} nie ma gałęzi ${branch}.`);

    if (await containsCommit(checkout, target)) return { before, after: before, changed: false };
    const fastForwardable = await git(checkout, ['merge-base', '--is-ancestor', before, target]);
    if (fastForwardable.code !== 0) {
      throw new GitUpdateError(
        'diverged',
        `Historia gałęzi ${branch} w ${remote} rozeszła się z kopią na serwerze (ktoś nadpisał historię albo na serwerze są lokalne commity). Nic nie zostało zmienione; porównaj je ręcznie (git log HEAD...FETCH_HEAD).`,
      );
    }
    const merged = await git(checkout, ['merge', '--ff-only', '--quiet', target], 120_000);
    if (merged.code !== 0) {
      throw new GitUpdateError(
        'merge-failed',
        `Nie udało się przesunąć kopii do ${target.slice(0, 7)} (np. nieśledzony plik o tej samej nazwie albo blokada innego procesu git). Nic nie zostało nadpisane; szczegóły w dzienniku serwera.`,
        lastWords(merged),
      );
    }
    const after = await headCommit(checkout);
    return { before, after, changed: after !== before };
  });
}

/**
 * One process per PGlite data folder. PGlite is Postgres compiled into this
 * process: two processes opening the same folder would each believe they own
 * the files and corrupt them. A lock file beside the folder holds the owner's
 * pid; a lock whose pid is dead (a crash, kill -9) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class DataDirLockedError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number, message?: string) {
    super(
      message ??
        `Baza danych w folderze ${dataDir} jest już otwarta przez proces o PID ${pid}. ` +
          'Wbudowana baza PGlite pozwala na jeden proces naraz: zatrzymaj tamten proces (np. drugie „npm start”) ' +
          'albo ustaw WSPOLNIE_DATA_DIR na inny folder danych (z osobną bazą, pocztą i kluczem linków).',
    );
    this.name = 'DataDirLockedError';
    this.pid = pid;
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Takes the lock for `dataDir` or throws DataDirLockedError (with `lockedMessage(pid)` as its text, if given). */
export function lockDataDir(dataDir: string, lockedMessage?: (pid: number) => string): DataDirLock {
  const path = `${dataDir}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path)) return held(path);
    const owner = readOwner(path);
    if (owner === undefined) continue; // vanished or half-written: look again
    if (owner === process.pid || isAlive(owner)) throw new DataDirLockedError(dataDir, owner, lockedMessage?.(owner)); // a live owner, or opened twice in one process
    takeOverStale(path, owner);
  }
  throw new Error(`Nie udało się założyć blokady ${path}; usuń ten plik, jeśli żaden proces nie używa bazy.`);
}

function held(path: string): DataDirLock {
  // A normal exit (including process.exit) releases the lock even without close().
  const onExit = () => releaseIfOurs(path);
  process.once('exit', onExit);
  return {
    path,
    release() {
      process.removeListener('exit', onExit);
      releaseIfOurs(path);
    },
  };
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text, 10);
  // An empty file is a lock being written right now; treat it as taken only
  // briefly, and as stale once it is old.
  if (Number.isInteger(pid) && pid > 0) return pid;
  return ageMs(path) > 5_000 ? 0 : undefined;
}

/**
 * Whether `pid` still runs. A process killed with kill -9 stays a zombie
 * until its parent reaps it, and signal 0 still reaches a zombie: on Linux
 * its state in /proc says so (`Z`, or `X` while it is being reaped), so a
 * supervisor restarting at once (systemd) is not refused by a dead owner.
 */
export function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false; // no /proc (macOS): signal 0 is all there is
  }
  // "pid (comm) S …": comm may hold spaces and brackets, so the state follows the last ")".
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}

/**
 * Two processes may find the same stale lock at once. Only the one that
 * creates the `.takeover` file removes it, after checking it still names the
 * dead pid, so neither can delete a lock the other has just taken.
 */
function takeOverStale(path: string, deadPid: number): void {
  const guard = `${path}.takeover`;
  if (!tryCreate(guard)) {
    if (ageMs(guard) > 10_000) rmSync(guard, { force: true }); // its owner died mid-takeover
    return;
  }
  try {
    const owner = readOwner(path);
    if (owner === deadPid || owner === 0) unlinkSync(path);
  } finally {
    rmSync(guard, { force: true });
  }
}

function releaseIfOurs(path: string): void {
  if (readOwner(path) === process.pid) rmSync(path, { force: true });
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

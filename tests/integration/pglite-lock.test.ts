/**
 * One process per PGlite folder: a second process is refused with a Polish
 * explanation, and a lock left by a process that died is taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataDirLockedError, isAlive, lockDataDir } from '../../src/db/data-dir-lock.ts';
import { openDatabase } from '../../src/db/open.ts';
import { DataDirLayoutError } from '../../src/lib/data-dir.ts';

const child = new URL('../support/open-database-child.ts', import.meta.url).pathname;

/** Starts the child and resolves with its first line of output. */
function startChild(dir: string, mode: 'try' | 'hold'): { process: ChildProcess; firstLine: Promise<string>; exit: Promise<number | null> } {
  const proc = spawn(process.execPath, [child, dir, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('\n')) resolve(output.split('\n')[0] ?? '');
    });
    proc.once('exit', (code) => reject(new Error(`child exited (${code}) before reporting: ${output}`)));
  });
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { process: proc, firstLine, exit };
}

function deadPid(): Promise<number> {
  const proc = spawn(process.execPath, ['-e', '']);
  return new Promise((resolve) => proc.once('exit', () => resolve(proc.pid ?? 0)));
}

describe('PGlite data folder lock', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'wspolnie-lock-'));
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('creates a new folder on first open, then refuses a second process while the first holds it', async () => {
    const data = join(parent, 'fresh'); // brand new, as on a first `npm start`
    const dir = join(data, 'pglite');
    const db = await openDatabase({ WSPOLNIE_DATA_DIR: data });
    try {
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
      expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
      const second = startChild(data, 'try');
      const line = await second.firstLine;
      expect(line).toContain(`refused Baza danych w folderze ${dir} jest już otwarta przez proces o PID ${process.pid}.`);
      expect(line).toContain('ustaw WSPOLNIE_DATA_DIR na inny folder danych');
      expect(await second.exit).toBe(3);
    } finally {
      await db.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
    // Released on close: now the other process may open it.
    const third = startChild(data, 'try');
    expect(await third.firstLine).toMatch(/^opened \d+ migrations=\d+$/);
    expect(await third.exit).toBe(0);
  });

  it('refuses this process while another holds the folder, and takes over once that one is killed', async () => {
    const data = join(parent, 'held');
    const dir = join(data, 'pglite');
    await cp(inject('pgliteTemplate'), dir, { recursive: true });
    const holder = startChild(data, 'hold');
    try {
      expect(await holder.firstLine).toMatch(/^opened /);
      const refused = await openDatabase({ WSPOLNIE_DATA_DIR: data }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DataDirLockedError);
      expect((refused as DataDirLockedError).pid).toBe(holder.process.pid);
    } finally {
      holder.process.kill('SIGKILL'); // a crash: no chance to remove its lock file
      await holder.exit;
    }
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(holder.process.pid));
    const db = await openDatabase({ WSPOLNIE_DATA_DIR: data });
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await db.close();
  });

  it('takes over a lock file naming a process that no longer exists', async () => {
    const data = join(parent, 'stale');
    const dir = join(data, 'pglite');
    await cp(inject('pgliteTemplate'), dir, { recursive: true });
    writeFileSync(`${dir}.lock`, `${await deadPid()}\n`);
    const db = await openDatabase({ WSPOLNIE_DATA_DIR: data });
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await db.close();
  });

  it('refuses a data folder that is itself a PGlite database (the layout before WSPOLNIE_DATA_DIR held all local state), creating nothing in it', async () => {
    const data = join(parent, 'old-layout');
    await cp(inject('pgliteTemplate'), data, { recursive: true });
    const refused = await openDatabase({ WSPOLNIE_DATA_DIR: data }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirLayoutError);
    expect((refused as Error).message).toContain(`WSPOLNIE_DATA_DIR (${data}) to folder samej bazy PGlite`);
    expect(existsSync(join(data, 'pglite'))).toBe(false);
    expect(existsSync(join(data, 'pglite.lock'))).toBe(false);
  });

  it('refuses a second open within the same process', async () => {
    const data = join(parent, 'twice');
    const dir = join(data, 'pglite');
    await cp(inject('pgliteTemplate'), dir, { recursive: true });
    const db = await openDatabase({ WSPOLNIE_DATA_DIR: data });
    try {
      await expect(openDatabase({ WSPOLNIE_DATA_DIR: data })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await db.close();
    }
  });
});

describe('a lock held by a zombie', () => {
  it('is taken over at once: a process killed with kill -9 and not yet reaped is dead', async () => {
    // Perl's fork leaves the child unreaped until the parent calls wait, which it never does:
    // the child stays a zombie while the parent sleeps. (A shell may reap a background job
    // before `exec`, which made the earlier `sh -c 'true & …; exec sleep'` flaky under load.)
    const parentProcess = spawn('perl', ['-e', '$| = 1; my $child = fork; exit 0 unless $child; print "$child\\n"; sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const zombie = await new Promise<number>((resolve) => parentProcess.stdout!.once('data', (chunk: Buffer) => resolve(Number.parseInt(chunk.toString(), 10))));
    try {
      // Wait for the child to have exited: its state turns to Z.
      for (let i = 0; i < 200 && !readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z '); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toContain(') Z ');
      expect(isAlive(zombie)).toBe(false);
      const dir = await mkdtemp(join(tmpdir(), 'wspolnie-zombie-'));
      writeFileSync(`${join(dir, 'site')}.lock`, `${zombie}\n`);
      const lock = lockDataDir(join(dir, 'site'));
      expect(readFileSync(lock.path, 'utf8')).toBe(`${process.pid}\n`);
      lock.release();
      await rm(dir, { recursive: true, force: true });
    } finally {
      parentProcess.kill('SIGKILL');
    }
  });
});

/**
 * `npm run ideas -- group <file>` as people run it: the real script in a
 * child process on real files. Every failure must be a Polish sentence on
 * stderr with exit status 2 — never a stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupLabels } from '../../src/ideas/group.ts';

const script = new URL('../../scripts/ideas.ts', import.meta.url).pathname;
let dir: string;

interface Run { code: number; stdout: string; stderr: string }

function ideas(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function expectCleanFailure(run: Run, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wspolnie-ideas-cli-'));
  const fixture = await readFile(new URL('../fixtures/ideas/pomysly.tsv', import.meta.url), 'utf8');
  const texts = fixture.trimEnd().split('\n').slice(1).map((line) => line.split('\t')[1]!);
  await writeFile(join(dir, 'pomysly.txt'), `${texts.join('\n')}\n`);
  await writeFile(join(dir, 'crlf.txt'), '\uFEFFŁawki w parku Jordana\r\n\r\nbrakuje ławek w Parku Jordana\r\nTramwaj do Mistrzejowic\r\n');
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'blank.txt'), '\n  \n\n');
  await writeFile(join(dir, 'latin2.txt'), Buffer.from([0x4c, 0xb3, 0x61, 0x77, 0x6b, 0x69, 0x0a])); // "Ławki" in ISO-8859-2
  await mkdir(join(dir, 'folder'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run ideas -- group', () => {
  it('prints one label per line, in order, as the grouping gives them', async () => {
    const run = await ideas('group', join(dir, 'pomysly.txt'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const texts = (await readFile(join(dir, 'pomysly.txt'), 'utf8')).trimEnd().split('\n');
    const printed = run.stdout.split('\n');
    expect(printed.pop()).toBe('');
    expect(printed).toHaveLength(texts.length);
    expect(printed).toEqual(groupLabels(texts));
    expect(new Set(printed).size).toBeGreaterThanOrEqual(30);
  });

  it('reads CRLF and a BOM, and answers a blank line with a blank line', async () => {
    const run = await ideas('group', join(dir, 'crlf.txt'));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Ławki w parku Jordana\n\nŁawki w parku Jordana\nTramwaj do Mistrzejowic\n');
  });

  it('refuses bad input with a Polish sentence and exit status 2', async () => {
    expectCleanFailure(await ideas('group', join(dir, 'nie-ma.txt')), /^Nie ma pliku „.*nie-ma\.txt”\.\n$/);
    expectCleanFailure(await ideas('group', join(dir, 'folder')), /jest katalogiem/);
    expectCleanFailure(await ideas('group', join(dir, 'empty.txt')), /jest pusty/);
    expectCleanFailure(await ideas('group', join(dir, 'blank.txt')), /jest pusty/);
    expectCleanFailure(await ideas('group', join(dir, 'latin2.txt')), /nie jest zapisany w UTF-8/);
    expectCleanFailure(await ideas('group'), /Podaj dokładnie jeden plik/);
    expectCleanFailure(await ideas('group', join(dir, 'crlf.txt'), join(dir, 'empty.txt')), /Podaj dokładnie jeden plik/);
    expectCleanFailure(await ideas(), /^Podaj polecenie i plik: npm run ideas -- group <plik>/);
    expectCleanFailure(await ideas('sortuj', join(dir, 'pomysly.txt')), /Nieznane polecenie „sortuj”/);
  });

  it('runs as the npm script package.json names, with the project Node', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile('npm', ['run', '--silent', 'ideas', '--', 'group', join(dir, 'crlf.txt')], { cwd: new URL('../../', import.meta.url).pathname, timeout: 30_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Ławki w parku Jordana\n\nŁawki w parku Jordana\nTramwaj do Mistrzejowic\n');
  });

  it('prints its help in Polish', async () => {
    const run = await ideas('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Grupowanie pomysłów/);
  });
});

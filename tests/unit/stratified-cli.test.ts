/**
 * `npm run draw -- stratified` as people run it: the real script in a child
 * process, on real files in the issue's formats. The output is the accepted
 * codes in order, `--`, the waiting list; every failure is a Polish sentence
 * on stderr with exit status 2 — never a stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawOrder } from '../../src/draw/rfc3797.ts';
import { stratifiedDraw } from '../../src/draw/stratified.ts';
import { krakowPool, krakowQuotas } from './stratified-krakow.ts';

const script = new URL('../../scripts/draw.ts', import.meta.url).pathname;
const key = '3.7.19.28.33.41./9F2C4E1B7A5D3C8E/';
let dir: string;

interface Run { code: number; stdout: string; stderr: string }

function draw(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const file = (name: string) => join(dir, name);
const stratified = (pool: string, quotas: string, k = key) => draw('stratified', '--key', k, '--pool', file(pool), '--quotas', file(quotas));

function expectCleanFailure(run: Run, message: string | RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

const { pool, values } = krakowPool();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wspolnie-stratified-cli-'));
  // Windows line endings, a byte-order mark and spaces around fields are tolerated.
  await writeFile(file('krakow.tsv'), `\uFEFF${pool.map((code) => `${code}\t${values.get(code)!.join(' \t')}`).join('\r\n')}\r\n`);
  await writeFile(file('krakow.json'), JSON.stringify(krakowQuotas));
  await writeFile(file('small.tsv'), 'A\tI\nB\tI\nC\tII\n');
  await writeFile(file('one-category.json'), '{"capacity": 2, "categories": [{"name": "dzielnica", "values": {"II": {"min": 1, "max": 1}}}]}');
  await writeFile(file('wide.json'), '{"capacity": 5, "categories": [{"name": "dzielnica", "values": {"II": {"min": 1, "max": 1}}}]}');
  await writeFile(file('impossible.json'), '{"capacity": 2, "categories": [{"name": "dzielnica", "values": {"III": {"min": 1, "max": 2}}}]}');
  await writeFile(file('short-line.tsv'), 'A\tI\nB\n');
  await writeFile(file('twice.tsv'), 'A\tI\nA\tII\n');
  await writeFile(file('min-over-max.json'), '{"capacity": 2, "categories": [{"name": "dzielnica", "values": {"I": {"min": 2, "max": 1}}}]}');
  await writeFile(file('broken.json'), '{"capacity": ');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run draw -- stratified', () => {
  it('prints the accepted codes in order, --, then the waiting list in order, as the procedure gives them', { timeout: 60_000 }, async () => {
    const run = await stratified('krakow.tsv', 'krakow.json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const expected = stratifiedDraw(drawOrder(pool, key), values, krakowQuotas);
    expect(run.stdout).toBe(`${[...expected.accepted, '--', ...expected.waiting].join('\n')}\n`);
    expect(expected.accepted).toHaveLength(60);
  });

  it('reads one category, and notes on stderr a relaxation or that no draw was needed', { timeout: 60_000 }, async () => {
    expect(await stratified('small.tsv', 'one-category.json')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[AB]\nC\n--\n[AB]\n$/), stderr: '' });
    const relaxed = await stratified('small.tsv', 'impossible.json');
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toBe('Złagodzenie R1: minimum wartości „III” w kategorii „dzielnica” obniżone z 1 do 0 (tyle zgłoszeń z tą wartością jest w puli).\n');
    expect(await stratified('small.tsv', 'wide.json')).toMatchObject({
      code: 0,
      stdout: 'A\nB\nC\n--\n',
      stderr: 'Losowanie niepotrzebne: w puli 3, miejsc 5; przyjęci są wszyscy, w kolejności puli.\n',
    });
  });

  it('refuses bad files and options in Polish, exit 2, without a stack trace', { timeout: 60_000 }, async () => {
    const runs = await Promise.all([
      stratified('short-line.tsv', 'one-category.json'),
      stratified('twice.tsv', 'one-category.json'),
      stratified('small.tsv', 'min-over-max.json'),
      stratified('small.tsv', 'broken.json'),
      stratified('small.tsv', 'missing.json'),
      stratified('small.tsv', 'one-category.json', 'zażółć/'),
      draw('stratified', '--key', key, '--pool', file('small.tsv')),
    ]);
    const messages = [
      'Błąd: Wiersz 2 pliku puli ma sam kod, a kwoty mają 1 kategorię: oczekiwano kodu i jednej wartości po tabulatorze.',
      'Błąd: Kod „A” występuje w pliku puli więcej niż raz.',
      'Błąd: W kategorii „dzielnica” wartość „I” ma minimum 2 większe niż maksimum 1.',
      'Błąd: Plik kwot nie jest poprawnym JSON-em.',
      /^Błąd: Nie ma pliku „.*missing\.json”\.\n$/,
      /^Błąd: Klucz losowania może zawierać tylko znaki ASCII/,
      'Błąd: Podaj klucz, plik puli i plik kwot: npm run draw -- stratified --key "<klucz>" --pool <plik> --quotas <plik>',
    ];
    runs.forEach((run, i) => expectCleanFailure(run, messages[i]!));
  });
});

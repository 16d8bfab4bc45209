/**
 * `npm run draw` as people run it: the real script in a child process, on
 * real files and over real HTTP. Every failure must be a Polish sentence on
 * stderr with exit status 2 — never a stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeProtocol } from '../../src/draw/protocol.ts';
import { genuineProtocol, withChangedCode, withReorderedPool, withReorderedResult, withWrongSourceValue } from '../support/draw-protocols.ts';

const script = new URL('../../scripts/draw.ts', import.meta.url).pathname;
let dir: string;
let server: Server;
let origin: string;
const genuine = genuineProtocol();

interface Run { code: number; stdout: string; stderr: string }

function draw(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function expectCleanFailure(run: Run, message: string | RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wspolnie-draw-cli-'));
  await writeFile(join(dir, 'genuine.json'), serializeProtocol(genuine));
  await writeFile(join(dir, 'changed-code.json'), JSON.stringify(withChangedCode(genuine)));
  await writeFile(join(dir, 'reordered-pool.json'), JSON.stringify(withReorderedPool(genuine)));
  await writeFile(join(dir, 'wrong-source.json'), JSON.stringify(withWrongSourceValue(genuine)));
  await writeFile(join(dir, 'reordered-result.json'), JSON.stringify(withReorderedResult(genuine)));
  await writeFile(join(dir, 'broken.json'), '{"format": ');
  await writeFile(join(dir, 'names.txt'), 'John\nMary\nBashful\nDopey\nSleepy\nGrouchy\nDoc\nSneazy\nHandsome\nCassandra\nPollyanna\nPendragon\nPandora\n' +
    'Faith\nHope\nCharity\nLee\nLongsuffering\nChastity\nSmith\nPride\nSloth\nEnvy\nAnger\nKasczynski\n');
  await writeFile(join(dir, 'pool.txt'), genuine.pool.codes.join('\r\n'));
  server = createServer((request, response) => {
    if (request.url === '/protokol.json') response.writeHead(200, { 'content-type': 'application/json' }).end(serializeProtocol(genuine));
    else response.writeHead(404).end('Nie znaleziono');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('npm run draw -- verify', () => {
  it('accepts a genuine protocol from a file, exit 0', async () => {
    const run = await draw('verify', join(dir, 'genuine.json'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Protokół zgodny: pula 150 kodów i klucz „3\.7\.19\.28\.33\.41\.\/9F2C[0-9A-F]+\/” dają dokładnie opublikowaną kolejność; przyjęto 60, na liście rezerwowej 90\.\n/);
    expect(run.stdout).toContain(`Porównaj skrót puli ${genuine.pool.sha256}`);
  });

  it('accepts a genuine protocol from a URL, with the values a person checked', async () => {
    const run = await draw('verify', `${origin}/protokol.json`, '--sha256', genuine.pool.sha256, '--source', '1=3 7 19 28 33 41');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Protokół zgodny/);
  });

  it.each([
    ['changed-code.json', /✗ Skrót SHA-256 puli się nie zgadza/],
    ['reordered-pool.json', /✗ Pula nie jest w porządku kanonicznym/],
    ['wrong-source.json', /✗ Źródło 1 \(„Lotto, losowanie z 14 marca 2026 r\.: sześć wylosowanych liczb”\): z wartości 42, 7, 19/],
    ['reordered-result.json', /✗ Wynik nie zgadza się z przeliczonym losowaniem na 2 pozycjach; pierwsza to pozycja 60/],
  ])('rejects %s with exit 1 and names the finding', async (file, finding) => {
    const run = await draw('verify', join(dir, file));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Protokół niezgodny: \d+ niezgodnoś/);
    expect(run.stdout).toMatch(finding);
  });

  it('rejects a source value that differs from the one a person found', async () => {
    const run = await draw('verify', join(dir, 'genuine.json'), '--source', '1=3 7 19 28 33 40');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('a podana do sprawdzenia to 3 7 19 28 33 40.');
  });

  it('reports a --source value that can mean two things as bad input (exit 2) with both key parts, and no verdict on the protocol', async () => {
    const run = await draw('verify', join(dir, 'genuine.json'), '--source', '1=2345,67');
    expectCleanFailure(run, /^Błąd: Nie sprawdzono protokołu: podana wartość źródła jest błędna albo można ją odczytać dwojako\./);
    expect(run.stderr).toContain('✗ Źródło 1 („Lotto, losowanie z 14 marca 2026 r.: sześć wylosowanych liczb”): podanej do sprawdzenia wartości nie da się odczytać: „2345,67”');
    expect(run.stderr).toContain('liczby 2345 i 67 (część klucza „67.2345./”)');
    expect(run.stderr).toContain('liczba 2345.67 (część klucza „2345.67/”)');
    expect(run.stderr).not.toContain('niezgodn');
    expectCleanFailure(await draw('verify', join(dir, 'genuine.json'), '--source', '3=1'), /Podano wartość źródła 3, a protokół ma 2 źródła\./);
  });

  it('reports bad JSON as a finding', async () => {
    const run = await draw('verify', join(dir, 'broken.json'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ To nie jest poprawny plik JSON');
  });

  it.each([
    [['verify', '/nie/ma/takiego/pliku.json'], 'Błąd: Nie ma pliku „/nie/ma/takiego/pliku.json”.\n'],
    [['verify', '/tmp'], 'Błąd: „/tmp” to katalog, a nie plik.\n'],
    [['verify', 'http://'], 'Błąd: „http://” nie jest poprawnym adresem URL.\n'],
    [['verify', 'ftp://example.org/p.json'], 'Błąd: Adres „ftp://example.org/p.json” musi zaczynać się od https:// albo http://.\n'],
    [['verify'], /^Błąd: Podaj plik albo adres URL protokołu/],
    [['verify', 'a.json', '--source', 'pierwsze=1'], /^Błąd: --source oczekuje postaci <numer źródła>=<wartość>/],
    [['order', '--key'], 'Błąd: Opcja --key wymaga wartości.\n'],
    [['order', '--pool', 'x.txt'], /^Błąd: Podaj klucz i plik puli/],
    [['losuj'], /^Błąd: Nieznane polecenie „losuj”/],
    [['verify', 'a.json', '--zle'], 'Błąd: Nieznana opcja --zle. Zobacz: npm run draw -- --help\n'],
  ])('refuses %j with a Polish sentence and no stack trace', async (args, message) => {
    expectCleanFailure(await draw(...args), message);
  });

  it('says so when the server has no protocol at that address, or cannot be reached', async () => {
    expectCleanFailure(await draw('verify', `${origin}/brak.json`), `Błąd: Serwer 127.0.0.1:${new URL(origin).port} odpowiedział kodem 404 — pod adresem ${origin}/brak.json nie ma protokołu.\n`);
    expectCleanFailure(await draw('verify', 'http://127.0.0.1:1/p.json'), 'Błąd: Nie udało się połączyć z 127.0.0.1:1: sprawdź adres i połączenie z siecią.\n');
  });
});

describe('npm run draw -- order', () => {
  it('prints RFC 3797 section 6 in drawn order, one per line', async () => {
    const run = await draw('order', '--key', '9319./2.5.8.10.12./9.18.26.34.41.45./', '--pool', join(dir, 'names.txt'));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(25);
    expect(lines.slice(0, 11)).toEqual(['Lee', 'Doc', 'Mary', 'Charity', 'Kasczynski', 'Envy', 'Sneazy', 'Anger', 'Chastity', 'Pandora', 'Sloth']);
  });

  it('reproduces a published protocol\'s order from its key and pool file', async () => {
    const run = await draw('order', '--key', genuine.keyString, '--pool', join(dir, 'pool.txt'));
    expect(run.stdout).toBe(`${genuine.order.join('\n')}\n`);
  });

  it('refuses an empty pool, a repeated code and a non-ASCII key', async () => {
    await writeFile(join(dir, 'empty.txt'), '\n\n');
    await writeFile(join(dir, 'twice.txt'), 'A\nB\nA\n');
    expectCleanFailure(await draw('order', '--key', '1./', '--pool', join(dir, 'empty.txt')), /^Błąd: Plik „.*empty\.txt” nie zawiera żadnego kodu\.\n$/);
    expectCleanFailure(await draw('order', '--key', '1./', '--pool', join(dir, 'twice.txt')), 'Błąd: Kod „A” występuje w pliku puli więcej niż raz.\n');
    expectCleanFailure(await draw('order', '--key', 'żółw/', '--pool', join(dir, 'names.txt')), /^Błąd: Klucz losowania może zawierać tylko znaki ASCII/);
  });

  it('explains itself in Polish', async () => {
    const run = await draw('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('npm run draw -- order --key "<klucz>" --pool <plik>');
    const bare = await draw();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^Podaj polecenie\./);
  });
});

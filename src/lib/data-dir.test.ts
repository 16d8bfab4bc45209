import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSecret } from './secret.ts';
import { createMailTransport } from '../mail/transport.ts';
import { assertDataDirLayout, DataDirLayoutError, dataPaths, describeDataPaths } from './data-dir.ts';

const temp = mkdtempSync(join(tmpdir(), 'wspolnie-data-dir-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('dataPaths', () => {
  it('keeps everything under .data in the working directory by default', () => {
    const root = resolve('.data');
    expect(dataPaths({})).toEqual({
      root,
      pglite: join(root, 'pglite'),
      outbox: join(root, 'outbox'),
      secret: join(root, 'secret'),
      site: join(root, 'site'),
    });
    expect(dataPaths({ WSPOLNIE_DATA_DIR: '  ' }).root).toBe(root);
  });

  it('moves all of it with WSPOLNIE_DATA_DIR, absolute or relative to the working directory', () => {
    expect(dataPaths({ WSPOLNIE_DATA_DIR: '/srv/wspolnie' })).toEqual({
      root: '/srv/wspolnie',
      pglite: '/srv/wspolnie/pglite',
      outbox: '/srv/wspolnie/outbox',
      secret: '/srv/wspolnie/secret',
      site: '/srv/wspolnie/site',
    });
    expect(dataPaths({ WSPOLNIE_DATA_DIR: 'dane/proba ' }).pglite).toBe(join(process.cwd(), 'dane/proba/pglite'));
  });

  it('lets WSPOLNIE_MAIL_SINK_DIR and WSPOLNIE_SECRET_FILE move just the outbox and just the key', () => {
    const paths = dataPaths({ WSPOLNIE_DATA_DIR: '/srv/wspolnie', WSPOLNIE_MAIL_SINK_DIR: '/var/mail/wspolnie', WSPOLNIE_SECRET_FILE: 'klucz' });
    expect(paths.outbox).toBe('/var/mail/wspolnie');
    expect(paths.secret).toBe(join(process.cwd(), 'klucz'));
    expect(paths.pglite).toBe('/srv/wspolnie/pglite');
    expect(paths.site).toBe('/srv/wspolnie/site');
  });
});

describe('describeDataPaths', () => {
  it('names the folders really used, as absolute paths', () => {
    expect(describeDataPaths({ WSPOLNIE_DATA_DIR: '/srv/wspolnie' })).toEqual([
      'Baza danych: PGlite w /srv/wspolnie/pglite',
      'Poczta: pliki .eml w /srv/wspolnie/outbox (bez wysyłania)',
      'Klucz linków: plik /srv/wspolnie/secret',
    ]);
    expect(describeDataPaths({ WSPOLNIE_SECRET_FILE: '/etc/wspolnie/klucz', WSPOLNIE_MAIL_SINK_DIR: '/tmp/poczta' })).toEqual([
      `Baza danych: PGlite w ${resolve('.data/pglite')}`,
      'Poczta: pliki .eml w /tmp/poczta (bez wysyłania)',
      'Klucz linków: plik /etc/wspolnie/klucz',
    ]);
  });

  it('names servers by host only and never prints a password, a user or the key', () => {
    const env = {
      WSPOLNIE_DATA_DIR: '/srv/wspolnie',
      DATABASE_URL: 'postgres://wspolnie:tajne-haslo-db@db.krakow.example:5432/wspolnie?sslmode=require',
      SMTP_URL: 'smtps://powiadomienia:tajne-haslo-smtp@smtp.krakow.example:465',
      WSPOLNIE_SECRET: 'tajny-klucz-linkow-tajny-klucz-linkow-0123',
    };
    const lines = describeDataPaths(env);
    expect(lines).toEqual([
      'Baza danych: PostgreSQL na db.krakow.example:5432/wspolnie (DATABASE_URL)',
      'Poczta: SMTP na smtp.krakow.example:465 (SMTP_URL)',
      'Klucz linków: ze zmiennej WSPOLNIE_SECRET',
    ]);
    const printed = lines.join('\n');
    for (const hidden of ['tajne-haslo', 'wspolnie:', 'powiadomienia', 'tajny-klucz', 'sslmode', '/srv/wspolnie']) expect(printed).not.toContain(hidden);
  });

  it('says only which variable is used when a URL has no host to show', () => {
    expect(describeDataPaths({ DATABASE_URL: 'host=/var/run/postgresql password=tajne', SMTP_URL: 'nie-adres' }).slice(0, 2)).toEqual([
      'Baza danych: PostgreSQL (DATABASE_URL)',
      'Poczta: SMTP (SMTP_URL)',
    ]);
    expect(describeDataPaths({ DATABASE_URL: 'postgresql:///wspolnie?host=/var/run/postgresql' })[0]).toBe('Baza danych: PostgreSQL (DATABASE_URL)');
  });
});

describe('the data folder layout', () => {
  it('refuses a folder that is itself a PGlite database (the old meaning of WSPOLNIE_DATA_DIR)', () => {
    const old = join(temp, 'old');
    mkdirSync(old);
    writeFileSync(join(old, 'PG_VERSION'), '17\n');
    expect(() => assertDataDirLayout(dataPaths({ WSPOLNIE_DATA_DIR: old }))).toThrow(DataDirLayoutError);
    expect(() => assertDataDirLayout(dataPaths({ WSPOLNIE_DATA_DIR: old }))).toThrow(`WSPOLNIE_DATA_DIR (${old}) to folder samej bazy PGlite`);
    // Before the key was written into it: a new key would void every link already sent.
    expect(() => loadSecret({ WSPOLNIE_DATA_DIR: old })).toThrow(DataDirLayoutError);
    expect(existsSync(join(old, 'secret'))).toBe(false);
  });

  it('accepts a new folder, and one in the current layout', () => {
    expect(() => assertDataDirLayout(dataPaths({ WSPOLNIE_DATA_DIR: join(temp, 'missing') }))).not.toThrow();
    const current = join(temp, 'current');
    mkdirSync(join(current, 'pglite'), { recursive: true });
    writeFileSync(join(current, 'pglite/PG_VERSION'), '17\n');
    expect(() => assertDataDirLayout(dataPaths({ WSPOLNIE_DATA_DIR: current }))).not.toThrow();
  });
});

describe('the modules that keep local state', () => {
  it('put the key and the outbox in the data folder', async () => {
    const root = join(temp, 'moved');
    const key = loadSecret({ WSPOLNIE_DATA_DIR: root });
    expect(readFileSync(join(root, 'secret'), 'utf8').trim()).toBe(key.toString());

    const printed: string[] = [];
    const transport = createMailTransport({ WSPOLNIE_DATA_DIR: root }, (line) => printed.push(line));
    try {
      expect(transport.description).toBe(`lokalny folder ${join(root, 'outbox')}`);
      await transport.send({ id: 'abc', to: 'ktos@example.pl', subject: 'Próba', text: 'Treść', html: '<p>Treść</p>' });
    } finally {
      transport.close();
    }
    expect(readdirSync(join(root, 'outbox'))).toEqual([expect.stringMatching(/-abc\.eml$/)]);
    expect(printed[0]).toContain(`zapisana w ${join(root, 'outbox')}/`);
  });
});

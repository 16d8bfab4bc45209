/**
 * Where a self-hosted installation keeps its local state: one folder,
 * WSPOLNIE_DATA_DIR (default `.data`; a relative path is taken from the
 * working directory, which for npm scripts is the project root). Moving it
 * moves all of it, so two installations, or the browser tests beside a
 * running `npm start`, never share a database, an outbox or a key:
 *
 *   <data>/pglite   the embedded database, with its lock file pglite.lock beside it (unless DATABASE_URL)
 *   <data>/outbox   each email as an .eml file (unless SMTP_URL; WSPOLNIE_MAIL_SINK_DIR moves just this)
 *   <data>/secret   the generated link key (unless WSPOLNIE_SECRET; WSPOLNIE_SECRET_FILE moves just this)
 *   <data>/site     the live site's builds
 *
 * Nothing here creates a folder: each part creates its own on first use.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Kept as a name of its own for the callers; the same type as everywhere (src/lib/env.ts). */
export type { Env as DataEnv } from './env.ts';
import type { Env as DataEnv } from './env.ts';

const defaultDataDir = '.data';

export interface DataPaths {
  /** WSPOLNIE_DATA_DIR, absolute. */
  readonly root: string;
  /** The PGlite folder (used when DATABASE_URL is unset). */
  readonly pglite: string;
  /** The local mail folder (used when SMTP_URL is unset); WSPOLNIE_MAIL_SINK_DIR if given. */
  readonly outbox: string;
  /** The generated link key (used when WSPOLNIE_SECRET is unset); WSPOLNIE_SECRET_FILE if given. */
  readonly secret: string;
  /** Reserved for the live site's builds. */
  readonly site: string;
}

const setting = (env: DataEnv, name: string) => env[name]?.trim() || undefined;

/** The absolute paths of every piece of local state, as the environment places them. */
export function dataPaths(env: DataEnv = process.env): DataPaths {
  const root = resolve(setting(env, 'WSPOLNIE_DATA_DIR') ?? defaultDataDir);
  const outbox = setting(env, 'WSPOLNIE_MAIL_SINK_DIR');
  const secret = setting(env, 'WSPOLNIE_SECRET_FILE');
  return {
    root,
    pglite: join(root, 'pglite'),
    outbox: outbox ? resolve(outbox) : join(root, 'outbox'),
    secret: secret ? resolve(secret) : join(root, 'secret'),
    site: join(root, 'site'),
  };
}

/**
 * Lines for the start-up banner, in Polish, naming what is really used:
 * folders as absolute paths, a server by its host (and database name) only —
 * never a password, a user name or a key.
 */
export function describeDataPaths(env: DataEnv = process.env): string[] {
  const paths = dataPaths(env);
  const databaseUrl = setting(env, 'DATABASE_URL');
  const smtpUrl = setting(env, 'SMTP_URL');
  return [
    databaseUrl ? `Baza danych: PostgreSQL${serverOf(databaseUrl, true)} (DATABASE_URL)` : `Baza danych: PGlite w ${paths.pglite}`,
    smtpUrl ? `Poczta: SMTP${serverOf(smtpUrl, false)} (SMTP_URL)` : `Poczta: pliki .eml w ${paths.outbox} (bez wysyłania)`,
    setting(env, 'WSPOLNIE_SECRET') ? 'Klucz linków: ze zmiennej WSPOLNIE_SECRET' : `Klucz linków: plik ${paths.secret}`,
  ];
}

/** " na host:port[/database]" from a URL, or nothing when it has no host to show (a socket, a key=value string). */
function serverOf(url: string, withDatabase: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  // `host` never includes the user or the password; the path of a PostgreSQL URL is the database name.
  if (!parsed.host) return '';
  const database = withDatabase && /^\/[\w.-]+$/.test(parsed.pathname) ? parsed.pathname : '';
  return ` na ${parsed.host}${database}`;
}

/** WSPOLNIE_DATA_DIR points at a PGlite folder itself, as it did before it held all local state. */
export class DataDirLayoutError extends Error {
  constructor(root: string) {
    super(
      `WSPOLNIE_DATA_DIR (${root}) to folder samej bazy PGlite, jak w dawnym układzie. ` +
        'Teraz ta zmienna wskazuje folder wszystkich danych lokalnych: baza leży w jego podfolderze pglite/, ' +
        'poczta w outbox/, klucz linków w pliku secret. Przenieś zawartość tego folderu do jego podfolderu pglite/ ' +
        '(a dotychczasowy plik klucza, domyślnie .data/secret, do pliku secret w tym folderze, by wysłane linki działały dalej) ' +
        'albo ustaw WSPOLNIE_DATA_DIR na inny folder.',
    );
    this.name = 'DataDirLayoutError';
  }
}

/**
 * Refuses a data folder that is itself a PGlite database (PG_VERSION at its
 * top), before anything is created in it: opening `<data>/pglite` there would
 * start an empty database and a new key, and every sign-up and every link
 * already sent would seem lost.
 */
export function assertDataDirLayout(paths: DataPaths): void {
  if (existsSync(join(paths.root, 'PG_VERSION'))) throw new DataDirLayoutError(paths.root);
}

/**
 * The key that signs the links in emails (links.ts). It must stay the same
 * for as long as links live, across restarts and across every function
 * instance, so it comes from the environment (WSPOLNIE_SECRET). Locally,
 * with none set, one is generated once into the data folder (`<data>/secret`,
 * see lib/data-dir.ts; WSPOLNIE_SECRET_FILE names another file) so
 * `npm start` works with nothing to configure; in production a missing key
 * stops the start with a Polish sentence saying what to set. Nothing here prints it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertDataDirLayout, dataPaths } from './data-dir.ts';

export type { Env } from './env.ts';
import type { Env } from './env.ts';
import { plural } from './plural.ts';

/** A setting is missing or wrong; the message is Polish, names the variable and never quotes a value. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

const minimumSecretLength = 32;

/** NODE_ENV=production, or Netlify's production context. */
export const isProduction = (env: Env) => env['NODE_ENV'] === 'production' || env['CONTEXT'] === 'production';

/** Running as a Netlify function (its runtime defines the `Netlify` global), or in Netlify's build. */
const onNetlify = (env: Env) => env['NETLIFY'] === 'true' || 'Netlify' in globalThis;

/** `file` overrides where the local key is kept (the tests use it); by default it is the data folder's. */
export function loadSecret(env: Env, file?: string): Buffer {
  const given = env['WSPOLNIE_SECRET']?.trim();
  if (given) {
    if (given.length < minimumSecretLength) {
      throw new ConfigurationError(`WSPOLNIE_SECRET jest za krótki: potrzeba co najmniej ${plural(minimumSecretLength, 'znaku', 'znaków', 'znaków')} (np. wynik „openssl rand -base64 48”).`);
    }
    return Buffer.from(given, 'utf8');
  }
  if (isProduction(env) || onNetlify(env)) {
    throw new ConfigurationError(
      'Brak WSPOLNIE_SECRET: w środowisku produkcyjnym ustaw ten klucz (co najmniej 32 losowe znaki, np. „openssl rand -base64 48”). ' +
        'Podpisuje linki potwierdzenia i rezygnacji w wiadomościach; musi być stały, bo jego zmiana unieważnia wysłane linki.',
    );
  }
  if (file) return Buffer.from(localSecret(file), 'utf8');
  const paths = dataPaths(env);
  assertDataDirLayout(paths);
  return Buffer.from(localSecret(paths.secret), 'utf8');
}

/** Reads the local key, creating it on first use; two processes starting at once end up with the same one. */
function localSecret(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= minimumSecretLength) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = readFileSync(file, 'utf8').trim();
  if (created.length < minimumSecretLength) throw new ConfigurationError(`Plik ${file} nie zawiera klucza; usuń go, a zostanie utworzony ponownie.`);
  return created;
}

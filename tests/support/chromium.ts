/**
 * The Chromium the browser tests drive through playwright-core (Playwright's
 * own browser download cannot run here). The first that applies:
 *
 * 1. `CHROMIUM_PATH`: that executable, whatever else is installed.
 * 2. Debian's Chromium, /usr/bin/chromium (`apt-get install chromium`).
 * 3. The headless Chromium shipped inside the npm package @sparticuz/chromium
 *    (a devDependency), so `npm install && npm test` needs no browser from the
 *    system. The package holds brotli-compressed files; its own
 *    `executablePath()` unpacks them into the temporary folder, which is
 *    shared by every user and process of the machine. So it runs once per
 *    package version in a child process whose TMPDIR is a fresh folder that
 *    is then renamed to node_modules/.cache/wspolnie-chromium/<version>/
 *    (a rename is atomic: a second process never sees half a browser). The
 *    child says it runs on Amazon Linux 2023 (the package's
 *    AWS_LAMBDA_JS_RUNTIME test), so the package also unpacks the NSS, NSPR
 *    and expat libraries a bare Linux lacks; the browser gets them through
 *    LD_LIBRARY_PATH, and its fonts (the package's Open Sans, then the
 *    system's) through a fonts.conf written beside it. About 200 MB on disk,
 *    3 s to unpack.
 *
 * Whichever it is, it gets a UTF-8 character set when the environment names
 * none (see characterSet).
 *
 * `chromiumPath` is known at once (playwright.config.ts needs it
 * synchronously); the browser behind it exists once `prepareChromium()` has
 * resolved, which `launchChromium()` and the Playwright config await.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

const debianChromium = '/usr/bin/chromium';

interface Resolved {
  /** Where the executable is, or will be once prepared. */
  path: string;
  /** Variables the browser needs on top of process.env; none for a system browser. */
  env?: Record<string, string>;
  /** Makes `path` exist; a system browser needs nothing. */
  prepare?: () => Promise<void>;
}

function resolveChromium(): Resolved {
  const given = process.env['CHROMIUM_PATH']?.trim();
  if (given) return { path: given };
  if (existsSync(debianChromium)) return { path: debianChromium };
  let entry: string;
  try {
    // Not import.meta.resolve: Vitest's stand-in for it guesses the file instead of resolving it.
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    // Not installed (npm install --omit=dev): launchChromium names the fix.
    return { path: debianChromium };
  }
  return npmChromium(entry);
}

/** `entry`: the package's main file, somewhere below its package.json. */
function npmChromium(entry: string): Resolved {
  let version: string | undefined;
  for (let dir = dirname(entry); !version && dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    const found = existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string });
    if (found && found.name === '@sparticuz/chromium') version = found.version;
  }
  if (!version) throw new Error(`no package.json of @sparticuz/chromium above ${entry}`);
  const cache = fileURLToPath(new URL('../../node_modules/.cache/wspolnie-chromium/', import.meta.url));
  const dir = join(cache, version);
  const libraries = join(dir, 'al2023', 'lib');
  const env = {
    LD_LIBRARY_PATH: [libraries, process.env['LD_LIBRARY_PATH']].filter(Boolean).join(':'),
    FONTCONFIG_FILE: join(dir, 'fonts.conf'),
  };
  const prepare = async () => {
    if (existsSync(join(dir, 'chromium'))) return;
    mkdirSync(cache, { recursive: true });
    const stage = mkdtempSync(join(cache, `${version}.partial-`));
    try {
      const script = `const { default: c } = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.stdout.write(await c.executablePath());`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, TMPDIR: stage, AWS_LAMBDA_JS_RUNTIME: 'nodejs24.x' },
        encoding: 'utf8',
      });
      if (stdout !== join(stage, 'chromium') || !existsSync(join(stage, 'al2023', 'lib', 'libnss3.so'))) {
        throw new Error(`@sparticuz/chromium ${version} unpacked to ${stdout}, not to ${stage}/chromium with al2023/lib`);
      }
      // The package's own fonts.conf names Lambda's folders (/var/task/fonts, /tmp/fonts…), not this one.
      writeFileSync(
        join(stage, 'fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
          `  <dir>${join(dir, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n  <dir>/usr/local/share/fonts</dir>\n` +
          `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
      );
      renameSync(stage, dir);
    } catch (error) {
      rmSync(stage, { recursive: true, force: true });
      // Another process renamed its copy into place first: use that one.
      if (existsSync(join(dir, 'chromium'))) return;
      throw error;
    }
  };
  return { path: join(dir, 'chromium'), env, prepare };
}

/**
 * A UTF-8 character set for the browser when the environment names none
 * (a fresh container, a login without LANG: the POSIX locale). Chromium
 * turns file paths into bytes with it, so under POSIX a file with a Polish
 * name cannot be uploaded. C.UTF-8 is part of glibc since 2.35 (Debian's
 * for longer).
 */
function characterSet(): Record<string, string> {
  const ctype = process.env['LC_ALL'] || process.env['LC_CTYPE'] || process.env['LANG'] || '';
  return /utf-?8/i.test(ctype) ? {} : { LC_ALL: 'C.UTF-8' };
}

const resolved = resolveChromium();
const browserEnv = { ...characterSet(), ...resolved.env };

/** The browser's executable; it exists after `prepareChromium()`. */
export const chromiumPath = resolved.path;
/** The browser's environment (process.env plus what it needs), or undefined for process.env itself. */
export const chromiumEnv: Record<string, string | undefined> | undefined =
  Object.keys(browserEnv).length > 0 ? { ...process.env, ...browserEnv } : undefined;
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let preparing: Promise<void> | undefined;

/** Unpacks the npm package's browser on first use (once per package version and checkout); nothing for a system browser. */
export function prepareChromium(): Promise<void> {
  preparing ??= resolved.prepare?.() ?? Promise.resolve();
  return preparing;
}

export async function launchChromium(): Promise<Browser> {
  await prepareChromium();
  if (!existsSync(chromiumPath)) {
    throw new Error(`Brak przeglądarki ${chromiumPath}: uruchom npm install (przeglądarka z pakietu @sparticuz/chromium), zainstaluj Chromium (apt-get install chromium) albo wskaż CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, ...(chromiumEnv && { env: chromiumEnv }) });
}

/**
 * Writes the Inter subsets to public/fonts/ (gitignored) and their
 * @font-face rules to src/styles/fonts.css (committed), for every face
 * (weight × style):
 *   - inter-core-*: the latin file cut down to CORE_CODEPOINTS (Basic Latin,
 *     Latin-1, the punctuation of Polish text), keeping only LAYOUT_FEATURES;
 *   - inter-pl-*: the latin-ext file cut down to POLISH_LETTERS;
 *   - inter-latin-*, inter-latin-ext-*: fontsource's files as they are, as
 *     fallbacks for any other Latin character (Czech ř, French œ…), fetched
 *     only by a page whose text has one.
 * File names carry a hash of their content, so they can be cached for ever.
 *
 * Nothing is regenerated while fonts.css names the current cache key (a hash
 * of the fontsource files and version, the subset-font version and harfbuzz
 * build, and the recipe in src/fonts/recipe.ts) and every file it refers to
 * exists, so a clean checkout regenerates the same files and an unchanged
 * fonts.css.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import subsetFont from 'subset-font';
import { parseCmap } from './cmap.ts';
import { CORE_CODEPOINTS, FILE_PATTERN, FONTS_DIR, LAYOUT_FEATURES, POLISH_LETTERS, PRIMARY_ROLES, RECIPE_VERSION, type Face, type Role } from './recipe.ts';
import { hex, referencedFiles, stylesheetFor, type Generated } from './stylesheet.ts';

/** Where {@link ensureFonts} reads from and writes to, as Astro's config gives them. */
export interface EnsureOptions {
  /** The project root; @fontsource/inter and subset-font are resolved from its package.json. */
  root: URL;
  /** The files go to `${publicDir}fonts/`. */
  publicDir: URL;
  /** src/styles/fonts.css. */
  stylesheet: URL;
  /** The site's base path; the stylesheet's URLs start with it. */
  base: string;
  faces: Face[];
  logger: AstroIntegrationLogger;
}

/**
 * Makes public/fonts/ and fonts.css current for `faces`: returns at once when
 * they are, otherwise subsets, removes generated files no longer named,
 * writes each file and fonts.css atomically (temporary file, then rename), and
 * logs the primary files' sizes.
 *
 * @throws Error when @fontsource/inter has no file for a face, or a source file
 *   lacks a code point of CORE_CODEPOINTS or POLISH_LETTERS.
 */
export async function ensureFonts({ root, publicDir, stylesheet, base, faces, logger }: EnsureOptions): Promise<void> {
  const require = createRequire(new URL('package.json', root));
  const fontsource = dirname(require.resolve('@fontsource/inter/package.json'));
  const fontsourceVersion = (JSON.parse(await readFile(join(fontsource, 'package.json'), 'utf8')) as { version: string }).version;
  const subsetFontVersion = (JSON.parse(await readFile(require.resolve('subset-font/package.json'), 'utf8')) as { version: string }).version;
  const outDir = fileURLToPath(new URL(`${FONTS_DIR}/`, publicDir));
  const cssPath = fileURLToPath(stylesheet);

  // Buffers, not plain Uint8Arrays: fontverter (inside subset-font) sniffs the format with Buffer#toString.
  const sources = new Map<string, Buffer>();
  const source = (subset: 'latin' | 'latin-ext', face: Face) => {
    const path = join(fontsource, 'files', `inter-${subset}-${face.weight}-${face.style}.woff2`);
    const bytes = sources.get(path);
    if (!bytes) throw new Error(`fonts: ${path} was not read`);
    return bytes;
  };
  const keyHash = createHash('sha256').update(JSON.stringify({
    RECIPE_VERSION, fontsourceVersion, subsetFontVersion, faces, base,
    core: CORE_CODEPOINTS, polish: POLISH_LETTERS, features: LAYOUT_FEATURES,
  }));
  // The subsetter itself (harfbuzzjs exports no package.json to read a version from).
  const harfbuzz = createRequire(require.resolve('subset-font')).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  keyHash.update(await readFile(harfbuzz));
  for (const face of faces) {
    for (const subset of ['latin', 'latin-ext'] as const) {
      const path = join(fontsource, 'files', `inter-${subset}-${face.weight}-${face.style}.woff2`);
      if (!existsSync(path)) throw new Error(`fonts: @fontsource/inter ${fontsourceVersion} has no ${path}`);
      const bytes = await readFile(path);
      sources.set(path, bytes);
      keyHash.update(bytes);
    }
  }
  const key = keyHash.digest('hex').slice(0, 16);

  const current = existsSync(cssPath) ? await readFile(cssPath, 'utf8') : '';
  const referenced = referencedFiles(current);
  if (current.includes(`cache-key: ${key}`) && referenced.length > 0 && referenced.every((f) => existsSync(join(outDir, f)))) {
    logger.debug(`Inter subsets up to date (${key})`);
    return;
  }

  const started = performance.now();
  const core = String.fromCodePoint(...CORE_CODEPOINTS);
  const generated: Generated[] = [];
  for (const face of faces) {
    const latin = source('latin', face);
    const latinExt = source('latin-ext', face);
    const latinCmap = await cmapOf(latin);
    const latinExtCmap = await cmapOf(latinExt);
    requireAll(latinCmap, CORE_CODEPOINTS, `inter-latin-${face.weight}-${face.style}`);
    const polish = [...POLISH_LETTERS].map((c) => c.codePointAt(0) ?? 0);
    requireAll(latinExtCmap, polish, `inter-latin-ext-${face.weight}-${face.style}`);

    const primary = new Set([...CORE_CODEPOINTS, ...polish]);
    // Each fallback covers what its file has and nothing an earlier face already covers.
    const latinOnly = [...latinCmap].filter((c) => c >= 0x20 && !primary.has(c));
    const taken = new Set([...primary, ...latinOnly]);
    const latinExtOnly = [...latinExtCmap].filter((c) => c >= 0x20 && !taken.has(c));

    const subset = (bytes: Buffer, text: string) => subsetFont(bytes, text, { targetFormat: 'woff2', keepFeatures: LAYOUT_FEATURES });
    const add = (role: Role, bytes: Uint8Array, codepoints: number[]) => {
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      generated.push({ face, role, bytes, codepoints, file: `inter-${role}-${face.weight}-${face.style}.${hash}.woff2` });
    };
    add('core', await subset(latin, core), [...CORE_CODEPOINTS]);
    add('pl', await subset(latinExt, POLISH_LETTERS), polish);
    add('latin', latin, latinOnly);
    add('latin-ext', latinExt, latinExtOnly);
  }

  await mkdir(outDir, { recursive: true });
  const keep = new Set(generated.map((g) => g.file));
  for (const name of await readdir(outDir)) {
    if (FILE_PATTERN.test(name) && !keep.has(name)) await rm(join(outDir, name));
  }
  for (const g of generated) await writeAtomically(join(outDir, g.file), g.bytes);
  const css = stylesheetFor(generated, { key, base, fontsourceVersion });
  if (css !== current) await writeAtomically(cssPath, css);

  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const sizes = generated
    .filter((g) => PRIMARY_ROLES.includes(g.role))
    .map((g) => `${g.role} ${g.face.weight}${g.face.style === 'italic' ? 'i' : ''} ${kB(g.bytes.byteLength)}`);
  logger.info(`Inter subsets written to public/${FONTS_DIR}/ in ${Math.round(performance.now() - started)} ms: ${sizes.join(', ')}`);
}

/** The code points a font maps to a glyph: harfbuzz decompresses it to sfnt, {@link parseCmap} reads the table. */
async function cmapOf(font: Buffer): Promise<Set<number>> {
  const sfnt = await subsetFont(font, '', { targetFormat: 'sfnt', keepAllGlyphs: true });
  return parseCmap(new Uint8Array(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength));
}

function requireAll(cmap: Set<number>, wanted: Iterable<number>, file: string): void {
  const missing = [...wanted].filter((c) => !cmap.has(c));
  if (missing.length > 0) {
    throw new Error(`fonts: ${file} lacks ${missing.map((c) => `${String.fromCodePoint(c)} (${hex(c)})`).join(', ')}; change CORE_CODEPOINTS or POLISH_LETTERS in src/fonts/recipe.ts`);
  }
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

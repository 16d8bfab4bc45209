/**
 * Inter for Polish pages, within the page-weight budget.
 *
 * Fontsource splits Inter into Google's subsets. Its per-weight CSS (400.css)
 * gives each subset a unicode-range, so a Polish page downloads the whole latin
 * file (~24 kB) and the whole latin-ext file (~35 kB) for each weight, the
 * latter only for eighteen Polish letters. Its per-subset CSS
 * (latin-ext-400.css) has no unicode-range at all, so it cannot be combined.
 *
 * On `astro:config:setup` (dev and build alike) this integration writes to
 * public/fonts/ (gitignored), for every face (weight × style):
 *   - inter-core-*: the latin file cut down to CORE_CODEPOINTS (Basic Latin,
 *     Latin-1, the punctuation of Polish text), keeping only LAYOUT_FEATURES;
 *   - inter-pl-*: the latin-ext file cut down to POLISH_LETTERS;
 *   - inter-latin-*, inter-latin-ext-*: fontsource's files as they are, as
 *     fallbacks for any other Latin character (Czech ř, French œ…), fetched
 *     only by a page whose text has one;
 * and src/styles/fonts.css (committed) with an @font-face per file; its header
 * explains the order and the ranges. File names carry a hash of their
 * content, so they can be cached for ever.
 *
 * Nothing is regenerated while fonts.css names the current cache key (a hash
 * of the fontsource files and version, the subset-font version and harfbuzz
 * build, and the recipe below) and every file it refers to exists, so a clean
 * checkout regenerates the same files and an unchanged fonts.css.
 *
 * On `astro:build:done` it warns about built pages whose text falls outside
 * the primary faces, since each costs a fallback download or a system glyph.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { isLiveBuild } from './live-build.ts';
import subsetFont from 'subset-font';

/** Bump when this file changes its output for the same inputs. */
const RECIPE_VERSION = 1;

export type FontStyle = 'normal' | 'italic';
export interface Face {
  weight: number;
  style: FontStyle;
}

export interface InterFontsOptions {
  /**
   * Also generate italic 400. Off: nothing in src/styles sets
   * `font-style: italic` and no content uses emphasis, so an <em> (should one
   * appear) is drawn as Inter regular slanted by the browser (synthetic
   * oblique) rather than costing every such page another ~16 kB.
   */
  italic?: boolean;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Taken from fontsource's latin file. Basic Latin (printable); the whole of
 * Latin-1 (NBSP, « » § ° ² © × and the letters of names and loanwords: é ü ö
 * ß…; Polish Ó ó live here too) without the soft hyphen, which no Inter file
 * has and which is invisible anyway; the punctuation of Polish typography and
 * of Intl-formatted dates and numbers; ZWSP and BOM, which are invisible but
 * must not trigger a fallback download.
 */
export const CORE_CODEPOINTS: readonly number[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff).filter((c) => c !== 0xad),
  0x2009, // thin space
  0x200b, // zero-width space
  0x2013, 0x2014, // – —
  0x2018, 0x2019, 0x201a, // ‘ ’ ‚
  0x201c, 0x201d, 0x201e, // “ ” „
  0x2022, // •
  0x2026, // …
  0x2032, 0x2033, // ′ ″
  0x2039, 0x203a, // ‹ › (the breadcrumb separator)
  0x20ac, // €
  0x2212, // −
  0xfeff, // BOM / zero-width no-break space
];

/** Taken from fontsource's latin-ext file: the Polish letters outside Latin-1. */
export const POLISH_LETTERS = 'ĄąĆćĘęŁłŃńŚśŹźŻż';

/**
 * The features Chromium, Firefox and Safari apply without being asked. Add a
 * tag here (e.g. 'tnum') before CSS starts using font-variant-* or
 * font-feature-settings: the subsets keep nothing else.
 */
export const LAYOUT_FEATURES = ['ccmp', 'locl', 'mark', 'mkmk', 'kern', 'liga', 'clig', 'calt', 'rlig'];

/** What each generated file is for; the first part of its name after "inter-". */
export type Role = 'core' | 'pl' | 'latin' | 'latin-ext';
export const PRIMARY_ROLES: readonly Role[] = ['core', 'pl'];

const FONTS_DIR = 'fonts';
const FILE_PATTERN = /^inter-(core|pl|latin|latin-ext)-(\d+)-(normal|italic)\.[0-9a-f]{10}\.woff2$/;

export function facesFor(options: InterFontsOptions): Face[] {
  const faces: Face[] = [
    { weight: 400, style: 'normal' },
    { weight: 700, style: 'normal' },
  ];
  if (options.italic) faces.push({ weight: 400, style: 'italic' });
  return faces;
}

export default function interFonts(options: InterFontsOptions = {}): AstroIntegration {
  let stylesheet: URL | undefined;
  return {
    name: 'wspolnie:fonts',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, addWatchFile }) => {
        stylesheet = new URL('styles/fonts.css', config.srcDir);
        if (command !== 'dev' && command !== 'build') return;
        addWatchFile(fileURLToPath(import.meta.url));
        await ensureFonts({
          root: config.root,
          publicDir: config.publicDir,
          stylesheet,
          base: config.base,
          faces: facesFor(options),
          logger,
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        // A report for developers; the live server's rebuilds (src/site/build.ts) skip it to publish sooner.
        if (!stylesheet || isLiveBuild()) return;
        await reportFallbackPages(fileURLToPath(dir), await readFile(stylesheet, 'utf8'), logger);
      },
    },
  };
}

interface EnsureOptions {
  root: URL;
  publicDir: URL;
  stylesheet: URL;
  base: string;
  faces: Face[];
  logger: AstroIntegrationLogger;
}

interface Generated {
  face: Face;
  role: Role;
  file: string;
  bytes: Uint8Array;
  codepoints: number[];
}

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
  const referenced = [...current.matchAll(/url\('[^']*\/([^'/]+\.woff2)'\)/g)].map((m) => m[1] ?? '');
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

function requireAll(cmap: Set<number>, wanted: Iterable<number>, file: string): void {
  const missing = [...wanted].filter((c) => !cmap.has(c));
  if (missing.length > 0) {
    throw new Error(`fonts: ${file} lacks ${missing.map((c) => `${String.fromCodePoint(c)} (${hex(c)})`).join(', ')}; change CORE_CODEPOINTS or POLISH_LETTERS in src/integrations/fonts.ts`);
  }
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** "U+0020-007E,U+00A0-00AC,…" for a set of code points. */
export function unicodeRange(codepoints: Iterable<number>): string {
  const sorted = [...new Set(codepoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i] ?? end;
    i++;
    parts.push(start === end ? hex(start) : `${hex(start)}-${end.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return parts.join(',');
}

/** The code points of a unicode-range value. */
export function parseUnicodeRange(value: string): Set<number> {
  const out = new Set<number>();
  for (const part of value.split(',')) {
    const m = /^\s*U\+([0-9A-F]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!m?.[1]) continue;
    const start = parseInt(m[1], 16);
    const end = m[2] ? parseInt(m[2], 16) : start;
    for (let c = start; c <= end; c++) out.add(c);
  }
  return out;
}

const HEADER = `/*
 * GENERATED by src/integrations/fonts.ts on \`astro dev\` and \`astro build\`: edit that file, not this one.
 *
 * Inter in four files per weight, all as font-family 'Inter':
 *   inter-core-*       Basic Latin, Latin-1, Polish punctuation  primary, cut from fontsource's latin file
 *   inter-pl-*         ĄąĆćĘęŁłŃńŚśŹźŻż                         primary, cut from fontsource's latin-ext file
 *   inter-latin-*      fontsource's latin file: ı Œ œ ™ …        fallback
 *   inter-latin-ext-*  fontsource's latin-ext file: ř ő ā ş …    fallback
 * A Polish page downloads the two primary files of each weight it shows, and
 * a fallback file only when its text has a character of that file's range.
 *
 * Why the fallbacks are declared first: for each character, CSS font matching
 * walks the family's @font-face rules that match the weight and style from the
 * LAST declared to the first, takes the first one whose unicode-range covers
 * the character, and only then downloads it. Declared last, the small primary
 * faces are tried first for every character; the full fontsource files before
 * them are reached only for characters the primary faces do not have.
 *
 * Why each unicode-range lists exactly the code points its file maps, less
 * those of the faces declared after it (so no two ranges overlap): fontsource's
 * own ranges claim whole blocks, e.g. U+2000-206F for latin, and a
 * non-breaking hyphen (U+2011) or word joiner (U+2060), which that file does
 * not even contain, then made Chromium fetch all 24 kB of it. Exact ranges
 * fetch a file only for a character it will draw.
 */`;

function stylesheetFor(generated: Generated[], { key, base, fontsourceVersion }: { key: string; base: string; fontsourceVersion: string }): string {
  const prefix = `${base.replace(/\/?$/, '/')}${FONTS_DIR}/`;
  const order: Role[] = ['latin-ext', 'latin', 'pl', 'core'];
  const blocks: string[] = [];
  const faces = [...new Map(generated.map((g) => [`${g.face.weight}-${g.face.style}`, g.face])).values()];
  for (const face of faces) {
    for (const role of order) {
      const g = generated.find((x) => x.face === face && x.role === role);
      if (!g || g.codepoints.length === 0) continue;
      blocks.push(`/* ${g.file}: ${PRIMARY_ROLES.includes(role) ? 'primary' : 'fallback'}, ${g.bytes.byteLength} bytes */
@font-face {
  font-family: 'Inter';
  font-style: ${face.style};
  font-weight: ${face.weight};
  font-display: swap;
  src: url('${prefix}${g.file}') format('woff2');
  unicode-range: ${unicodeRange(g.codepoints)};
}`);
    }
  }
  return `${HEADER}
/* @fontsource/inter ${fontsourceVersion}; cache-key: ${key} */

${blocks.join('\n\n')}
`;
}

/** The code points a font maps to a glyph (read from its cmap table). */
async function cmapOf(font: Buffer): Promise<Set<number>> {
  const sfnt = await subsetFont(font, '', { targetFormat: 'sfnt', keepAllGlyphs: true });
  return parseCmap(new Uint8Array(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength));
}

export function parseCmap(sfnt: Uint8Array): Set<number> {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  let cmap = -1;
  for (let i = 0, n = view.getUint16(4); i < n; i++) {
    const record = 12 + 16 * i;
    if (String.fromCharCode(...sfnt.subarray(record, record + 4)) === 'cmap') cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) throw new Error('fonts: no cmap table');
  let table = -1;
  let format = 0;
  for (let i = 0, n = view.getUint16(cmap + 2); i < n; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const offset = cmap + view.getUint32(record + 4);
    const f = view.getUint16(offset);
    if ((f === 12 && format !== 12) || (f === 4 && format === 0)) [table, format] = [offset, f];
  }
  const codepoints = new Set<number>();
  if (format === 12) {
    for (let g = 0, n = view.getUint32(table + 12); g < n; g++) {
      const group = table + 16 + 12 * g;
      const start = view.getUint32(group);
      const end = view.getUint32(group + 4);
      const glyph = view.getUint32(group + 8);
      for (let c = start; c <= end; c++) if (glyph + c - start !== 0) codepoints.add(c);
    }
  } else if (format === 4) {
    const segments = view.getUint16(table + 6) / 2;
    const ends = table + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const end = view.getUint16(ends + 2 * s);
      const start = view.getUint16(starts + 2 * s);
      const delta = view.getInt16(deltas + 2 * s);
      const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph = rangeOffset === 0 ? c : view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
        if (rangeOffset !== 0 && glyph === 0) continue;
        glyph = (glyph + delta) & 0xffff;
        if (glyph !== 0) codepoints.add(c);
      }
    }
  } else {
    throw new Error('fonts: no Unicode cmap subtable of format 4 or 12');
  }
  return codepoints;
}

/** The @font-face rules of fonts.css: file, role, face and code points. */
export function readStylesheet(css: string): { file: string; role: Role; weight: number; style: FontStyle; codepoints: Set<number> }[] {
  return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].flatMap((m) => {
    const body = m[1] ?? '';
    const file = /url\('[^']*\/([^'/]+)'\)/.exec(body)?.[1] ?? '';
    const name = FILE_PATTERN.exec(file);
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    if (!name || !range) return [];
    return [{ file, role: name[1] as Role, weight: Number(name[2]), style: name[3] as FontStyle, codepoints: parseUnicodeRange(range) }];
  });
}

/** Warns about built pages whose text needs a fallback file or no Inter file has. */
async function reportFallbackPages(dist: string, css: string, logger: AstroIntegrationLogger): Promise<void> {
  const rules = readStylesheet(css);
  const primary = new Set(rules.filter((r) => PRIMARY_ROLES.includes(r.role)).flatMap((r) => [...r.codepoints]));
  const fallbackOf = (c: number) => rules.find((r) => !PRIMARY_ROLES.includes(r.role) && r.codepoints.has(c))?.role;
  const findings: string[] = [];
  for (const file of await htmlFiles(dist)) {
    const text = visibleText(await readFile(file, 'utf8'));
    const odd = new Map<number, string>();
    for (const ch of text) {
      const c = ch.codePointAt(0) ?? 0;
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xad || primary.has(c) || odd.has(c)) continue;
      if (/\p{Default_Ignorable_Code_Point}|\s/u.test(ch)) continue;
      const role = fallbackOf(c);
      odd.set(c, `${ch} ${hex(c)} → ${role ? `inter-${role}` : 'no Inter file (system font)'}`);
    }
    if (odd.size > 0) findings.push(`  ${file.slice(dist.length)}: ${[...odd.values()].join('; ')}`);
  }
  if (findings.length > 0) {
    logger.warn(`${findings.length} page(s) use characters outside the primary Inter subsets; each costs an extra font download (~24–36 kB per weight) or a system-font glyph:\n${findings.slice(0, 20).join('\n')}${findings.length > 20 ? `\n  … and ${findings.length - 20} more` : ''}`);
  }
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad' };

/** Roughly the text a browser draws: no scripts, styles, comments, tags or attributes. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/**
 * What the Inter subsets are cut to: the code points of the primary files,
 * the OpenType features they keep, the faces generated, and the names of the
 * generated files. Every constant here is part of the cache key
 * (src/fonts/generate.ts), so changing one regenerates the fonts.
 */

/** Bump when any module in src/fonts/ changes its output for the same inputs. */
export const RECIPE_VERSION = 1;

export type FontStyle = 'normal' | 'italic';

/** One weight × style of Inter; weight as in CSS font-weight (400, 700). */
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

/** The roles a Polish page is meant to download; the others are fallbacks. */
export const PRIMARY_ROLES: readonly Role[] = ['core', 'pl'];

/** The folder under public/ (and under the site's base) the files are written to. */
export const FONTS_DIR = 'fonts';

/** A generated file's name: role, weight, style and the first 10 hex digits of its content's SHA-256. */
export const FILE_PATTERN = /^inter-(core|pl|latin|latin-ext)-(\d+)-(normal|italic)\.[0-9a-f]{10}\.woff2$/;

/** The faces to generate: 400 and 700 normal, and 400 italic when `options.italic`. */
export function facesFor(options: InterFontsOptions): Face[] {
  const faces: Face[] = [
    { weight: 400, style: 'normal' },
    { weight: 700, style: 'normal' },
  ];
  if (options.italic) faces.push({ weight: 400, style: 'italic' });
  return faces;
}

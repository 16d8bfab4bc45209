/**
 * After a build: which pages have text outside the primary Inter subsets, and
 * so cost a fallback font download or a system-font glyph. A warning for
 * developers; it changes nothing in the build.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import { PRIMARY_ROLES } from './recipe.ts';
import { hex, readStylesheet } from './stylesheet.ts';

/**
 * Warns (one `logger.warn`, at most 20 pages listed) about the HTML files
 * under `dist` (an absolute path) whose visible text has a character that no
 * primary rule of `css` (the text of fonts.css) covers, naming for each the
 * fallback file that draws it or "no Inter file". Control characters,
 * whitespace and default-ignorable code points are not counted. Logs nothing
 * when every page is covered.
 */
export async function reportFallbackPages(dist: string, css: string, logger: AstroIntegrationLogger): Promise<void> {
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

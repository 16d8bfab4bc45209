/**
 * What one built page costs a visitor, read from dist/ without a browser:
 * HTML and the stylesheets it links (gzip), the WOFF2 faces whose
 * unicode-range its text needs (already compressed), and its scripts (gzip).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  html: number;
  css: number;
  fonts: number;
  js: number;
  total: number;
  fontFiles: string[];
}

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

function distFile(dist: string, href: string): string | undefined {
  const path = join(dist, new URL(href, 'http://site/').pathname);
  return existsSync(path) ? path : undefined;
}

/** The characters a person sees: text outside tags, scripts and styles. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&[a-z]+;/gi, ' ');
}

/** "U+0000-00FF, U+0131" → [[0, 255], [305, 305]] */
function ranges(unicodeRange: string): [number, number][] {
  return unicodeRange.split(',').map((part) => {
    const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-');
    if (from!.includes('?')) return [parseInt(from!.replace(/\?/g, '0'), 16), parseInt(from!.replace(/\?/g, 'F'), 16)];
    return [parseInt(from!, 16), parseInt(to!, 16)];
  });
}

export function pageWeight(dist: string, path: string): PageWeight | undefined {
  const htmlFile = join(dist, path, 'index.html');
  if (!existsSync(htmlFile)) return undefined;
  const html = readFileSync(htmlFile, 'utf8');

  const stylesheets = [...html.matchAll(/<link\b[^>]*rel=["']?stylesheet[^>]*>/gi)]
    .map((m) => /href=["']?([^"'\s>]+)/.exec(m[0])?.[1])
    .flatMap((href) => (href && distFile(dist, href) ? [readFileSync(distFile(dist, href)!, 'utf8')] : []));
  const inlineStyles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!);
  const css = stylesheets.reduce((sum, sheet) => sum + gz(sheet), 0);

  // A face is fetched when the page shows a character in its range; every weight declared is assumed used.
  const codePoints = new Set([...visibleText(html)].map((c) => c.codePointAt(0)!));
  const fontFiles = new Set<string>();
  for (const sheet of [...stylesheets, ...inlineStyles]) {
    for (const [, block] of sheet.matchAll(/@font-face\s*{([^}]*)}/g)) {
      const woff2 = /url\(["']?([^"')]+\.woff2)["']?\)/.exec(block!)?.[1];
      const range = /unicode-range:\s*([^;]+)/.exec(block!)?.[1];
      if (!woff2) continue;
      const needed = !range || ranges(range).some(([from, to]) => [...codePoints].some((c) => c >= from && c <= to));
      if (needed) fontFiles.add(woff2);
    }
  }
  const fonts = [...fontFiles].reduce((sum, href) => sum + (distFile(dist, href) ? readFileSync(distFile(dist, href)!).length : 0), 0);

  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attributes]) => !/type=["']?application\/(ld\+)?json/i.test(attributes!));
  const js = scripts.reduce((sum, [, attributes, inline]) => {
    const src = /src=["']?([^"'\s>]+)/.exec(attributes!)?.[1];
    if (src) return sum + (distFile(dist, src) ? gz(readFileSync(distFile(dist, src)!)) : 0);
    return sum + (inline!.trim() ? gz(inline!) : 0);
  }, 0);

  const htmlBytes = gz(html);
  return { html: htmlBytes, css, fonts, js, total: htmlBytes + css + fonts + js, fontFiles: [...fontFiles] };
}

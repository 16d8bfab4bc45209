/**
 * Reads and amends built HTML for the search index, without a DOM: Astro's
 * output is well-formed, so a tag scanner that tracks nesting is enough.
 */
import { wordsPagefindCannotFold } from '../lib/fold.ts';

/** The metadata field that carries folded words; searched by Pagefind, never shown. */
export const foldedField = 'folded';

const bodyAttribute = /\sdata-pagefind-body(?=[\s=>/]|$)/;
const ignoreAttribute = /\sdata-pagefind-ignore(?=[\s=>/]|$)/;
const rawTextElements = /<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const tags = /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** True when the page opts into search (someone put `data-pagefind-body` on an element). */
export function isSearchable(html: string): boolean {
  return bodyAttribute.test(html.replace(rawTextElements, ''));
}

/** [start, end) of each outermost element whose opening tag has the attribute. */
function elementRanges(html: string, attribute: RegExp): [number, number][] {
  const ranges: [number, number][] = [];
  let open: { name: string; start: number; depth: number } | undefined;
  for (const match of html.matchAll(tags)) {
    const [tag, closing, rawName, attributes = ''] = match;
    const name = rawName!.toLowerCase();
    const at = match.index;
    if (open) {
      if (name !== open.name || voidElements.has(name) || tag.endsWith('/>')) continue;
      open.depth += closing ? -1 : 1;
      if (open.depth === 0) {
        ranges.push([open.start, at + tag.length]);
        open = undefined;
      }
    } else if (!closing && attribute.test(attributes)) {
      if (voidElements.has(name) || tag.endsWith('/>')) continue;
      open = { name, start: at, depth: 1 };
    }
  }
  if (open) ranges.push([open.start, html.length]);
  return ranges;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the character references Astro writes (&amp;, &#39;, &#x27;…) in text or an attribute's value. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(point) ? String.fromCodePoint(point) : whole;
    }
    return entities[code.toLowerCase()] ?? whole;
  });
}

/** The text Pagefind indexes: inside `data-pagefind-body`, outside `data-pagefind-ignore`, scripts and styles. */
export function searchableText(html: string): string {
  const page = html.replace(rawTextElements, ' ');
  return elementRanges(page, bodyAttribute)
    .map(([start, end]) => {
      const body = page.slice(start, end);
      let kept = '';
      let from = 0;
      for (const [s, e] of elementRanges(body, ignoreAttribute)) {
        kept += body.slice(from, s) + ' ';
        from = e;
      }
      kept += body.slice(from);
      return decodeEntities(kept.replace(tags, ' '));
    })
    .join(' ');
}

/**
 * The page with an empty element inside its search body that gives Pagefind
 * the folded forms of the words it cannot fold itself, as a metadata field:
 * "lodz" then finds "Łódź", while excerpts and titles keep the page's own text.
 * Pages that need nothing come back unchanged.
 */
export function withFoldedWords(html: string): string {
  const words = wordsPagefindCannotFold(searchableText(html));
  if (words.length === 0) return html;
  const opening = [...html.matchAll(tags)].find((m) => !m[1] && bodyAttribute.test(m[3] ?? ''));
  if (!opening) return html;
  const insertAt = opening.index + opening[0].length;
  // Folded words are letters, digits and hyphens only: nothing to escape in the attribute.
  const marker = `<span data-pagefind-meta="${foldedField}:${words.join(' ')}"></span>`;
  return html.slice(0, insertAt) + marker + html.slice(insertAt);
}

const filterAttribute = /\sdata-pagefind-filter\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The filters a page gives Pagefind, as [name, value] pairs: every
 * `data-pagefind-filter="name:value"` inside its search body (the form
 * SearchMeta.astro writes; Pagefind splits at the first colon). A filter
 * without a value (Pagefind would take the element's text) is not counted.
 */
export function pageFilters(html: string): [name: string, value: string][] {
  const page = html.replace(rawTextElements, ' ');
  const filters: [string, string][] = [];
  for (const [start, end] of elementRanges(page, bodyAttribute)) {
    for (const match of page.slice(start, end).matchAll(filterAttribute)) {
      const spec = decodeEntities(match[1] ?? match[2] ?? '');
      const colon = spec.indexOf(':');
      if (colon <= 0) continue;
      const value = spec.slice(colon + 1).trim();
      if (value) filters.push([spec.slice(0, colon).trim(), value]);
    }
  }
  return filters;
}

/**
 * Only what Pagefind reads of a page: its search bodies in an otherwise empty
 * document (a fraction of the bytes to send to and parse in Pagefind's
 * process). Titles come from the h1 inside the body, the language is forced
 * by the index, so the results are the same as for the whole page.
 * Undefined when the page has no search body (it is not searchable).
 */
export function searchBodies(html: string): string | undefined {
  const page = html.replace(rawTextElements, ' ');
  const bodies = elementRanges(page, bodyAttribute).map(([start, end]) => page.slice(start, end));
  if (bodies.length === 0) return undefined;
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"></head><body>${bodies.join('\n')}</body></html>`;
}

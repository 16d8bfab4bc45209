/**
 * Pure pieces of the archive search page: Polish sentences about results and
 * excerpts turned into plain segments, so the page never sets innerHTML.
 */
import { searchKey } from '../lib/fold.ts';
import { plural } from '../lib/plural.ts';

/** The sentence announced to screen readers and shown above the results. */
export function resultsSentence(count: number, query: string, filters: readonly string[] = []): string {
  const about = [query ? `„${query}”` : '', ...filters].filter(Boolean).join(', ');
  if (count === 0) return `Nie znaleziono wyników dla: ${about}. Sprawdź pisownię, użyj innego słowa albo usuń filtry.`;
  return `Znaleziono ${plural(count, 'wynik', 'wyniki', 'wyników')} dla: ${about}.`;
}

export interface Segment {
  text: string;
  marked: boolean;
}

const escapes: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (text: string) => text.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (e) => escapes[e] ?? e);

/** Pagefind's excerpt ("a <mark>b</mark> c", text escaped) as segments of plain text. */
export function excerptSegments(excerpt: string): Segment[] {
  return excerpt
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter(Boolean)
    .map((part) => (part.startsWith('<mark>') ? { text: unescape(part.slice(6, -7)), marked: true } : { text: unescape(part), marked: false }));
}

/**
 * An excerpt around the first word of `content` that starts like a query
 * term once both are folded: for pages found through their folded words
 * ("lodz" → "Łódź"), where Pagefind's own excerpt has nothing marked.
 */
export function foldedExcerpt(content: string, query: string, words = 30): Segment[] | undefined {
  const terms = query.split(/\s+/).map((t) => searchKey(t).replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  if (terms.length === 0) return undefined;
  const tokens = unescape(content).split(/\s+/).filter(Boolean);
  const matches = (token: string) => {
    const key = searchKey(token).replace(/[^\p{L}\p{N}]/gu, '');
    return terms.some((term) => key.startsWith(term));
  };
  const first = tokens.findIndex(matches);
  if (first < 0) return undefined;
  const start = Math.max(0, first - Math.floor(words / 3));
  const segments: Segment[] = [];
  tokens.slice(start, start + words).forEach((token, i) => {
    const text = (i === 0 ? '' : ' ') + token;
    const marked = matches(token);
    const last = segments.at(-1);
    if (last && !last.marked && !marked) last.text += text;
    else {
      if (marked && i > 0) segments.push({ text: ' ', marked: false });
      segments.push({ text: marked ? token : text, marked });
    }
  });
  if (start > 0) segments.unshift({ text: '… ', marked: false });
  return segments;
}

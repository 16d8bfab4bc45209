/**
 * Pure pieces of the archive search page: Polish sentences about results,
 * excerpts turned into plain segments (so the page never sets innerHTML), and
 * what a hit inside an attached document says about itself.
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
  // Pagefind matches inflected forms by their stem ("zrodelko" finds "źródełku"); a term's last two
  // letters are let go when it is long enough to keep a stem of five, so those forms are marked too.
  const stems = terms.map((term) => (term.length >= 7 ? term.slice(0, -2) : term));
  const matches = (token: string) => {
    const key = searchKey(token).replace(/[^\p{L}\p{N}]/gu, '');
    return stems.some((stem) => key.startsWith(stem));
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

/**
 * The metadata fields of a document record, a page or section of an
 * attachment (attachment-records.ts writes them, the result list reads them):
 * the attachment's title, its page (PDF, counted from 1), or its section's
 * heading or else its part's number (office documents, from 1),
 * the report it is attached to (title and address), its format and size as
 * shown beside the report's own link.
 */
export const documentMeta = {
  document: 'document',
  page: 'page',
  section: 'section',
  part: 'part',
  report: 'report',
  reportUrl: 'reportUrl',
  format: 'format',
  size: 'size',
} as const;

/**
 * The filter only document records have (value "tak"): a search by filters
 * alone, with no words, leaves them out (Pagefind's `not`), so it lists the
 * archive's entries, as the form's counts (filtry.json) count them, not
 * every page of their PDFs. The form offers no choice of it.
 */
export const documentFilter = 'zalacznik';

/**
 * Pagefind indexes every metadata value as words of the record. A document
 * record is found by its own text only, so its labels weigh nothing
 * (Pagefind's `ranking.metaWeights`): a hit through them alone scores 0 and
 * the result list drops it (a search for a report's title finds the report,
 * not every page of its PDF).
 */
export const documentMetaWeights: Record<string, number> = Object.fromEntries(Object.values(documentMeta).map((name) => [name, 0]));

/** A size in bytes as the archive shows it beside a file: "340 kB", "1,2 MB" (decimal units, Polish decimal comma). */
export function fileSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toLocaleString('pl-PL', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.ceil(bytes / 1000))} kB`;
}

/** What a result list shows of a hit inside an attached document. */
export interface DocumentHit {
  /** "Raport końcowy, strona 14" or "Notatka, część „Wnioski”": which document and where in it. */
  label: string;
  /** The file, at that page for a PDF ("/pliki/raport.pdf#page=14"); an office document's section marker is dropped. */
  fileUrl: string;
  /** "PDF, 1,2 MB". */
  fileFacts: string;
  reportTitle: string;
  reportUrl: string;
}

/**
 * The document hit a result is, from its address and metadata; undefined for
 * an ordinary page (no `reportUrl`). Only `#page=N` stays in the file's
 * address: browsers' PDF viewers open that page, while the markers that keep
 * an office document's sections apart (`#czesc-N`) and a file's records under
 * a second report apart (`&wpis=2`, attachment-records.ts) mean nothing to them.
 */
export function documentHit(url: string, meta: Readonly<Record<string, string>>): DocumentHit | undefined {
  const reportUrl = meta[documentMeta.reportUrl];
  if (!reportUrl) return undefined;
  const document = meta[documentMeta.document] ?? url;
  const page = meta[documentMeta.page];
  const section = meta[documentMeta.section];
  const part = meta[documentMeta.part];
  const where = page ? `strona ${page}` : section ? `część „${section}”` : part ? `część ${part}` : undefined;
  const fileUrl = /#page=\d+/.test(url) ? url.replace(/(#page=\d+).*$/, '$1') : url.replace(/#.*$/, '');
  return {
    label: where ? `${document}, ${where}` : document,
    fileUrl,
    fileFacts: [meta[documentMeta.format], meta[documentMeta.size]].filter(Boolean).join(', '),
    reportTitle: meta[documentMeta.report] ?? reportUrl,
    reportUrl,
  };
}

/**
 * Search records for the text inside a report's stored attachments (issue 15):
 * each PDF page one record, an office document one record per section.
 *
 * A record is a Pagefind custom record (`addCustomRecord`), not a synthesized
 * HTML page: Pagefind keeps a custom record's `url` exactly as given, so a
 * PDF page's record links to `/pliki/raport.pdf#page=14`, which browsers'
 * PDF viewers open at that page; and its text goes in as plain text, with no
 * markup to escape. Everything else follows the report's own page:
 * - the same filters (type, year, programme: `pageFilters` of the report's
 *   search body), so a filtered search finds its documents through it, and
 *   one of their own (results.ts `documentFilter`) that a search by filters
 *   alone excludes;
 * - the same Polish folding (`wordsPagefindCannotFold`, in the same `folded`
 *   metadata field as `withFoldedWords` adds to pages): "lodz" finds "Łódź";
 * - labels in metadata (results.ts `documentMeta`), which weigh nothing in
 *   the ranking (`documentMetaWeights`), so only the document's own text
 *   finds its pages.
 *
 * The report page marks each link to a stored file with `data-attachment`
 * (src/pages/archiwum/[id].astro); its text is the attachment's title.
 */
import type { AttachmentPart, AttachmentText } from './attachment-types.ts';
import { documentFilter, documentMeta, fileSize } from './results.ts';
import { decodeEntities, foldedField, pageFilters } from './searchable-html.ts';
import { wordsPagefindCannotFold } from '../lib/fold.ts';
import { attachmentFormats } from '../data/reports.ts';

/** The attribute on a report page's link to a file stored with the site (the indexer reads it). */
export const attachmentAttribute = 'data-attachment';

/** A Pagefind custom record (the shape of pagefind's `CustomRecord`). */
export interface DocumentRecord {
  url: string;
  content: string;
  language: 'pl';
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** A stored file a report page links to: its address as written in the link, the link's text, and the format the editor gave (the attribute's value). */
export interface AttachmentLink {
  href: string;
  title: string;
  format?: string;
}

const anchors = /<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/a\s*>/gi;
const marked = new RegExp(`\\s${attachmentAttribute}(?=[\\s=>/]|$)`);
const markedValue = new RegExp(`\\s${attachmentAttribute}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
const hrefAttribute = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1\s*>/i;
const textOf = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

/**
 * The links marked `data-attachment` in a report's search body, in page
 * order, with their title (the link's text). Links that do not point into
 * `/pliki/` are left out: only files stored with the site are read.
 */
export function attachmentLinks(body: string): AttachmentLink[] {
  const links: AttachmentLink[] = [];
  for (const [, attributes = '', inner = ''] of body.matchAll(anchors)) {
    if (!marked.test(attributes)) continue;
    const found = hrefAttribute.exec(attributes);
    const href = decodeEntities(found?.[1] ?? found?.[2] ?? '');
    const format = markedValue.exec(attributes);
    const given = decodeEntities(format?.[1] ?? format?.[2] ?? '');
    if (href.startsWith('/pliki/')) links.push({ href, title: textOf(inner) || href, ...(given && { format: given }) });
  }
  return links;
}

/** A stored file's address as a key: percent-decoding undone (a link may encode what the file name spells), no fragment or query. */
export function fileKey(href: string): string {
  const path = href.replace(/[?#].*$/, '');
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** A report page: its address and its search body (searchable-html.ts `searchBodies`), whose h1 is its title. */
export interface ReportPage {
  url: string;
  body: string;
}

/**
 * One record's share of an attachment: where in it, and its address. Pagefind
 * keeps one record per address, so the same file under a second report
 * (`copy` 2, 3, …) gets a marker of its own: `&wpis=2` after a PDF's page
 * (PDF viewers read `page` and ignore the rest), `-2` after a section marker.
 */
function partRecord(link: AttachmentLink, part: AttachmentPart, index: number, count: number, copy: number): { url: string; meta: Record<string, string> } {
  const base = link.href.replace(/#.*$/, '');
  if (part.page !== undefined) return { url: `${base}#page=${part.page}${copy > 1 ? `&wpis=${copy}` : ''}`, meta: { [documentMeta.page]: String(part.page) } };
  const url = count > 1 ? `${base}#czesc-${index + 1}${copy > 1 ? `-${copy}` : ''}` : copy > 1 ? `${base}#wpis-${copy}` : link.href;
  if (part.heading) return { url, meta: { [documentMeta.section]: part.heading } };
  return { url, meta: count > 1 ? { [documentMeta.part]: String(index + 1) } : {} };
}

/**
 * The records of one report page's attachments: for each link marked
 * `data-attachment` whose file has extracted text in `texts` (keyed by
 * `fileKey` of its path), one record per part with text. `indexedBy` counts,
 * by key, the reports that have indexed each file so far: a file two reports
 * link to is searched under each, with each report's filters (a search for
 * the second report's year finds it too), at addresses of its own.
 * Scans and damaged files have no parts, so no records; their problem is
 * reported by the build (finish-build.ts), not here.
 */
export function attachmentRecords(page: ReportPage, texts: ReadonlyMap<string, AttachmentText>, indexedBy: Map<string, number> = new Map()): DocumentRecord[] {
  const links = attachmentLinks(page.body);
  if (links.length === 0) return [];
  const reportTitle = textOf(heading.exec(page.body)?.[1] ?? '') || page.url;
  const filters: Record<string, string[]> = {};
  for (const [name, value] of pageFilters(page.body)) (filters[name] ??= []).push(value);
  filters[documentFilter] = ['tak'];
  const records: DocumentRecord[] = [];
  for (const link of links) {
    const key = fileKey(link.href);
    const text = texts.get(key);
    if (!text) continue;
    const copy = (indexedBy.get(key) ?? 0) + 1;
    indexedBy.set(key, copy);
    const parts = text.parts.filter((p) => p.text.trim() !== '');
    parts.forEach((part, i) => {
      const where = partRecord(link, part, i, parts.length, copy);
      const folded = wordsPagefindCannotFold(part.text);
      records.push({
        url: where.url,
        content: part.text,
        language: 'pl',
        meta: {
          [documentMeta.document]: link.title,
          ...where.meta,
          [documentMeta.report]: reportTitle,
          [documentMeta.reportUrl]: page.url,
          ...(text.format && { [documentMeta.format]: attachmentFormats.label(text.format) }),
          [documentMeta.size]: fileSize(text.bytes),
          ...(folded.length > 0 && { [foldedField]: folded.join(' ') }),
        },
        filters,
      });
    });
  }
  return records;
}

/** The attachments' texts by `fileKey` of their path, for `attachmentRecords`. */
export function textsByFile(texts: readonly AttachmentText[]): Map<string, AttachmentText> {
  return new Map(texts.map((t) => [fileKey(t.file), t]));
}

/**
 * The pages of a PDF as the archive search reads them (issue 15), by
 * Mozilla's pdf.js as unpdf bundles it: the text of each page, and whether
 * the document — or some of its pages — has no text layer. Imports nothing
 * of Node's, so the build (attachment-text.ts, in a worker thread) and the
 * CMS preview in an editor's browser (src/cms/browser/pdf-check.ts) apply
 * the same rule to the same file.
 */
import type { AttachmentPart, AttachmentText } from './attachment-types.ts';

/**
 * A PDF page holds a text layer when its text has at least this many letters
 * (\p{L}). Below it, a page that paints an image is a page without text (a
 * scanned page, perhaps with a stamped page number); a page that paints none
 * is a blank or title page and no problem. A document none of whose pages
 * reaches it is a scan.
 */
export const minLettersPerPage = 20;

/** Text with every run of whitespace (spaces, line ends, non-breaking spaces) made one space, trimmed. */
export const collapseWhitespace = (text: string) => text.replace(/\s+/gu, ' ').trim();
const letterCount = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

type Extracted = Pick<AttachmentText, 'parts' | 'problem'>;

/** Where pdf.js finds the fonts and character maps a PDF names without embedding (Node: the local pdfjs-dist; a browser: none). */
export interface PdfFontData {
  disableFontFace?: boolean;
  standardFontDataUrl?: string;
  cMapUrl?: string;
  cMapPacked?: boolean;
}

/** The pdf.js operators that paint an image. */
let imageOperators: Set<number> | undefined;

/**
 * A PDF's searchable pages: one part per page with text (`page` from 1),
 * whitespace collapsed. When no page reaches `minLettersPerPage` letters:
 * problem `scan` if some page paints an image (its parts dropped), `no-text`
 * if no page has a single letter (blank pages, or text drawn as curves), and
 * none for a short document. Otherwise `pages-without-text` lists the pages
 * below it that paint an image. Rejects as pdf.js does for a file it cannot open
 * (PasswordException, InvalidPDFException); the document is destroyed either way.
 */
export async function readPdfPages(bytes: Uint8Array, fontData: PdfFontData = {}): Promise<Extracted> {
  const { getResolvedPDFJS } = await import('unpdf');
  const { getDocument, OPS } = await getResolvedPDFJS();
  imageOperators ??= new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup]);
  // The loading task itself, not unpdf's getDocumentProxy, so that it is destroyed even when opening fails
  // (a password, a damaged file). A copy of the bytes: pdf.js may take over the buffer it is given.
  // Errors only on the console, not its warnings.
  const task = getDocument({ data: bytes.slice(), useSystemFonts: true, verbosity: 0, ...fontData });
  try {
    const pdf = await task.promise;
    const parts: AttachmentPart[] = [];
    const sparse: number[] = [];
    for (let page = 1; page <= pdf.numPages; page++) {
      const proxy = await pdf.getPage(page);
      const content = await proxy.getTextContent();
      const text = collapseWhitespace(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      if (text) parts.push({ page, text });
      if (letterCount(text) < minLettersPerPage) sparse.push(page);
      proxy.cleanup();
    }
    const withoutText: number[] = [];
    for (const page of sparse) {
      const proxy = await pdf.getPage(page);
      const { fnArray } = await proxy.getOperatorList();
      if (fnArray.some((op) => imageOperators!.has(op))) withoutText.push(page);
      proxy.cleanup();
    }
    // No page with text: a scan when some page is an image; with no image, a short document is fine,
    // and one without a single letter has blank pages or text drawn as curves.
    if (sparse.length === pdf.numPages && withoutText.length) return { parts: [], problem: { kind: 'scan' } };
    if (sparse.length === pdf.numPages && parts.every((part) => letterCount(part.text) === 0)) return { parts, problem: { kind: 'no-text' } };
    return withoutText.length ? { parts, problem: { kind: 'pages-without-text', pages: withoutText } } : { parts };
  } finally {
    await task.destroy();
  }
}


/**
 * The text of one attachment, for the archive search (issue 15): its format
 * sniffed from its bytes, then PDF pages read by unpdf (Mozilla's pdf.js,
 * bundled: its worker runs in this thread, its standard fonts and character
 * maps come from the local pdfjs-dist, nothing is fetched) and DOCX or ODT
 * sections by officeparser (OCR off: Tesseract is never loaded). Never
 * throws for a bad file: what cannot be read is a `problem`
 * (src/search/attachment-types.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileTypeFromBuffer } from 'file-type';
import { problemOfFailure } from './attachment-problems.ts';
import type { AttachmentPart, AttachmentText, ExtractedFormat } from './attachment-types.ts';
import { collapseWhitespace, readPdfPages } from './pdf-pages.ts';

export { collapseWhitespace, minLettersPerPage } from './pdf-pages.ts';

const require = createRequire(import.meta.url);

/** The version of an installed package, read from its package.json (found upwards from its entry point). */
function packageVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version ?? '0';
    } catch {
      // no package.json here: look further up
    }
    const parent = dirname(dir);
    if (parent === dir) return '0';
    dir = parent;
  }
}

/**
 * Keys the cache (attachment-cache.ts): this module's rules (bump the leading
 * number when they change what is extracted) and the versions of the two
 * libraries, so that an upgrade re-reads every file once.
 */
export const extractorVersion = `2-unpdf${packageVersion('unpdf')}-officeparser${packageVersion('officeparser')}`;

const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/**
 * What the bytes are, by content alone, as the file-type library reads
 * signatures: PDF, DOCX (a zip with OOXML's word/document.xml), ODT (a zip
 * whose `mimetype` names an OpenDocument text, ODF 1.3 part 2 §3.3). Also a
 * PDF whose `%PDF-` comes later within the first KB (ISO 32000-2 §7.5.2 allows
 * bytes before it; pdf.js looks that far), and an OLE compound file holding
 * an `EncryptedPackage` stream: a password-protected OOXML document
 * (MS-OFFCRYPTO §2.3.4.4).
 */
export async function sniffFormat(bytes: Uint8Array): Promise<ExtractedFormat | 'encrypted-office' | undefined> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.ext === 'pdf' || type?.ext === 'docx' || type?.ext === 'odt') return type.ext;
  if (type?.ext === 'cfb') return view(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le')) ? 'encrypted-office' : undefined;
  if (type === undefined && view(bytes).toString('latin1', 0, Math.min(1024, bytes.length)).includes('%PDF-')) return 'pdf';
  return undefined;
}

type Extracted = Pick<AttachmentText, 'parts' | 'problem'>;

/**
 * Where pdf.js finds the standard fonts and character maps a PDF may name
 * without embedding: the local pdfjs-dist's folders, as unpdf's
 * getDocumentProxy sets them in Node (resolved from unpdf, as unpdf does);
 * none when pdfjs-dist is not installed (pdf.js then fetches nothing, and
 * such text may come out less well).
 */
function localFontData(): { disableFontFace?: boolean; standardFontDataUrl?: string; cMapUrl?: string; cMapPacked?: boolean } {
  try {
    const base = pathToFileURL(createRequire(require.resolve('unpdf')).resolve('pdfjs-dist/package.json'));
    return { disableFontFace: true, standardFontDataUrl: new URL('./standard_fonts/', base).href, cMapUrl: new URL('./cmaps/', base).href, cMapPacked: true };
  } catch {
    return {};
  }
}

/** A PDF's pages (pdf-pages.ts), with the local font data. */
const readPdf = (bytes: Uint8Array): Promise<Extracted> => readPdfPages(bytes, localFontData());

/** One node of officeparser's document tree, as far as it is read here. */
interface OfficeNode {
  type: string;
  text?: string;
}

async function readOffice(bytes: Uint8Array, fileType: 'docx' | 'odt'): Promise<Extracted> {
  const { OfficeParser } = await import('officeparser');
  const ast = await OfficeParser.parseOffice(Buffer.from(bytes), {
    fileType,
    ocr: false,
    extractAttachments: false,
    ignoreComments: true,
    ignoreHeadersAndFooters: true,
  });
  const parts: AttachmentPart[] = [];
  let current: { heading?: string; texts: string[] } = { texts: [] };
  const flush = () => {
    const text = collapseWhitespace(current.texts.join(' '));
    if (text) parts.push(current.heading ? { heading: current.heading, text } : { text });
  };
  for (const node of ast.content as OfficeNode[]) {
    const text = collapseWhitespace(node.text ?? '');
    if (node.type === 'heading' && text) {
      flush();
      current = { heading: text, texts: [text] };
    } else if (text) current.texts.push(text);
  }
  flush();
  return { parts };
}

/**
 * The text of one attachment.
 *
 * @param file the path the site serves it at, e.g. "/pliki/raport.pdf" (kept as `file`)
 * @param bytes its content
 * @param sha256 its SHA-256 in lowercase hex when the caller has hashed it already (computed otherwise)
 * @returns PDF: one part per page with text (`page` from 1, as `#page=N` counts), problem `scan` or
 *   `pages-without-text` by `minLettersPerPage`; DOCX/ODT: one part per top-level heading (with
 *   `heading`; text before the first heading is a part without one), or one part when there are none.
 *   Other formats: problem `unsupported`; unreadable: `damaged`; password-protected: `encrypted`.
 *   Never rejects.
 */
export async function extractAttachment(file: string, bytes: Uint8Array, sha256?: string): Promise<AttachmentText> {
  const base = {
    file,
    sha256: sha256 ?? createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
  let sniffed: Awaited<ReturnType<typeof sniffFormat>>;
  try {
    sniffed = await sniffFormat(bytes);
  } catch {
    sniffed = undefined;
  }
  if (bytes.length === 0) return { ...base, format: undefined, parts: [], problem: { kind: 'damaged', detail: 'plik jest pusty (0 bajtów)' } };
  if (sniffed === 'encrypted-office') return { ...base, format: undefined, parts: [], problem: { kind: 'encrypted' } };
  if (sniffed === undefined) return { ...base, format: undefined, parts: [], problem: { kind: 'unsupported' } };
  try {
    const extracted = sniffed === 'pdf' ? await readPdf(bytes) : await readOffice(bytes, sniffed);
    return { ...base, format: sniffed, ...extracted };
  } catch (error) {
    return { ...base, format: sniffed, parts: [], problem: problemOfFailure(error, sniffed) };
  }
}

export { accessibilityLaw, problemSentence } from './attachment-problems.ts';

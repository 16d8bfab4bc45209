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

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
const latin1 = (bytes: Uint8Array, from: number, to: number) => view(bytes).toString('latin1', Math.min(from, bytes.length), Math.min(to, bytes.length));

/** The name and stored content of a zip's first entry (its local header, APPNOTE 4.3.7), or undefined when it is compressed. */
function firstZipEntry(bytes: Uint8Array): { name: string; content: string } | undefined {
  if (bytes.length < 30) return undefined;
  const header = view(bytes);
  const method = header.readUInt16LE(8);
  const size = header.readUInt32LE(18);
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
  if (method !== 0) return undefined;
  const start = 30 + nameLength + extraLength;
  return { name: latin1(bytes, 30, 30 + nameLength), content: latin1(bytes, start, start + Math.min(size, 200)) };
}

/**
 * What the bytes are, by content alone: `%PDF-` in the first KB (ISO 32000-2
 * §7.5.2 allows bytes before it, pdf.js looks that far); a zip whose first
 * entry is `mimetype` stored as `application/vnd.oasis.opendocument.text`
 * (ODF 1.3 part 2 §3.3) or that names `word/document.xml` (OOXML's main part);
 * an OLE compound file holding an `EncryptedPackage` stream (a
 * password-protected OOXML document, MS-OFFCRYPTO §2.3.4.4).
 */
export function sniffFormat(bytes: Uint8Array): ExtractedFormat | 'encrypted-office' | undefined {
  if (latin1(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const first = firstZipEntry(bytes);
    if (first?.name === 'mimetype') return first.content === 'application/vnd.oasis.opendocument.text' ? 'odt' : undefined;
    return view(bytes).includes('word/document.xml', 0, 'latin1') ? 'docx' : undefined;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return view(bytes).includes(Buffer.from('EncryptedPackage', 'utf16le')) ? 'encrypted-office' : undefined;
  }
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
  let sniffed: ReturnType<typeof sniffFormat>;
  try {
    sniffed = sniffFormat(bytes);
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

/**
 * Fixture documents made in memory for the tests and the bench of the
 * attachments' text (issue 15): PDFs with Polish text (pdfkit), a scanned
 * page (an image and no text), an encrypted PDF, a DOCX with headings
 * (docx), an ODT (fflate: the ODF zip by hand) and a damaged file.
 *
 * Polish letters: pdfkit's standard fonts are WinAnsi and lack ą, ę, ł…, so
 * the text is set in Inter from @fontsource/inter, whose files are split into
 * subsets: "latin" (ASCII, ó) and "latin-ext" (ą, ć, ę, ł, ń, ś, ź, ż). Each
 * line is cut into runs, each in the subset that has its letters, and the runs
 * follow each other on the line (`continued`); pdf.js reads them back as one
 * string.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const fontFiles = join(dirname(require.resolve('@fontsource/inter/package.json')), 'files');
const latin = readFileSync(join(fontFiles, 'inter-latin-400-normal.woff'));
const latinExt = readFileSync(join(fontFiles, 'inter-latin-ext-400-normal.woff'));

/**
 * The runs of a line: [font name, text]. Latin Extended-A and -B (U+0100–U+024F:
 * ą, ć, ę, ł, ń, ś, ź, ż) are in fontsource's "latin-ext" file; everything
 * else used here (ASCII, ó, dashes, quotes) in "latin".
 */
function runs(line: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const char of line) {
    const code = char.codePointAt(0)!;
    const font = code >= 0x100 && code <= 0x24f ? 'latin-ext' : 'latin';
    const last = out.at(-1);
    if (last?.[0] === font) last[1] += char;
    else out.push([font, char]);
  }
  return out;
}

/** The bytes pdfkit writes for a document once `draw` has drawn on it. */
function pdfBytes(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { CreationDate: new Date(0) }, ...options });
    doc.registerFont('latin', latin);
    doc.registerFont('latin-ext', latinExt);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** Writes a line of Polish text at the cursor. */
function writeLine(doc: PDFKit.PDFDocument, line: string): void {
  const parts = runs(line);
  parts.forEach(([font, text], i) => doc.font(font).fontSize(11).text(text, { continued: i < parts.length - 1 }));
}

/**
 * A PDF of `pages.length` pages, page i (from 1) holding the lines
 * `pages[i - 1]` (a page of no lines is blank). Options reach pdfkit (e.g.
 * `userPassword` for an encrypted file).
 */
export function makePdf(pages: readonly (readonly string[])[], options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return pdfBytes(options, (doc) => {
    for (const lines of pages) {
      doc.addPage({ size: 'A4', margin: 50 });
      for (const line of lines) writeLine(doc, line);
    }
  });
}

/** A grey 64×64 image, as a PNG with one IDAT chunk (what a scanner's page stands for). */
export function greyPng(): Buffer {
  const crc = (bytes: Buffer) => {
    let c = ~0;
    for (const byte of bytes) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const size = 64;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((size + 1) * size, 0x99);
  for (let y = 0; y < size; y++) rows[y * (size + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PDF whose pages are images without a text layer, as a scanner makes:
 * `textPages` lists the pages (from 1) that get lines of text instead, to make
 * a document only partly scanned.
 */
export function makeScannedPdf(pageCount: number, textPages: ReadonlyMap<number, readonly string[]> = new Map()): Promise<Uint8Array> {
  const image = greyPng();
  return pdfBytes({}, (doc) => {
    for (let page = 1; page <= pageCount; page++) {
      doc.addPage({ size: 'A4', margin: 50 });
      const lines = textPages.get(page);
      if (lines) for (const line of lines) writeLine(doc, line);
      else doc.image(image, 50, 50, { width: 495 });
    }
  });
}

/** A section of an office document: its heading and its paragraphs. */
export interface Section {
  heading: string;
  paragraphs: readonly string[];
}

/** A DOCX (Word) of the sections, each heading a "Heading 1" paragraph. */
export async function makeDocx(sections: readonly Section[]): Promise<Uint8Array> {
  const children = sections.flatMap((section) => [
    new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }),
    ...section.paragraphs.map((text) => new Paragraph({ text })),
  ]);
  const doc = new Document({ creator: 'Wspólnie', sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An ODT (OpenDocument text) of the sections, each heading a `text:h` of
 * level 1: the zip ODF 1.3 part 2 §3 requires (the `mimetype` entry first
 * and stored, then content.xml and META-INF/manifest.xml).
 */
export function makeOdt(sections: readonly Section[]): Uint8Array {
  const body = sections
    .map(({ heading, paragraphs }) =>
      [`<text:h text:outline-level="1">${escapeXml(heading)}</text:h>`, ...paragraphs.map((p) => `<text:p>${escapeXml(p)}</text:p>`)].join(''),
    )
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;
  return zipSync(
    {
      mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
      'content.xml': strToU8(content),
      'META-INF/manifest.xml': strToU8(manifest),
    },
    { mtime: new Date(1980, 0, 1) },
  );
}

/** A damaged copy of a file: its first `fraction` of bytes, as an upload cut off in transfer leaves it. */
export function truncated(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

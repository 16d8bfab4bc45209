/**
 * The text of an attachment stored with the site (`public/pliki/`, copied to
 * `dist/pliki/`), as the build extracts it for the archive search (issue 15):
 * the shape the extractor (attachment-text.ts) produces, its cache
 * (attachment-cache.ts) keeps, and the indexer (attachment-records.ts) turns
 * into search records.
 */

/** The formats whose text is extracted: the ones city staff upload (src/data/reports.ts formats). */
export type ExtractedFormat = 'pdf' | 'docx' | 'odt';

/**
 * One searchable part of a document: a PDF page (`page`, counted from 1, as
 * `#page=N` in a PDF link counts) or a section of an office document (its
 * heading when it has one). `text` is plain text, whitespace collapsed.
 */
export interface AttachmentPart {
  page?: number;
  heading?: string;
  text: string;
}

/**
 * Why a document, or some of it, cannot be searched:
 * - `scan`: a PDF with no text layer on any page (an image of paper);
 * - `no-text`: a PDF with neither text nor an image on any page (blank pages, or text drawn as curves);
 * - `pages-without-text`: some pages of a PDF have no text layer (`pages`, counted from 1);
 * - `damaged`: the file cannot be read as its format (`detail` in Polish);
 * - `encrypted`: a password-protected file;
 * - `unsupported`: a format whose text is not extracted.
 */
export type AttachmentProblem =
  | { kind: 'scan' }
  | { kind: 'no-text' }
  | { kind: 'pages-without-text'; pages: number[] }
  | { kind: 'damaged'; detail: string }
  | { kind: 'encrypted' }
  | { kind: 'unsupported' };

/** What the build knows of one stored attachment. */
export interface AttachmentText {
  /** The path the site serves it at, e.g. "/pliki/raport-koncowy.pdf". */
  file: string;
  /** SHA-256 of its bytes, lowercase hex (the cache key). */
  sha256: string;
  /** Its size in bytes. */
  bytes: number;
  /** The format read from its content (not its name); undefined when none of ExtractedFormat. */
  format: ExtractedFormat | undefined;
  /** The searchable parts, in document order; empty for a scan or a file that could not be read. */
  parts: AttachmentPart[];
  /** Set when all or some of it is not searchable. */
  problem?: AttachmentProblem;
}

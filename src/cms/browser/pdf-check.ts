/**
 * /admin/pdf-check.js (bundled by src/integrations/decap.ts; the report
 * preview loads it only when a report has a PDF stored with the site, see
 * attachment-check.ts): reads the PDF in the editor's browser by the rule
 * the build applies (src/search/pdf-pages.ts), so the preview can say before
 * publishing what the build log would — a scan without a text layer is not
 * searchable and fails the accessibility law for public bodies (issue 15).
 * Sets `window.wspolnieCheckPdf(file, bytes)`: the Polish sentence
 * (attachment-problems.ts), or undefined when every page has text.
 */
import { problemOfFailure, problemSentence } from '../../search/attachment-problems.ts';
import type { AttachmentText } from '../../search/attachment-types.ts';
import { readPdfPages } from '../../search/pdf-pages.ts';

declare global {
  interface Window {
    wspolnieCheckPdf?: (file: string, bytes: Uint8Array) => Promise<string | undefined>;
  }
}

window.wspolnieCheckPdf = async (file, bytes) => {
  let read: Pick<AttachmentText, 'parts' | 'problem'>;
  try {
    read = await readPdfPages(bytes);
  } catch (error) {
    read = { parts: [], problem: problemOfFailure(error, 'pdf') };
  }
  return problemSentence({ file, sha256: '', bytes: bytes.length, format: 'pdf', ...read });
};

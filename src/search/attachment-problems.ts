/**
 * What editors and the build log are told about an attachment that is not
 * (fully) searchable (issue 15), in Polish. Apart from attachment-text.ts,
 * which reads files with Node's modules, so that a browser bundle (the CMS
 * preview) can import it too; attachment-text.ts re-exports it.
 */
import type { AttachmentProblem, AttachmentText, ExtractedFormat } from './attachment-types.ts';
import { collapseWhitespace } from './pdf-pages.ts';

/** The law a scan fails, named as the Journal of Laws names it. */
export const accessibilityLaw =
  'ustawa z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych (Dz.U. z 2019 r. poz. 848)';

/**
 * The Polish sentence editors read (CMS preview) and the build log lists
 * about a document that is not (fully) searchable; undefined when it is.
 * A scan's sentence says both that it cannot be searched and that it fails
 * the accessibility law for public bodies, whose annex requires WCAG 2.1 of
 * what they publish: a scan is an image of text (success criterion 1.4.5)
 * with no text for assistive technology (1.1.1).
 */
export function problemSentence(text: AttachmentText): string | undefined {
  const { problem, file } = text;
  if (!problem) return undefined;
  switch (problem.kind) {
    case 'scan':
      return `Plik ${file} to skan bez warstwy tekstowej: wyszukiwarka nie znajdzie jego treści, a dokument nie spełnia wymagań, które ${accessibilityLaw} stawia podmiotom publicznym. Opublikuj wersję z tekstem (zapisaną do PDF z edytora albo po rozpoznaniu tekstu, OCR).`;
    case 'pages-without-text': {
      const pages = problem.pages.join(', ');
      const n = problem.pages.length;
      return `W pliku ${file} ${n === 1 ? 'strona' : 'strony'} ${pages} ${n === 1 ? 'nie ma' : 'nie mają'} warstwy tekstowej (${n === 1 ? 'jest obrazem' : 'są obrazami'}): wyszukiwarka nie znajdzie ${n === 1 ? 'jej' : 'ich'} treści, a ${n === 1 ? 'taka strona nie spełnia' : 'takie strony nie spełniają'} wymagań ustawy o dostępności cyfrowej.`;
    }
    case 'damaged':
      return `Nie udało się odczytać pliku ${file}: ${problem.detail}. Plik pozostaje do pobrania, ale wyszukiwarka nie przeszuka jego treści; sprawdź go i wgraj ponownie.`;
    case 'no-text':
      return `Plik ${file} nie zawiera tekstu do przeszukania: jego strony są puste albo tekst zapisano jako rysunek (krzywe). Wyszukiwarka nie znajdzie jego treści, a dokument bez tekstu nie spełnia wymagań ustawy o dostępności cyfrowej. Sprawdź, czy wgrano właściwy plik.`;
    case 'encrypted':
      return `Plik ${file} jest zabezpieczony hasłem: wyszukiwarka nie może odczytać jego treści, a nie każdy mieszkaniec go otworzy. Opublikuj wersję bez hasła.`;
    case 'unsupported':
      return `Treść pliku ${file} nie jest przeszukiwana: wyszukiwarka czyta pliki PDF, DOCX i ODT.`;
  }
}

const formatNames: Record<ExtractedFormat, string> = { pdf: 'PDF', docx: 'DOCX', odt: 'ODT' };

/** A failure of either library (pdf.js, officeparser), as a problem: a password is `encrypted`, anything else `damaged` with a Polish detail. */
export function problemOfFailure(error: unknown, format: ExtractedFormat): AttachmentProblem {
  const { name, message, officeIssue } = (error ?? {}) as { name?: string; message?: string; officeIssue?: { code?: string } };
  const code = officeIssue?.code ?? '';
  if (name === 'PasswordException' || /^(PASSWORD_REQUIRED|PASSWORD_INCORRECT|DOCUMENT_DECRYPTION_FAILED)$/.test(code)) return { kind: 'encrypted' };
  const why = name === 'InvalidPDFException' ? 'uszkodzona struktura pliku' : /zip/i.test(`${code} ${message}`) ? 'niepełne lub uszkodzone archiwum ZIP pliku' : 'nieczytelna zawartość pliku';
  const technical = collapseWhitespace(`${code} ${message ?? String(error)}`).slice(0, 160);
  // The reader's own words are in English: named as such, for whoever fixes the file.
  return { kind: 'damaged', detail: `${why} ${formatNames[format]} (komunikat czytnika, po angielsku: „${technical}”)` };
}

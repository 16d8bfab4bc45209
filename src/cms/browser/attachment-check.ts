/**
 * The report preview's note on a PDF stored with the site (issue 15): a scan
 * without a text layer, pages without text, a damaged or password-protected
 * file — the sentence the build log will give (src/search/attachment-problems.ts),
 * shown to the editor before publishing. The PDF is read in the editor's
 * browser by /admin/pdf-check.js (pdf-check.ts, with pdf.js: 1.6 MB, so
 * loaded only when a report has such a file, once per visit): a file just
 * uploaded from the copy Decap holds before saving, an earlier one from the
 * site. A file that cannot be had gets no note: the build checks it.
 */
import type { Element, PreviewProps } from './decap.ts';

const checkerUrl = '/admin/pdf-check.js';
let checker: Promise<NonNullable<Window['wspolnieCheckPdf']>> | undefined;

/** Loads /admin/pdf-check.js once; a failed load may be tried again. */
function loadChecker(): Promise<NonNullable<Window['wspolnieCheckPdf']>> {
  checker ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = checkerUrl;
    script.onload = () => (window.wspolnieCheckPdf ? resolve(window.wspolnieCheckPdf) : reject(new Error(`${checkerUrl} did not set wspolnieCheckPdf`)));
    script.onerror = () => {
      checker = undefined;
      reject(new Error(`${checkerUrl} did not load`));
    };
    document.head.append(script);
  });
  return checker;
}

/** Notes by the asset address they were computed for, and by uploaded file: the preview re-renders on every keystroke. */
const notes = new Map<string, Promise<string | undefined>>();
const uploadNotes = new WeakMap<Blob, Promise<string | undefined>>();

/** The bytes of a just-uploaded file, or of the file the site serves at `url`; undefined when it cannot be had. */
async function bytesOf(source: Blob | string): Promise<Uint8Array | undefined> {
  if (typeof source !== 'string') return new Uint8Array(await source.arrayBuffer());
  const response = await fetch(source);
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
}

/**
 * The Polish note on a stored PDF (shown as `file`), read from `source` — the
 * uploaded file itself, or the address the site serves it at — or undefined
 * when all its pages have text or it cannot be read here.
 */
export function checkStoredPdf(file: string, source: Blob | string): Promise<string | undefined> {
  const known = typeof source === 'string' ? notes.get(`${file}\n${source}`) : uploadNotes.get(source);
  if (known) return known;
  const note = (async () => {
    const bytes = await bytesOf(source);
    return bytes && (await loadChecker())(file, bytes);
  })().catch(() => undefined);
  if (typeof source === 'string') notes.set(`${file}\n${source}`, note);
  else uploadNotes.set(source, note);
  return note;
}

/** Whether the preview checks an attachment: a file stored with the site (/pliki/) in PDF. */
export const isStoredPdf = (file: string, format: string): boolean => file.startsWith('/pliki/') && (format === 'pdf' || /\.pdf$/i.test(file));

interface CheckProps {
  file: string;
  source: Blob | string;
}
interface CheckState {
  /** What the note was read from, and the note. */
  source?: Blob | string | undefined;
  note?: string | undefined;
}
interface CheckComponent {
  props: CheckProps;
  state: CheckState;
  setState(state: CheckState): void;
  check(): void;
}

/** A React component (Decap's createClass): renders the note for one stored PDF, or nothing. */
let component: unknown;
export function attachmentCheck(): unknown {
  component ??= window.createClass({
    getInitialState: () => ({}),
    componentDidMount(this: CheckComponent) {
      this.check();
    },
    componentDidUpdate(this: CheckComponent) {
      this.check();
    },
    check(this: CheckComponent) {
      const { file, source } = this.props;
      if (this.state.source === source) return;
      this.setState({ source, note: undefined });
      void checkStoredPdf(file, source).then((note) => {
        if (this.props.source === source) this.setState({ source, note });
      });
    },
    render(this: CheckComponent): Element {
      const { note } = this.state;
      return note ? window.h('p', { className: 'notice notice-changed', role: 'status' }, note) : null;
    },
  });
  return component;
}

/**
 * The note element for an attachment of the previewed entry, or null when it
 * is not a stored PDF (or Decap is still loading it). The asset is asked for
 * by its name in the media folder, not by its public path: Decap takes a path
 * starting with "/" for a public address and would hand that back, while a
 * name finds the upload it holds (`fileObj`, before the entry is saved) or
 * has the backend fetch the stored file (a blob: address), as for images.
 */
export function attachmentNote(props: PreviewProps, file: string, format: string, key: number): Element {
  if (!isStoredPdf(file, format)) return null;
  const asset = props.getAsset?.(file.slice('/pliki/'.length));
  // Decap's stand-in while it loads the file (an empty SVG); the preview renders again when it has it.
  if (!asset || asset.path === 'empty.svg') return null;
  const source = asset.fileObj instanceof Blob ? asset.fileObj : asset.toString();
  return window.h(attachmentCheck() as string, { key: `note${key}`, file, source });
}

/**
 * The report preview's note on a PDF stored with the site (issue 15): a scan
 * without a text layer, pages without text, a damaged or password-protected
 * file — the sentence the build log will give (src/search/attachment-problems.ts),
 * shown to the editor before publishing. The PDF is read in the editor's
 * browser by /admin/pdf-check.js (pdf-check.ts, with pdf.js: 1.6 MB, so
 * loaded only when a report has such a file, once per visit), from the
 * address Decap gives the asset (a just-uploaded file's own copy, before it
 * is saved). A file that cannot be fetched gets no note: the build checks it.
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

/** Notes by the asset address they were computed for: the preview re-renders on every keystroke. */
const notes = new Map<string, Promise<string | undefined>>();

/** The Polish note on the PDF at `url` (shown as `file`), or undefined when all its pages have text or it cannot be read here. */
export function checkStoredPdf(file: string, url: string): Promise<string | undefined> {
  const key = `${file}\n${url}`;
  let note = notes.get(key);
  if (!note) {
    note = (async () => {
      const response = await fetch(url);
      if (!response.ok) return undefined;
      const check = await loadChecker();
      return check(file, new Uint8Array(await response.arrayBuffer()));
    })().catch(() => undefined);
    notes.set(key, note);
  }
  return note;
}

/** Whether the preview checks an attachment: a file stored with the site (/pliki/) in PDF. */
export const isStoredPdf = (file: string, format: string): boolean => file.startsWith('/pliki/') && (format === 'pdf' || /\.pdf$/i.test(file));

interface CheckProps {
  file: string;
  url: string;
}
interface CheckState {
  /** The address the note is for, and the note. */
  url?: string | undefined;
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
      const { file, url } = this.props;
      if (this.state.url === url) return;
      this.setState({ url, note: undefined });
      void checkStoredPdf(file, url).then((note) => {
        if (this.props.url === url) this.setState({ url, note });
      });
    },
    render(this: CheckComponent): Element {
      const { note } = this.state;
      return note ? window.h('p', { className: 'notice notice-changed', role: 'status' }, note) : null;
    },
  });
  return component;
}

/** The note element for an attachment of the previewed entry, or null when it is not a stored PDF. */
export function attachmentNote(props: PreviewProps, file: string, format: string, key: number): Element {
  if (!isStoredPdf(file, format)) return null;
  const url = props.getAsset?.(file)?.toString() ?? file;
  return window.h(attachmentCheck() as string, { key: `note${key}`, file, url });
}

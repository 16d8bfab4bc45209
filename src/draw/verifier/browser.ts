/**
 * The results page's draw verifier (DrawVerifier.astro): recomputes the draw
 * in the browser from the published protocol, or from a protocol file the
 * visitor chooses, and says in the live region whether it matches. The
 * verification code (zod, MD5, SHA-256) is loaded on first use, so the page
 * itself stays light. A protocol is untrusted input: everything from it is
 * written as text, never as markup.
 */
import type { Expected, Verification } from '../verify.ts';

const maxFileBytes = 50_000_000;
const fetchTimeoutMs = 30_000;

for (const root of document.querySelectorAll<HTMLElement>('[data-draw-verifier]')) enhance(root);

function enhance(root: HTMLElement): void {
  const controls = root.querySelector<HTMLElement>('[data-draw-verifier-controls]');
  const result = root.querySelector<HTMLElement>('[data-draw-verifier-result]');
  const published = root.querySelector<HTMLButtonElement>('[data-draw-verifier-published]');
  const chosen = root.querySelector<HTMLButtonElement>('[data-draw-verifier-chosen]');
  const file = root.querySelector<HTMLInputElement>('#draw-verifier-file');
  const fileGroup = root.querySelector<HTMLElement>('[data-draw-verifier-file-group]');
  if (!controls || !result || !published || !chosen || !file || !fileGroup || typeof fetch !== 'function') return;
  controls.hidden = false;
  root.querySelector('[data-draw-verifier-nojs]')?.remove();
  const url = root.dataset['protocolUrl'] ?? '';
  const values = root.querySelector<HTMLTextAreaElement>('#draw-verifier-values');
  const announced: Expected = root.dataset['poolSha256'] ? { poolSha256: root.dataset['poolSha256'] } : {};
  // The values a visitor found, one line per source (an empty line skips one): the verifier parses them as the panel does.
  const expected = (): Expected => {
    const lines = (values?.value ?? '').split(/\r?\n/);
    return lines.some((l) => l.trim() !== '') ? { ...announced, sourceValues: lines.map((l) => (l.trim() === '' ? undefined : l)) } : announced;
  };
  let running = false;

  async function run(button: HTMLButtonElement, read: () => Promise<string>): Promise<void> {
    if (running) return;
    running = true;
    button.setAttribute('aria-busy', 'true');
    show(result!, 'pending', [paragraph('Sprawdzam protokół: przeliczam losowanie…')]);
    try {
      const text = await read();
      const { verifyProtocolText } = await import('../verify.ts');
      const verification = verifyProtocolText(text, expected());
      // A typed value that cannot be read one way is the visitor's input to fix, shown at the field; the protocol is not judged.
      if (values) setFileError(values, values.closest<HTMLElement>('.form-group')!, verification.inputErrors.length > 0 ? verification.inputErrors.join(' ') : undefined);
      render(result!, verification);
    } catch (error) {
      show(result!, 'mismatch', [paragraph(error instanceof ReadError ? error.message : 'Nie udało się sprawdzić protokołu. Odśwież stronę i spróbuj ponownie.')]);
    } finally {
      button.removeAttribute('aria-busy');
      running = false;
    }
  }

  published.addEventListener('click', () => void run(published, () => download(url)));
  chosen.addEventListener('click', () => {
    const picked = file.files?.[0];
    setFileError(file, fileGroup, picked ? undefined : 'Najpierw wybierz plik protokołu.');
    if (!picked) {
      file.focus();
      return;
    }
    if (picked.size > maxFileBytes) {
      setFileError(file, fileGroup, 'Ten plik jest za duży jak na protokół losowania (ponad 50 MB).');
      file.focus();
      return;
    }
    void run(chosen, () => picked.text().catch(() => Promise.reject(new ReadError('Nie udało się odczytać wybranego pliku.'))));
  });
  file.addEventListener('change', () => setFileError(file, fileGroup, undefined));
}

class ReadError extends Error {}

async function download(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(fetchTimeoutMs) });
  } catch {
    throw new ReadError('Nie udało się pobrać protokołu: sprawdź połączenie z internetem i spróbuj ponownie.');
  }
  if (!response.ok) throw new ReadError(`Nie udało się pobrać protokołu (serwer odpowiedział kodem ${response.status}).`);
  return response.text();
}

/** The GOV.UK inline error: "Błąd:" for screen readers, tied to the input by aria-describedby. */
function setFileError(input: HTMLInputElement | HTMLTextAreaElement, group: HTMLElement, message: string | undefined): void {
  const id = `${input.id}-error`;
  document.getElementById(id)?.remove();
  group.classList.toggle('form-group-error', message !== undefined);
  const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((t) => t !== '' && t !== id);
  if (message === undefined) {
    input.removeAttribute('aria-invalid');
  } else {
    const error = paragraph(message);
    error.id = id;
    error.className = 'field-error';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = 'Błąd: ';
    error.prepend(hidden);
    input.before(error);
    input.setAttribute('aria-invalid', 'true');
    describedBy.push(id);
  }
  input.setAttribute('aria-describedby', describedBy.join(' '));
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function list(items: string[]): HTMLUListElement {
  const ul = document.createElement('ul');
  for (const item of items) {
    const li = document.createElement('li');
    li.textContent = item;
    ul.append(li);
  }
  return ul;
}

function show(region: HTMLElement, state: 'pending' | 'ok' | 'mismatch', content: HTMLElement[]): void {
  region.classList.toggle('draw-verifier-ok', state === 'ok');
  region.classList.toggle('draw-verifier-mismatch', state === 'mismatch');
  region.replaceChildren(...content);
}

function render(region: HTMLElement, verification: Verification): void {
  const verdict = paragraph(verification.summary);
  verdict.className = 'draw-verifier-verdict';
  if (verification.inputErrors.length > 0) {
    show(region, 'pending', [verdict]);
  } else if (verification.ok) {
    show(region, 'ok', [verdict, paragraph('Sprawdź jeszcze samodzielnie:'), list(verification.reminders)]);
  } else {
    show(region, 'mismatch', [verdict, paragraph('Co się nie zgadza:'), list(verification.findings)]);
  }
}

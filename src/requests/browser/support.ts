/**
 * Enhances a request's support block (src/components/RequestSupport.astro).
 * Without this script the page links to the counts page and the form is a
 * plain POST the server answers with the same markup; with it:
 *
 * - the live counts and the threshold's wording (/api/wnioski/status) replace
 *   the link, and the form is hidden when online support has ended since the
 *   page was built;
 * - the form is sent with fetch (JSON answers), cannot be sent twice, shows
 *   the server's mistakes exactly as the server renders them (the same
 *   renderSupportForm, summary focused, GOV.UK links) and, once accepted,
 *   says to check the mailbox.
 *
 * Any failure to reach the server falls back to the plain POST.
 */
import { followErrorSummaryLinks, focusErrorSummary } from '../../forms/browser/error-summary.ts';
import type { FieldError } from '../../forms/field-error.ts';
import { html } from '../../lib/html.ts';
import { renderSupportForm, type SupportValues } from '../support-form.ts';

interface Status {
  open: boolean;
  threshold: string;
  counts: string;
}

const timeoutMs = 10_000;

for (const block of document.querySelectorAll<HTMLElement>('[data-request-support]')) enhance(block);

function showCounts(block: HTMLElement, status: Pick<Status, 'threshold' | 'counts'>): void {
  const counts = block.querySelector<HTMLElement>('[data-support-counts]');
  if (counts) counts.innerHTML = html`<p><strong>${status.threshold}</strong></p><p>${status.counts}</p>`.value;
}

async function refresh(block: HTMLElement, id: string): Promise<void> {
  // Past the browser's cache: a person back from confirming must see their support counted (the CDN still spares the server).
  const response = await fetch(`/api/wnioski/status?wniosek=${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' }, cache: 'no-cache', signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) return;
  const status = (await response.json()) as Status;
  showCounts(block, status);
  if (!status.open) {
    block.querySelector('#poparcie-formularz')?.remove();
    block.querySelector('[data-support-until]')?.replaceWith(Object.assign(document.createElement('p'), { textContent: 'Zbieranie poparć przez internet jest zakończone.' }));
  }
}

function enhance(block: HTMLElement): void {
  if (typeof fetch !== 'function' || typeof AbortSignal?.timeout !== 'function') return;
  const id = block.dataset['requestSupport'] ?? '';
  refresh(block, id).catch(() => undefined);
  followErrorSummaryLinks(block);
  let sending = false;
  block.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement && event.target.matches('[data-request-support-form]') ? event.target : null;
    if (!form) return;
    event.preventDefault();
    if (sending) return;
    sending = true;
    void send(block, form, id).finally(() => (sending = false));
  });
}

async function send(block: HTMLElement, form: HTMLFormElement, id: string): Promise<void> {
  const data = new FormData(form);
  const values = Object.fromEntries(['name', 'address', 'email', 'declaration'].map((k) => [k, String(data.get(k) ?? '')])) as SupportValues;
  const button = form.querySelector('button');
  button?.setAttribute('aria-disabled', 'true');
  let response: Response;
  try {
    response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(data as unknown as Record<string, string>),
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    form.submit(); // the server answers a plain POST with the same markup
    return;
  } finally {
    button?.removeAttribute('aria-disabled');
  }
  const body = (await response.json().catch(() => ({}))) as { message?: string; errors?: FieldError[]; counts?: { needed: number; gathered: number } };
  const region = block.querySelector<HTMLElement>('#poparcie-formularz');
  if (!region) return;
  if (response.status === 202) {
    const done = html`<div class="notice notice-success" role="status" tabindex="-1" id="poparcie-wyslano"><h3>Sprawdź skrzynkę e-mail</h3><p>${body.message ?? ''}</p></div>`;
    region.outerHTML = done.value;
    block.querySelector<HTMLElement>('#poparcie-wyslano')?.focus();
    refresh(block, id).catch(() => undefined);
    return;
  }
  const errors = body.errors ?? [{ field: '', message: 'Nie udało się wysłać formularza. Spróbuj ponownie za chwilę.' }];
  const markup = renderSupportForm({ requestId: id, values, errors }).value;
  region.outerHTML = markup.replace(/^<!--[^>]*-->|<!--[^>]*-->$/g, '');
  if (!document.title.startsWith('Błąd: ')) document.title = `Błąd: ${document.title}`;
  focusErrorSummary(block);
}

/**
 * The staff panel's one script, bundled by the build to /panel/panel.js
 * (integration.ts), which every panel page loads (src/panel/http/layout.ts).
 * Everything works without it; it only
 * - focuses a form's error summary and makes its links move to their fields
 *   (GOV.UK's behaviour, src/forms/browser/error-summary.ts, shared with the
 *   public sign-up form);
 * - filters a list as you type into an `input[data-filter="<table selector>"]`
 *   (the applications on src/staff/http/programme-page.ts), matching each
 *   row's `data-search`, and says in #zgloszenia-licznik (aria-live) how many
 *   rows match, once typing pauses.
 */
import { focusErrorSummary, followErrorSummaryLinks } from '../../forms/browser/error-summary.ts';

/** The pause before announcing, so a screen reader does not read every keystroke's count. */
const announceAfterMs = 300;

focusErrorSummary(document);
followErrorSummaryLinks(document);
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-filter]')) filterAsYouType(input);

function filterAsYouType(input: HTMLInputElement): void {
  const table = document.querySelector<HTMLTableElement>(input.dataset['filter'] ?? '');
  const counter = document.getElementById('zgloszenia-licznik');
  const body = table?.tBodies[0];
  if (!body || !counter) return;
  const rows = [...body.rows];
  const initial = counter.textContent;
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const term = input.value.trim().toLowerCase();
      let shown = 0;
      for (const row of rows) {
        const match = term === '' || (row.dataset['search'] ?? '').includes(term);
        row.hidden = !match;
        if (match) shown++;
      }
      counter.textContent = term === '' ? initial : `Na liście pasuje: ${shown} z ${rows.length}. Naciśnij „Szukaj”, żeby przeszukać wszystkie zgłoszenia.`;
    }, announceAfterMs);
  });
}

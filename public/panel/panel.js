// The staff panel's one script (src/staff/http/). Everything works without
// it; it only moves focus to a form's error summary (GOV.UK) and filters the
// list of applications as you type, announcing the count.
(() => {
  const summary = document.getElementById('podsumowanie-bledow');
  if (summary) summary.focus();

  for (const input of document.querySelectorAll('input[data-filter]')) {
    const table = document.querySelector(input.dataset.filter);
    const counter = document.getElementById('zgloszenia-licznik');
    if (!table || !counter) continue;
    const rows = [...table.tBodies[0].rows];
    const initial = counter.textContent;
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      // A pause before announcing, so a screen reader does not read every keystroke's count.
      timer = setTimeout(() => {
        const term = input.value.trim().toLowerCase();
        let shown = 0;
        for (const row of rows) {
          const match = term === '' || (row.dataset.search ?? '').includes(term);
          row.hidden = !match;
          if (match) shown++;
        }
        counter.textContent = term === '' ? initial : `Na liście pasuje: ${shown} z ${rows.length}. Naciśnij „Szukaj”, żeby przeszukać wszystkie zgłoszenia.`;
      }, 300);
    });
  }
})();

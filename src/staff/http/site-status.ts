/**
 * The "Publikacja strony" section of the panel's home page: when the site
 * now served was built, and — when the latest build failed — the Polish
 * reason (which file, which field) while the last good version keeps
 * serving, also while the next build runs, until one publishes. Only the self-hosted server builds the site itself; on Netlify
 * the section is absent (Netlify's deploy log says the same).
 */
import { formatDayTime } from '../../lib/dates.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import type { SiteBuildStatus } from '../../http/runtime.ts';


export function siteStatusSection(status: SiteBuildStatus | undefined): SafeHtml | '' {
  if (!status) return '';
  const published = status.published
    ? html`<p>Strona w obecnej wersji opublikowana ${formatDayTime(status.published.at)} (powód: ${status.published.reason}).</p>`
    : html`<p>Strona nie ma jeszcze opublikowanej wersji.</p>`;
  const building = status.state === 'building' ? html`<p>Trwa budowanie nowej wersji strony.</p>` : '';
  // The last failure stays on screen while the next build runs: it is still what residents do not see.
  const failure = status.failure
    ? html`<div class="panel panel-problem" id="blad-budowania">
<h3>Ostatnie budowanie strony nie powiodło się</h3>
<p>${formatDayTime(status.failure.at)} (powód: ${status.failure.reason}). ${status.failure.summary}</p>
${status.failure.file ? html`<p>Plik: <code>${status.failure.file}</code>${status.failure.field ? html`, pole: <strong>${status.failure.field}</strong>` : ''}.</p>` : ''}
<p>Mieszkańcy widzą nadal poprzednią wersję strony. Popraw wpis w panelu redakcyjnym; strona zbuduje się ponownie po zapisaniu.</p>
<details><summary>Szczegóły techniczne</summary><pre class="build-output" tabindex="0">${status.failure.detail}</pre></details>
</div>`
    : '';
  const warnings = status.warnings?.length
    ? html`<div class="panel" id="uwagi-budowania"><h3>Do poprawienia w treści</h3>
<p>Strona jest opublikowana, ale niektóre wpisy wskazują na wpisy, których nie ma; strona pomija te powiązania.</p>
<ul>${status.warnings.map((w) => html`<li>${w.summary}</li>`)}</ul></div>`
    : '';
  return html`<section aria-labelledby="publikacja-tytul"><h2 id="publikacja-tytul">Publikacja strony</h2>${failure}${warnings}${building}${published}</section>`;
}

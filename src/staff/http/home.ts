/**
 * /panel/ — every programme and consultation with sign-ups, and its
 * applications by state; then those no longer on the site whose
 * applications are still in the database (src/staff/unpublished.ts), each
 * with when its personal data goes.
 */
import { enrolmentModes } from '../../data/programmes.ts';
import type { Runtime } from '../../http/runtime.ts';
import { formatDay } from '../../lib/dates.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { applicationStates, stateLabels } from '../../enrolment/applications.ts';
import { countsByProgramme } from '../applications.ts';
import { retentionRule, unpublishedName, unpublishedProgrammes, type UnpublishedProgramme } from '../unpublished.ts';
import type { StaffSession } from '../../panel/http/guard.ts';
import { panelDocument, programmeUrl } from '../../panel/http/layout.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelHtml } from '../../http/respond.ts';
import { siteStatusSection } from './site-status.ts';

export async function handleHome(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET');
  const catalogue = await runtime.catalogue();
  const [counts, unpublished] = await Promise.all([countsByProgramme(runtime.db), unpublishedProgrammes(runtime.db, catalogue)]);
  const entries = [...catalogue.entries].sort((a, b) => b.enrolment.opens.getTime() - a.enrolment.opens.getTime());
  const zero = { pending: 0, confirmed: 0, accepted: 0, waitlisted: 0, withdrawn: 0 };
  const site = runtime.siteStatus?.();
  // A failed build is news for whoever opens the panel; otherwise the section closes the page.
  const siteFirst = site?.state === 'failed';
  const body = html`<h1>Zapisy: programy i konsultacje</h1>
${siteFirst ? siteStatusSection(site) : ''}
<p>Liczby zgłoszeń według stanu. Wybierz program, żeby zobaczyć wykresy i listę zgłoszeń, pobrać je albo napisać do uczestników.</p>
${entries.length === 0
  ? html`<p>Żaden program nie przyjmuje teraz zapisów.</p>`
  : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="programy-podpis"><table class="data-table">
<caption id="programy-podpis">Zgłoszenia według programu i stanu</caption>
<thead><tr><th scope="col">Program</th><th scope="col">Nabór</th>${applicationStates.map((s) => html`<th scope="col" class="num">${stateLabels[s]}</th>`)}</tr></thead>
<tbody>${entries.map((entry) => {
      const c = counts.get(entry.id) ?? zero;
      return html`<tr><th scope="row"><a href="${programmeUrl(entry.id)}">${entry.title}</a><br><span class="muted">${entry.kind === 'consultation' ? 'Konsultacje' : enrolmentModes.label(entry.enrolment.mode)}</span></th>
<td>${formatDay(entry.enrolment.opens)} – ${formatDay(entry.enrolment.closes)}</td>${applicationStates.map((s) => html`<td class="num">${c[s]}</td>`)}</tr>`;
    })}</tbody></table></div>`}
${unpublishedSection(unpublished, runtime.now())}
${siteFirst ? '' : siteStatusSection(site)}`;
  return panelHtml(200, panelDocument('Programy', body, { staffEmail: session.staff.email, current: 'home' }));
}

/** When the data goes, in a table cell. */
function erasureCell(p: UnpublishedProgramme, now: Date): SafeHtml | string {
  if (p.withPersonalData === 0) return 'dane już usunięte';
  const at = p.retention.eraseAfter;
  if (!at) return 'termin ustali najbliższy przebieg zadania okresowego';
  return at <= now ? 'przy najbliższym przebiegu zadania okresowego' : formatDay(at);
}

function unpublishedSection(list: readonly UnpublishedProgramme[], now: Date): SafeHtml | '' {
  if (list.length === 0) return '';
  return html`<section aria-labelledby="nieopublikowane-tytul" id="nieopublikowane">
<h2 id="nieopublikowane-tytul">Programy i konsultacje, których nie ma już na stronie</h2>
<p>Ich treść usunięto albo wycofano z publikacji, ale zgłoszenia zostały w bazie danych. Wybierz pozycję, żeby przejrzeć zgłoszenia, pobrać je albo usunąć dane osoby na jej prośbę. ${retentionRule(list.find((p) => p.retention.days !== undefined)?.retention.days)}</p>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="nieopublikowane-podpis"><table class="data-table">
<caption id="nieopublikowane-podpis">Zgłoszenia programów i konsultacji, których nie ma już na stronie</caption>
<thead><tr><th scope="col">Program</th><th scope="col">Zgłoszenia</th>${applicationStates.map((s) => html`<th scope="col" class="num">${stateLabels[s]}</th>`)}<th scope="col">Usunięcie danych osobowych</th></tr></thead>
<tbody>${list.map(
    (p) => html`<tr><th scope="row"><a href="${programmeUrl(p.id)}">${unpublishedName(p)}</a>${p.title ? html`<br><span class="muted">${p.id}</span>` : ''}</th>
<td>${formatDay(p.firstApplicationAt)} – ${formatDay(p.lastApplicationAt)}</td>${applicationStates.map((s) => html`<td class="num">${p.counts[s]}</td>`)}<td>${erasureCell(p, now)}</td></tr>`,
  )}</tbody></table></div>
</section>`;
}

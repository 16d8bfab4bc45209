/** /panel/ — every programme and consultation with sign-ups, and its applications by state. */
import { enrolmentModes } from '../../data/programmes.ts';
import type { EnrolmentRuntime } from '../../enrolment/http/runtime.ts';
import { formatDay } from '../../lib/dates.ts';
import { html } from '../../mail/template.ts';
import { applicationStates, countsByProgramme, stateLabels } from '../applications.ts';
import type { StaffSession } from './guard.ts';
import { panelDocument, programmeUrl } from './layout.ts';
import { methodNotAllowed } from './programme-lookup.ts';
import { panelHtml } from './respond.ts';
import { siteStatusSection } from './site-status.ts';

export async function handleHome(request: Request, runtime: EnrolmentRuntime, session: StaffSession): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET');
  const [catalogue, counts] = await Promise.all([runtime.catalogue(), countsByProgramme(runtime.db)]);
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
${siteFirst ? '' : siteStatusSection(site)}`;
  return panelHtml(200, panelDocument('Programy', body, { staffEmail: session.staff.email, current: 'home' }));
}

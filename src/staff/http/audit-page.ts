/** /panel/dziennik/ — the audit log: who did what, and when. */
import type { Runtime } from '../../http/runtime.ts';
import { formatDay, formatTime, machineInstant } from '../../lib/dates.ts';
import { html } from '../../lib/html.ts';
import { auditActions, recentAudit } from '../../panel/audit.ts';
import { recordedTitles } from '../unpublished.ts';
import type { StaffSession } from '../../panel/http/guard.ts';
import { panelDocument } from '../../panel/http/layout.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelHtml } from '../../http/respond.ts';

const shown = 200;

export async function handleAuditLog(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET');
  const [rows, catalogue, recorded] = await Promise.all([recentAudit(runtime.db, shown), runtime.catalogue(), recordedTitles(runtime.db)]);
  const body = html`<h1>Dziennik działań</h1>
<p>Każde działanie w panelu — logowanie, pobranie zgłoszeń, wiadomość do uczestników, usunięcie danych, losowanie — z tym, kto i kiedy je wykonał. Najnowsze na górze (najwyżej ${shown}). Osoby, których dotyczy, są wskazane kodem zgłoszenia, bez danych osobowych.</p>
${rows.length === 0
  ? html`<p>Dziennik jest pusty.</p>`
  : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="dziennik-podpis"><table class="data-table">
<caption id="dziennik-podpis">Ostatnie działania pracowników</caption>
<thead><tr><th scope="col">Kiedy</th><th scope="col">Kto</th><th scope="col">Działanie</th><th scope="col">Program</th><th scope="col">Dotyczy</th><th scope="col">Szczegóły</th></tr></thead>
<tbody>${rows.map(
      (r) => html`<tr><td><time datetime="${machineInstant(r.at)}">${formatDay(r.at)}, ${formatTime(r.at)}</time></td><td>${r.staffEmail}</td>
<td>${(auditActions as Record<string, string>)[r.action] ?? r.action}</td><td>${r.programmeId ? (catalogue.get(r.programmeId)?.title ?? recorded.get(r.programmeId) ?? r.programmeId) : ''}</td>
<td class="code-cell">${r.target ?? ''}</td><td>${r.detail ?? ''}</td></tr>`,
    )}</tbody></table></div>`}`;
  return panelHtml(200, panelDocument('Dziennik działań', body, { staffEmail: session.staff.email, current: 'audit' }));
}

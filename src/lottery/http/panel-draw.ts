/**
 * /panel/losowanie/?p=<id> — the draw, from the staff panel. GET shows where
 * the lottery stands and, once the pool is frozen and the draw date has
 * come, one field per announced source for the value it took; POST runs the
 * draw (run-draw.ts: once, audited) and redirects to the result, so a reload
 * cannot repeat anything. Mistakes come back in the GOV.UK pattern with
 * everything typed kept.
 */
import { type CatalogueEntry, isLottery } from '../../catalogue/catalogue.ts';
import { firstField, readFields } from '../../http/request.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';
import { drawSourceKinds } from '../../data/programmes.ts';
import { formatDayTime } from '../../lib/dates.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import type { FieldError } from '../../forms/field-error.ts';
import { checkboxField, textField } from '../../forms/field.ts';
import { panelForm } from '../../forms/variants.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { errorSummary, panelDocument, panelPageUrl, programmeUrl } from '../../panel/http/layout.ts';
import { methodNotAllowed, programmeOf } from '../../panel/http/programme-lookup.ts';
import { panelHtml, panelRedirect } from '../../http/respond.ts';
import { freezeIfDue } from '../freeze.ts';
import { drawResults, type DrawResults } from '../results.ts';
import { runDraw, sourcesOf } from '../run-draw.ts';
import { paths } from './results-page.ts';
import { conflictsOf } from '../../draw/announcement-record.ts';
import { announcementBlock } from './panel-announcement.ts';
import { confirmedApplications, places, plural } from '../../lib/plural.ts';
import { numbersHint } from '../../draw/typed-numbers.ts';
import { quotasOfFacts } from '../../draw/announcement.ts';
import { quotasSection } from './quotas-markup.ts';

const panelDrawUrl = (id: string) => panelPageUrl('draw', id);
const sourceId = (i: number) => `zrodlo-${i + 1}`;
const confirmId = 'sprawdzone';

const hints: Record<string, string> = {
  numbers: numbersHint,
  text: 'Tekst dokładnie tak, jak go opublikowano; do klucza wchodzą tylko litery i cyfry.',
};

function stateOf(entry: CatalogueEntry, results: DrawResults, now: Date): SafeHtml {
  const resultsPage = paths(entry.id).page;
  if (results.state === 'open') return html`<div class="panel"><p>Pula zamrozi się ${formatDayTime(results.freezesAt)}, dobę po końcu naboru. Dopiero potem można losować.</p></div>`;
  if (results.state === 'decided') {
    const p = results.protocol;
    return html`<div class="panel panel-ok" role="status"><p>${p.outcome === 'draw' ? `Losowanie przeprowadzono ${formatDayTime(new Date(p.drawnAt))}` : `Losowanie nie było potrzebne: w puli ${plural(p.pool.codes.length, 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')} na ${places(p.capacity)}; wszyscy dostali miejsca`}. Wynik jest ostateczny i nie da się go powtórzyć ani zmienić.</p>
<p><a href="${resultsPage}">Wyniki, protokół i weryfikator</a></p></div>`;
  }
  const drawDate = entry.enrolment.drawDate;
  const early = drawDate && now < drawDate ? html`<p><strong>Losowanie zapowiedziano na ${formatDayTime(drawDate)}</strong>: wcześniej wartości źródeł nie mogą być znane, więc formularz przyjmie je dopiero wtedy.</p>` : '';
  return html`<div class="panel"><p>Pula zamrożona ${formatDayTime(results.pool.frozenAt)}: ${confirmedApplications(results.pool.codes.length)} na ${places(entry.enrolment.capacity ?? 0)}. SHA-256 puli: <span class="code-cell">${results.pool.sha256}</span>.</p>${early}
<p><a href="${resultsPage}">Publiczna strona losowania</a></p></div>`;
}

function form(entry: CatalogueEntry, values: string[], checked: boolean, errors: FieldError[]): SafeHtml {
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  return html`<h2>Wartości źródeł</h2>
<p>Wpisz wartości, które ogłoszone źródła przyjęły. Losowanie jest jednorazowe: po zatwierdzeniu wynik, protokół i wiadomości do wszystkich osób z puli są ostateczne.</p>
<form method="post" action="${panelDrawUrl(entry.id)}" novalidate>
${entry.enrolment.drawSources.map((s, i) =>
    textField(panelForm, { id: sourceId(i), name: `v${i}`, label: `Źródło ${i + 1}: ${s.description}`, hint: `${drawSourceKinds.label(s.kind)}. ${hints[s.kind]}`, value: values[i] ?? '', error: errorOf(sourceId(i)), autocomplete: 'off' }),
  )}
${checkboxField(panelForm, { id: confirmId, name: 'confirm', label: 'Sprawdziłem(-am) wartości w opublikowanych źródłach', error: errorOf(confirmId), value: 'tak', checked })}
<button type="submit" class="button-primary">Przeprowadź losowanie</button>
</form>`;
}

/** With seat quotas (issue 14): the ones announced, and after the draw what relaxation changed, as the public page shows them. */
function quotasOf(results: DrawResults): SafeHtml {
  const quotas = results.announcement ? quotasOfFacts(results.announcement.facts) : undefined;
  if (!quotas) return html``;
  return quotasSection(quotas, results.state === 'decided' ? results.protocol.stratified : undefined);
}

async function page(runtime: Runtime, entry: CatalogueEntry, session: StaffSession, state: { values: string[]; checked: boolean; errors: FieldError[] }): Promise<Response> {
  const results = await drawResults(runtime.db, entry);
  // Content that differs from the recorded announcement stops the draw (issue 11 §2): shown here, and no form.
  const conflicts = results.announcement ? conflictsOf(results.announcement, entry.enrolment, entry.id) : [];
  const canDraw = results.state === 'frozen' && conflicts.length === 0;
  const body = html`${errorSummary(state.errors)}
<p class="breadcrumb"><a href="${programmeUrl(entry.id)}">${entry.title}</a></p>
<h1>Losowanie miejsc</h1>
${announcementBlock(entry, results.announcement, conflicts)}
${stateOf(entry, results, runtime.now())}
${quotasOf(results)}
${canDraw ? form(entry, state.values, state.checked, state.errors) : ''}`;
  return panelHtml(state.errors.length > 0 ? 422 : 200, panelDocument(`Losowanie: ${entry.title}`, body, { staffEmail: session.staff.email, hasErrors: state.errors.length > 0 }));
}

export async function handlePanelDraw(request: Request, runtime: Runtime, session: StaffSession, context: FunctionContext): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') return methodNotAllowed('GET, POST');
  const entry = await programmeOf(runtime, new URL(request.url).searchParams.get('p') ?? '');
  if (entry instanceof Response) return entry;
  if (!isLottery(entry)) return refusePanel(404, 'Ten program nie ma losowania', ['Losowanie dotyczy tylko programów, w których o miejscach decyduje losowanie (i które nie zostały odwołane).']);
  if (await freezeIfDue(runtime.db, entry, { links: runtime.links, now: runtime.now() }) === 'not-needed') runtime.mailQueued(context);
  if (request.method !== 'POST') return page(runtime, entry, session, { values: [], checked: false, errors: [] });

  const read = await readFields(request, 16_384);
  if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
  const values = entry.enrolment.drawSources.map((_, i) => firstField(read.fields, `v${i}`).slice(0, 500));
  const checked = firstField(read.fields, 'confirm') === 'tak';
  // Both checks before anything runs: a draw never starts on a value nobody confirmed, and every mistake is listed at once.
  const errors: FieldError[] = [];
  const parsed = sourcesOf(entry, values);
  if ('errors' in parsed) errors.push(...parsed.errors.map((e) => ({ field: sourceId(e.source), message: e.message })));
  if (!checked) errors.push({ field: confirmId, message: 'Zaznacz, że wartości sprawdzono w opublikowanych źródłach' });
  if (errors.length > 0) return page(runtime, entry, session, { values, checked, errors });

  const outcome = await runDraw(runtime.db, entry, { values, staffId: session.staff.id, now: runtime.now(), links: runtime.links });
  if (outcome.kind === 'too-early') {
    const message = outcome.reason === 'pool-open' ? `Pula zamrozi się dopiero ${formatDayTime(outcome.at)}.` : `Losowanie zapowiedziano na ${formatDayTime(outcome.at)}; wcześniej nie można go przeprowadzić.`;
    return page(runtime, entry, session, { values, checked, errors: [{ field: sourceId(0), message }] });
  }
  if (outcome.kind === 'invalid') return page(runtime, entry, session, { values, checked, errors: outcome.errors.map((e) => ({ field: sourceId(e.source), message: e.message })) });
  // Drawn now, or already drawn by someone else, or not needed: the page says which.
  if (outcome.kind === 'drawn') runtime.mailQueued(context);
  return panelRedirect(panelDrawUrl(entry.id));
}

/**
 * The seat quotas of a lottery on its public results page (issue 14): the
 * quotas as announced, what the relaxation changed and the quotas in force,
 * the procedure in Polish (docs/stratified-draw.md says it in English), and
 * the cells the code table adds — each code's category values and, for a
 * code the walk passed over, why.
 */
import { quotaCategories, quotaValues } from '../../data/programmes.ts';
import type { Protocol } from '../../draw/protocol.ts';
import { namedValues, type Quotas } from '../../draw/quotas.ts';
import { describeRelaxation, describeSkip, type QuotaNames } from '../../draw/stratified-command.ts';
import type { SkipReason } from '../../draw/stratified.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { formatDayTime } from '../../lib/dates.ts';
import { plural } from '../../lib/plural.ts';
import type { PublishedPromotion } from '../results.ts';

/** "Dzielnica", "Przedział wieku"; a name the site does not know stays as it is. */
export const categoryLabel = (name: string): string => ((quotaCategories.values as readonly string[]).includes(name) ? quotaCategories.label(name as never) : name);
/** "Dzielnica XVIII Nowa Huta", "30–44 lata". */
export const valueLabel = (value: string): string => ((quotaValues.values as readonly string[]).includes(value) ? quotaValues.label(value as never) : value);

/** Categories and values in skip reasons and relaxations as residents read them on the site. */
export const siteNames: QuotaNames = { category: categoryLabel, value: valueLabel };

export const stratifiedProcedure = html`<h3>Losowanie z kwotami miejsc</h3>
<p>W tym losowaniu miejsca nie przypadają po prostu pierwszym kodom w wylosowanej kolejności: obowiązują kwoty miejsc. Ogłosiliśmy je razem z naborem i od jego otwarcia się nie zmieniają. Wartość, której kwoty nie wymieniają, ma minimum 0 i maksimum równe liczbie miejsc. Zamrożona pula podaje przy każdym kodzie tylko jego wartości kategorii (w pliku pula.txt, po tabulatorze), także gdy daną wartość ma mniej niż 3 osoby — bez tego nikt nie mógłby sprawdzić losowania.</p>
<ol>
<li>Całą pulę porządkujemy algorytmem RFC 3797, dokładnie jak w losowaniu bez kwot.</li>
<li>Tylko gdy nawet cała pula nie pozwala spełnić kwot, łagodzimy je w kolejności ustalonej z góry, każdy krok tylko wtedy, gdy poprzednie nie wystarczyły: (R1) minimum większe niż liczba osób z daną wartością w puli obniżamy do tej liczby; (R2) maksima kategorii 2, potem 1, podnosimy do liczby miejsc; (R3) minima kategorii 2, potem 1, obniżamy do zera. Protokół zapisuje każdą zmianę.</li>
<li>Idziemy po wylosowanej kolejności. Kod przyjmujemy, jeśli nie przekracza żadnego maksimum, a kody dalej w kolejności wciąż pozwalają uzupełnić skład dokładnie do liczby miejsc z zachowaniem wszystkich kwot (rozstrzygamy to dokładnie, jako przepływ w sieci z ograniczeniami, bez przybliżeń i bez dodatkowej losowości). W przeciwnym razie kod pomijamy i zapisujemy powód. Kończymy, gdy miejsca są zajęte.</li>
<li>Listę rezerwową tworzą wszystkie kody nieprzyjęte, w wylosowanej kolejności. Gdy ktoś rezygnuje, miejsce dostaje pierwszy kod z listy, którego przyjęcie nie przekracza żadnego maksimum i pozwala dalej spełnić kwoty; jeśli kwot nie da się już spełnić — pierwszy, który nie przekracza żadnego maksimum; jeśli takiego nie ma, miejsce zostaje wolne.</li>
</ol>
<p>Wynik zależy tylko od ogłoszenia, zamrożonej puli z wartościami kategorii i wartości źródeł losowości. Każdy może go przeliczyć weryfikatorem na tej stronie albo poleceniem <code>npm run draw -- stratified --key "&lt;klucz&gt;" --pool pula.txt --quotas kwoty.json</code>, gdzie kwoty.json to pole <code>stratified.quotas</code> z pliku protokołu zapisane osobno (np. <code>jq .stratified.quotas protokol.json &gt; kwoty.json</code>).</p>`;

/** The quotas table: announced bounds and, after a draw that relaxed them, the ones in force; then each relaxation. */
export function quotasSection(announced: Quotas, decided?: Pick<NonNullable<Protocol['stratified']>, 'effective' | 'relaxations'>): SafeHtml {
  const relaxed = decided !== undefined && decided.relaxations.length > 0;
  const rows = announced.categories.flatMap((category, i) =>
    namedValues(category).map((value) => {
      const bound = category.values[value]!;
      const now = decided?.effective.categories[i]?.values[value];
      const members = category.groups?.[value];
      const label = members ? `${value} (grupa: ${members.map(valueLabel).join(', ')})` : valueLabel(value);
      return html`<tr><th scope="row">${categoryLabel(category.name)}: ${label}</th><td>${String(bound.min)}</td><td>${String(bound.max)}</td>${relaxed ? html`<td>${now ? `${now.min}–${now.max}` : '—'}</td>` : ''}</tr>`;
    }),
  );
  return html`<h2>Kwoty miejsc</h2>
<div class="table-wrap"><table>
<caption>Najmniej i najwięcej miejsc dla wartości kategorii (z ${String(announced.capacity)} miejsc)</caption>
<thead><tr><th scope="col">Wartość</th><th scope="col">Najmniej</th><th scope="col">Najwięcej</th>${relaxed ? html`<th scope="col">W mocy po złagodzeniu</th>` : ''}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
${relaxed ? html`<p>Pula nie pozwalała spełnić ogłoszonych kwot, więc złagodziliśmy je według ogłoszonej reguły:</p><ul>${decided.relaxations.map((r) => html`<li>${describeRelaxation(r, siteNames)}</li>`)}</ul>` : ''}`;
}

/** Header cells for the code table's category columns. */
export const valueHeaders = (categories: readonly string[]): SafeHtml[] => categories.map((c) => html`<th scope="col">${categoryLabel(c)}</th>`);

/** A row's category cells (empty cells when the code has none recorded). */
export const valueCells = (categories: readonly string[], values: readonly string[] | undefined): SafeHtml[] => categories.map((_, i) => html`<td>${values?.[i] ? valueLabel(values[i]!) : ''}</td>`);

/** Why the walk passed over a code, for the standing cell. */
export const skipNote = (reason: SkipReason | undefined): SafeHtml => (reason ? html`<br>Pominięty przy losowaniu: ${describeSkip(reason, siteNames)}` : html``);

/** ", dzielnica: Dzielnica I Stare Miasto, przedział wieku: 75 lat i więcej" for a lookup; empty without values. */
export const valuesInWords = (categories: readonly string[], values: readonly string[] | undefined): string =>
  values ? categories.map((c, i) => `, ${categoryLabel(c).toLowerCase()}: ${valueLabel(values[i] ?? '')}`).join('') : '';

/** One promotion in words: who got the place, by which rule, passing over how many. */
function promotionText(p: PublishedPromotion): string {
  const passed = p.passedOver > 0 ? `, z pominięciem ${plural(p.passedOver, 'kodu', 'kodów', 'kodów')} wyżej na liście` : '';
  switch (p.rule) {
    case 'quotas':
      return `miejsce dostał kod ${p.code} — pierwszy na liście rezerwowej, którego przyjęcie zachowuje kwoty${passed}.`;
    case 'maxima':
      return `kwot nie dało się już spełnić, więc miejsce dostał kod ${p.code} — pierwszy na liście, który nie przekracza żadnego maksimum${passed}.`;
    case 'none':
      return 'żaden kod z listy rezerwowej nie mieścił się w maksimach, więc miejsce pozostało wolne.';
  }
}

/** Every place filled from the waiting list under the quotas' rule, oldest first (issue 14: every promotion is public). */
export function promotionsSection(promotions: readonly PublishedPromotion[]): SafeHtml {
  if (promotions.length === 0) return html``;
  return html`<h3>Miejsca przydzielone z listy rezerwowej</h3>
<p>Po każdej rezygnacji miejsce przydziela ta sama reguła kwot, po liście rezerwowej w wylosowanej kolejności:</p>
<ol>${promotions.map((p) => html`<li>${formatDayTime(p.at)}: ${promotionText(p)}</li>`)}</ol>`;
}

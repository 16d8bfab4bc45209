import { describe, expect, it } from 'vitest';
import { enrolmentFields } from '../data/programmes.ts';
import { errorSummaryTitle, fieldId, renderErrorSummary, formEnd, formStart, injectEnrolmentForm, markedEnrolmentForm, renderEnrolmentForm, type FormOptions } from './form-html.ts';
import { windowState } from '../catalogue/window.ts';
import { charactersLeft, renderSubmitted, stateSentence } from './form-notices.ts';
import { parseSubmission } from './form-schema.ts';
import { unescapeHtml } from '../lib/html.ts';

const enrolment: FormOptions['enrolment'] = {
  opens: new Date('2030-03-01T00:00:00+01:00'),
  closes: new Date('2030-03-27T23:59:00+01:00'),
  mode: 'first-come',
  capacity: 2,
  fields: [...enrolmentFields.values],
  declarations: [
    { id: 'trzy-warsztaty', text: 'Deklaruję udział we wszystkich <trzech> warsztatach.' },
    { id: 'mieszkaniec', text: 'Jestem mieszkanką lub mieszkańcem Krakowa.' },
  ],
  messageMaxLength: 300,
};
const base = { programmeId: 'warsztaty-2030', enrolment, state: 'open' } as const;

/** The page as a browser sees it, without a browser: every tag with its attributes. */
function parse(html: string) {
  const elements = [...html.matchAll(/<([a-z0-9]+)((?:\s[^>]*)?)>/g)].map(([, tag, attributes = '']) => ({
    tag: tag!,
    attrs: Object.fromEntries([...attributes.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k!, v ?? ''])),
  }));
  const byId = (id: string) => elements.find((e) => e.attrs['id'] === id);
  return { elements, byId };
}
const text = (html: string) => unescapeHtml(html.replace(/<[^>]+>/g, ''));

describe('renderEnrolmentForm', () => {
  it('renders a plain POST form with every asked field labelled, and no script or style', () => {
    const html = renderEnrolmentForm(base);
    const { elements, byId } = parse(html);
    const form = elements.find((e) => e.tag === 'form')!;
    expect(form.attrs).toMatchObject({ action: '/api/zapisy', method: 'post' });
    expect(form.attrs).not.toHaveProperty('novalidate');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    const names = elements.filter((e) => ['input', 'select', 'textarea'].includes(e.tag)).map((e) => e.attrs['name']);
    expect(names).toEqual(['programme', 'name', 'email', 'phone', 'district', 'ageBand', 'organisation', 'message', 'declarations', 'declarations', 'consent', 'website']);
    for (const id of ['enrol-name', 'enrol-email', 'enrol-phone', 'enrol-district', 'enrol-ageBand', 'enrol-organisation', 'enrol-message', 'enrol-declaration-trzy-warsztaty', 'enrol-consent', 'enrol-website']) {
      expect(byId(id), id).toBeDefined();
      expect(elements.some((e) => e.tag === 'label' && e.attrs['for'] === id), id).toBe(true);
    }
    expect(byId('enrol-message')!.attrs['maxlength']).toBe('300');
    expect(byId('enrol-district')).toBeDefined();
    expect(html.match(/<option/g)).toHaveLength(1 + 18 + 1 + 6);
    expect(html).toContain('<option value="XVIII">Dzielnica XVIII Nowa Huta</option>');
  });

  it('hides the honeypot from people and assistive technology', () => {
    const { byId } = parse(renderEnrolmentForm(base));
    expect(byId('enrol-website')!.attrs).toMatchObject({ tabindex: '-1', autocomplete: 'off', value: '' });
    expect(renderEnrolmentForm(base)).toMatch(/<div class="form-honeypot visually-hidden" aria-hidden="true"><label for="enrol-website">Nie wypełniaj tego pola<\/label>/);
  });

  it('links the consent to the privacy notice', () => {
    expect(renderEnrolmentForm(base)).toMatch(/<label class="checkbox-label" for="enrol-consent">Zgadzam się[^<]*<a href="\/prywatnosc\/"/);
  });

  it('escapes everything that came from people or editors', () => {
    const html = renderEnrolmentForm({
      ...base,
      programmeId: 'a"b',
      values: { name: '"><script>alert(1)</script>', message: '</textarea><b>x</b>', email: "o'hara@example.pl" },
      errors: [{ field: 'name', message: '<i>zły</i>' }],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<trzech>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;</textarea>');
    expect(html).toContain('value="a&quot;b"');
  });

  it('keeps every value typed, choice made and box ticked', () => {
    const values = { name: 'Jan', email: 'jan@', phone: '600', district: 'VII', ageBand: '60-74', organisation: 'Rada', message: '\nDwie\nlinie', declarations: ['mieszkaniec'], consent: 'tak' };
    const html = renderEnrolmentForm({ ...base, values, errors: [{ field: 'email', message: 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl' }] });
    const { byId } = parse(html);
    for (const f of ['name', 'email', 'phone', 'organisation'] as const) expect(byId(`enrol-${f}`)!.attrs['value']).toBe(values[f]);
    expect(html).toContain('<option value="VII" selected>');
    expect(html).toContain('<option value="60-74" selected>');
    expect(html).toContain('>\n\nDwie\nlinie</textarea>');
    expect(byId('enrol-declaration-mieszkaniec')!.attrs).toHaveProperty('checked');
    expect(byId('enrol-declaration-trzy-warsztaty')!.attrs).not.toHaveProperty('checked');
    expect(byId('enrol-consent')!.attrs).toHaveProperty('checked');
  });

  it('wires hints and errors to their controls, with the same sentence in the summary and inline', () => {
    const result = parseSubmission(enrolment, { programme: 'warsztaty-2030', email: 'x', phone: '600 123 456' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const html = renderEnrolmentForm({ ...base, values: result.values, errors: result.errors });
    const { elements, byId } = parse(html);
    const summary = html.slice(html.indexOf('<div class="error-summary"'), html.indexOf('</ul></div>') + 11);
    expect(byId('enrol-error-summary')!.attrs).toMatchObject({ role: 'alert', tabindex: '-1', class: 'error-summary', autofocus: '' });
    expect(renderErrorSummary(result.errors, { autofocus: false })).not.toContain('autofocus');
    expect(summary).toContain(`>${errorSummaryTitle(result.errors.length)}</h3>`);
    const links = [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map(([, id, message]) => ({ id: id!, message: text(message!) }));
    expect(links.map((l) => l.id)).toEqual(result.errors.map((e) => fieldId(e.field)));
    for (const { id, message } of links) {
      const control = byId(id)!;
      expect(control.attrs['aria-invalid'], id).toBe('true');
      expect(control.attrs['aria-describedby']!.split(' '), id).toContain(`${id}-error`);
      const inline = html.slice(html.indexOf(`id="${id}-error"`));
      expect(text(inline.slice(inline.indexOf('>') + 1, inline.indexOf('</p>'))), id).toBe(`Błąd: ${message}`);
      expect(inline.indexOf('<span class="visually-hidden">Błąd:</span>'), id).toBeGreaterThan(0);
    }
    expect(byId('enrol-email')!.attrs['aria-describedby']).toBe('enrol-email-hint enrol-email-error');
    expect(byId('enrol-phone')!.attrs['aria-describedby']).toBe('enrol-phone-hint');
    expect(byId('enrol-phone')!.attrs).not.toHaveProperty('aria-invalid');
    expect(byId('enrol-name')!.attrs['aria-describedby']).toBe('enrol-name-error');
    expect(parse(renderEnrolmentForm(base)).byId('enrol-name')!.attrs).not.toHaveProperty('aria-describedby');
    // Every id referenced exists, and ids are unique.
    const ids = elements.map((e) => e.attrs['id']).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of elements) for (const ref of e.attrs['aria-describedby']?.split(' ') ?? []) expect(ids, ref).toContain(ref);
  });

  it('lists an error about the whole form in the summary without a link', () => {
    const html = renderEnrolmentForm({ ...base, errors: [{ field: '', message: 'Na ten adres jest już zgłoszenie.' }] });
    expect(html).toContain('<li>Na ten adres jest już zgłoszenie.</li>');
  });

  it('shows a clear notice instead of the form outside the window', () => {
    for (const state of ['before', 'closed', 'cancelled'] as const) {
      const html = renderEnrolmentForm({ ...base, state, errors: [{ field: 'email', message: 'x' }] });
      expect(html, state).not.toContain('<form');
      expect(html, state).not.toContain('error-summary');
    }
    expect(text(renderEnrolmentForm({ ...base, state: 'before' }))).toContain('Nabór rozpocznie się 1 marca 2030, godz. 00:00.');
    expect(text(renderEnrolmentForm({ ...base, state: 'closed' }))).toContain('Nabór zakończył się 27 marca 2030, godz. 23:59. Nie można się już zgłosić.');
    expect(text(renderEnrolmentForm({ ...base, state: 'cancelled' }))).toContain('Zapisy są zamknięte, ponieważ program został odwołany.');
  });

  it('keeps the form for a full first-come programme and offers the waiting list', () => {
    const html = renderEnrolmentForm({ ...base, state: 'full-waitlist' });
    expect(html).toContain('<form');
    expect(text(html)).toContain('Wszystkie miejsca są już zajęte. Możesz zapisać się na listę rezerwową.');
    expect(html).toContain('>Zapisz się na listę rezerwową</button>');
  });

  it('says how many places are left and, on a built page, that the state is as of the build', () => {
    const html = renderEnrolmentForm({ ...base, placesLeft: 1, asOf: new Date('2030-03-10T12:00:00+01:00') });
    expect(text(html)).toContain('Wolne miejsca: 1 z 2.');
    expect(text(html)).toContain('Stan z 10 marca 2030, godz. 12:00, z chwili opublikowania strony.');
  });

  it('carries the block for the browser script as JSON', () => {
    const form = parse(renderEnrolmentForm(base)).elements.find((e) => e.tag === 'form')!;
    const data = JSON.parse(unescapeHtml(form.attrs['data-enrolment']!));
    expect(data).toMatchObject({ fields: enrolment.fields, declarations: enrolment.declarations, messageMaxLength: 300, closes: '2030-03-27T22:59:00.000Z', capacity: 2, subject: 'programme' });
  });
});

describe('injectEnrolmentForm', () => {
  const page = `<html><head><title>Warsztaty — Wspólnie</title></head><body><h1>x</h1>${markedEnrolmentForm(renderEnrolmentForm(base))}<footer></footer></body></html>`;

  it('replaces only the form region and prefixes the title when there are errors', () => {
    const region = '<p>nowy</p>';
    const out = injectEnrolmentForm(page, region, { hasErrors: true });
    expect(out).toBe(`<html><head><title>Błąd: Warsztaty — Wspólnie</title></head><body><h1>x</h1>${formStart}${region}${formEnd}<footer></footer></body></html>`);
    expect(injectEnrolmentForm(out, region, { hasErrors: true })).toBe(out);
    expect(injectEnrolmentForm(out, region, { hasErrors: false })).toContain('<title>Warsztaty — Wspólnie</title>');
  });

  it('refuses a page without the region', () => {
    expect(() => injectEnrolmentForm('<title>x</title>', '', { hasErrors: false })).toThrow(/no enrolment form region/);
  });
});

describe('notices', () => {
  it('computes the window state from the dates', () => {
    expect(windowState(enrolment, new Date('2030-02-01'))).toBe('before');
    expect(windowState(enrolment, new Date('2030-03-10'))).toBe('open');
    expect(windowState(enrolment, new Date('2030-04-01'))).toBe('closed');
    expect(windowState(enrolment, new Date('2030-03-10'), true)).toBe('cancelled');
  });

  it('announce the state in one plain sentence', () => {
    expect(stateSentence({ state: 'open', block: enrolment, placesLeft: 2 })).toBe('Nabór trwa do 27 marca 2030, godz. 23:59. Wolne miejsca: 2 z 2.');
  });

  it('after sending, send the person to the mailbox', () => {
    const html = renderSubmitted('<jan>@example.pl');
    expect(html).toContain('&lt;jan&gt;@example.pl');
    expect(text(html)).toMatch(/^Sprawdź skrzynkę e-mail.*w ciągu 48 godzin.*Sprawdź folder ze spamem/);
    expect(html).toContain('href="/zapisy/sprawdz-poczte/"');
  });

  it('count the characters left in Polish', () => {
    expect([1000, 22, 12, 5, 2, 1, 0].map((n) => charactersLeft(n, 1000))).toEqual([
      'Zostało 1000 znaków', 'Zostały 22 znaki', 'Zostało 12 znaków', 'Zostało 5 znaków', 'Zostały 2 znaki', 'Został 1 znak', 'Wykorzystano cały limit: 1000 znaków',
    ]);
  });
});

describe('the error summary counts the mistakes in Polish', () => {
  it.each([
    [1, 'Popraw 1 błąd w formularzu'], [2, 'Popraw 2 błędy w formularzu'], [4, 'Popraw 4 błędy w formularzu'], [5, 'Popraw 5 błędów w formularzu'],
    [12, 'Popraw 12 błędów w formularzu'], [13, 'Popraw 13 błędów w formularzu'], [14, 'Popraw 14 błędów w formularzu'], [22, 'Popraw 22 błędy w formularzu'],
  ])('%i', (count, title) => {
    const errors = Array.from({ length: count }, (_, i) => ({ field: 'name' as const, message: `Błąd numer ${i + 1}` }));
    expect(renderErrorSummary(errors)).toContain(`<h3 class="error-summary-title" id="enrol-error-summary-title">${title}</h3>`);
  });
});

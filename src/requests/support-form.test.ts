import { describe, expect, it } from 'vitest';
import { injectSupportForm, renderSupportForm, supportFormEnd, supportFormStart } from './support-form.ts';
import { parseSupport } from './support-schema.ts';

const fields = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({ request: 'skwer', name: ' Łucja Żółkiewska ', address: 'os. Centrum A 7/12', email: 'lucja@example.pl', declaration: 'tak', website: '', ...overrides });

describe('the support form', () => {
  it('takes a valid support, trimmed', () => {
    const parsed = parseSupport(fields());
    expect(parsed).toEqual({ ok: true, website: '', support: { request: 'skwer', name: 'Łucja Żółkiewska', address: 'os. Centrum A 7/12', email: 'lucja@example.pl', declaration: 'tak' } });
  });

  it('names each mistake in Polish, in the order of the form, and keeps what was typed', () => {
    const parsed = parseSupport(fields({ name: '', address: 'Rynek Główny', email: 'lucja@', declaration: '' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      { field: 'name', message: 'Wpisz imię i nazwisko' },
      { field: 'address', message: 'Wpisz ulicę i numer domu, np. ul. Długa 5/3' },
      { field: 'email', message: 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl' },
      { field: 'declaration', message: 'Zaznacz oświadczenie, żeby poprzeć wniosek' },
    ]);
    expect(parsed.values).toEqual({ name: '', address: 'Rynek Główny', email: 'lucja@', declaration: '' });
    expect(parseSupport(fields({ address: 'ul. Długa 5\u0000' })).ok).toBe(false);
    expect(parseSupport(fields({ name: 'x'.repeat(201) })).ok).toBe(false);
  });

  it('renders the mistakes as GOV.UK does and replaces only the marked region of a built page', () => {
    const region = renderSupportForm({ requestId: 'skwer', values: { name: '<b>Jan</b>', address: '', email: '', declaration: '' }, errors: [{ field: 'address', message: 'Wpisz adres' }] });
    expect(region.value).toContain('<a href="#poparcie-address">Wpisz adres</a>');
    expect(region.value).toContain('aria-describedby="poparcie-address-hint poparcie-address-error"');
    expect(region.value).toContain('value="&lt;b&gt;Jan&lt;/b&gt;"');
    expect(region.value).toContain('Nie sprawdzamy adresu w żadnym rejestrze');
    const page = `<html><head><title>Wniosek — Wspólnie</title></head><body><p>przed</p>${supportFormStart}<form></form>${supportFormEnd}<p>po</p></body></html>`;
    const injected = injectSupportForm(page, region, true)!;
    expect(injected).toContain('<title>Błąd: Wniosek — Wspólnie</title>');
    expect(injected).toContain('<p>przed</p>');
    expect(injected).toContain('<p>po</p>');
    expect(injected.split(supportFormStart)).toHaveLength(2);
    expect(injectSupportForm('<html></html>', region, true)).toBeUndefined();
  });
});

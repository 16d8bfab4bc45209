import { describe, expect, it } from 'vitest';
import { isSearchable, pageFilters, searchableText, searchBodies, withFoldedWords } from './searchable-html.ts';

const page = (body: string, outside = '') => `<!doctype html><html lang="pl"><head><title>Łąka</title><style>.a{content:"Łódź"}</style></head>
<body><nav>Główna nawigacja</nav>${outside}<main><article class="report" data-pagefind-body>${body}</article></main>
<footer>Stopka: Ładnie</footer><script type="module">const x = "</article> Łza";</script></body></html>`;

describe('isSearchable', () => {
  it('sees data-pagefind-body on an element', () => {
    expect(isSearchable(page('<h1>Tytuł</h1>'))).toBe(true);
    expect(isSearchable('<main data-pagefind-body="">x</main>')).toBe(true);
  });
  it('ignores pages without it, and the words inside scripts', () => {
    expect(isSearchable('<main><h1>Archiwum</h1></main><script>el.setAttribute(" data-pagefind-body", "")</script>')).toBe(false);
    expect(isSearchable('<main data-pagefind-bodyguard>x</main>')).toBe(false);
  });
});

describe('searchableText', () => {
  it('reads only the element marked for search, with nested elements of the same name', () => {
    const text = searchableText(page('<h1>Co jest potrzebne?</h1><article><p>Białołęcki</p></article><p>Zabłocie &amp; Łódź&#8202;&#x141;eba</p>'));
    expect(text).toContain('Białołęcki');
    expect(text).toContain('Zabłocie & Łódź');
    expect(text).toContain('Łeba');
    expect(text).not.toMatch(/Główna|Stopka|Łąka|Łza|content/);
  });
  it('leaves out data-pagefind-ignore regions', () => {
    expect(searchableText(page('<p>Wołomin</p><div data-pagefind-ignore><div>Łańcut</div></div><p>Kołobrzeg</p>'))).not.toContain('Łańcut');
  });
});

describe('withFoldedWords', () => {
  it('adds the folded ł-words as a Pagefind metadata field right inside the search body', () => {
    const html = withFoldedWords(page('<h1>Spotkanie w Łodzi</h1><p>ul. Zabłocie 22, Białołęcki Ośrodek, Wspólne Projekty</p>'));
    expect(html).toContain('<article class="report" data-pagefind-body><span data-pagefind-meta="folded:lodzi zablocie bialolecki"></span><h1>');
  });
  it('changes nothing when Pagefind can fold every word itself', () => {
    const html = page('<h1>Wspólne Projekty</h1><p>gęślą jaźń</p>');
    expect(withFoldedWords(html)).toBe(html);
  });
});

describe('pageFilters', () => {
  it('reads name:value filters inside the search body only, values with colons and entities intact', () => {
    const html = page(
      '<span data-pagefind-filter="typ:Ekspertyza"></span><h1>T</h1><span data-pagefind-filter="program:Projekt: &quot;Łąki&quot;, 2020"></span>',
      '<span data-pagefind-filter="typ:Poza treścią"></span>',
    );
    expect(pageFilters(html)).toEqual([['typ', 'Ekspertyza'], ['program', 'Projekt: "Łąki", 2020']]);
  });
  it('skips filters without a value and pages without a search body', () => {
    expect(pageFilters(page('<span data-pagefind-filter="rok"></span><span data-pagefind-filter="rok: "></span>'))).toEqual([]);
    expect(pageFilters('<main><span data-pagefind-filter="typ:Raport"></span></main>')).toEqual([]);
  });
});

describe('searchBodies', () => {
  it('keeps the search body with its filters and leaves out navigation, footer, head and scripts', () => {
    const html = searchBodies(page('<h1>Tytuł</h1><span data-pagefind-filter="rok:2014"></span><p>Łódź</p>'));
    expect(searchBodies('<main><h1>Archiwum</h1></main>')).toBeUndefined();
    expect(html).toContain('<article class="report" data-pagefind-body><h1>Tytuł</h1><span data-pagefind-filter="rok:2014"></span><p>Łódź</p></article>');
    expect(html).not.toMatch(/Główna|Stopka|Łąka|Łza/);
    expect(isSearchable(html!)).toBe(true);
    expect(searchableText(html!)).toBe(searchableText(page('<h1>Tytuł</h1><span data-pagefind-filter="rok:2014"></span><p>Łódź</p>')));
  });
});

import { describe, expect, it } from 'vitest';
import { html } from '../lib/html.ts';
import { document, messagePage } from './pages.ts';
import { contentEnd, contentStart, inSiteLayout, pageParts, parseShell, shellPath, siteShellSource, withSiteLayout, type SiteShell } from './site-layout.ts';

/** The frame as the build writes it (dist/dane/szablon-strony/index.html), shortened only in the footer. */
const built = `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Szablon strony — Wspólnie — Kraków</title><meta name="description" content="Wspólnie — programy partycypacyjne Krakowa."><link rel="canonical" href="http://localhost:4321/dane/szablon-strony/"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><meta name="robots" content="noindex"><link rel="stylesheet" href="/_astro/BaseLayout.BIJz4PWR.css"></head><body><a class="skip-link" href="#tresc">Przejdź do treści</a><header class="site-header"><div class="container header-inner"><a class="brand" href="/"><span class="brand-name">Wspólnie</span><span class="brand-city">Kraków — partycypacja mieszkańców</span></a><nav aria-label="Główna nawigacja"><ul class="nav-list"><li><a href="/programy/">Programy</a></li><li><a href="/wydarzenia/">Wydarzenia</a></li><li><a href="/aktualnosci/">Aktualności</a></li><li><a href="/konsultacje/">Konsultacje</a></li><li><a href="/archiwum/">Archiwum</a></li></ul></nav></div></header><main id="tresc" tabindex="-1" class="container">${contentStart}<h1>Szablon strony</h1><p>Ta strona jest ramą.</p>${contentEnd}</main><footer class="site-footer"><div class="container footer-inner"><nav aria-label="Informacje o portalu"><ul class="footer-links"><li><a href="/prywatnosc/">Ochrona danych osobowych</a></li></ul></nav></div></footer></body></html>`;

const shell = parseShell(built)!;
const page = document('Zgłoszenie „Zielone podwórka” potwierdzone', html`<h1>Zgłoszenie potwierdzone</h1><p class="code">ABCD-2345</p>`);
const count = (text: string, part: string) => text.split(part).length - 1;

describe('pages of the functions in the site frame', () => {
  it('takes the title and the content of a document() page into the built frame', () => {
    const filled = inSiteLayout(shell, pageParts(page)!, '/api/zapisy/potwierdz');
    expect(filled).toContain('<title>Zgłoszenie „Zielone podwórka” potwierdzone — Wspólnie — Kraków</title>');
    expect(filled).toContain(`<main id="tresc" tabindex="-1" class="container">${contentStart}<h1>Zgłoszenie potwierdzone</h1><p class="code">ABCD-2345</p>${contentEnd}</main>`);
    expect(filled).toContain('<nav aria-label="Główna nawigacja">');
    expect(filled).toContain('<footer class="site-footer">');
    expect(filled).toContain('<meta name="robots" content="noindex">');
    // The site's stylesheet (with the fonts), then the function pages' own parts; no canonical naming the frame's address.
    expect(filled).toContain('<link rel="stylesheet" href="/_astro/BaseLayout.BIJz4PWR.css"><link rel="stylesheet" href="/zapisy/strony.css"></head>');
    expect(filled).not.toContain('rel="canonical"');
    expect(filled).not.toContain('Szablon strony');
    expect(filled).not.toContain('zapisy.css');
    for (const part of ['<main', '<h1', '<title', '</html>']) expect(count(filled, part), part).toBe(1);
    expect(filled).not.toContain('aria-current');
  });

  it('marks the navigation item of the section: a lottery is under "Programy", as the built pages say', () => {
    const filled = inSiteLayout(shell, pageParts(page)!, '/losowania/zielone-podworka/');
    expect(filled).toContain('<li><a href="/programy/" aria-current="page">Programy</a></li>');
    expect(count(filled, 'aria-current')).toBe(1);
    expect(inSiteLayout(shell, pageParts(page)!, '/konsultacje/x/')).toContain('<a href="/konsultacje/" aria-current="page">');
  });

  it('refuses a frame that is not one, so the minimal page is used', () => {
    expect(parseShell(built.replace(contentEnd, ''))).toBeUndefined();
    expect(parseShell(built.replace(contentStart, `${contentStart}${contentStart}`))).toBeUndefined();
    expect(parseShell(built.replace('<title>Szablon strony', '<title>Inna strona'))).toBeUndefined();
    expect(parseShell(built.replace('<nav aria-label="Główna nawigacja">', '<nav>'))).toBeUndefined();
    expect(parseShell('<h1>Nie znaleziono</h1>')).toBeUndefined();
    expect(pageParts('<!DOCTYPE html><title>Panel — Wspólnie</title><main>…</main>')).toBeUndefined();
  });
});

describe('withSiteLayout', () => {
  const answer = (body: string, type = 'text/html; charset=utf-8') =>
    new Response(body, { status: 410, headers: { 'Content-Type': type, 'Referrer-Policy': 'no-referrer', 'Content-Length': String(body.length) } });
  const frame = async () => shell;

  it('answers the page in the frame, with the status and headers of the original', async () => {
    const response = await withSiteLayout(answer(messagePage('Link wygasł', ['Ten link już nie działa.'], 'problem')), '/api/zapisy/potwierdz', frame);
    expect(response.status).toBe(410);
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('Content-Length')).toBeNull();
    const text = await response.text();
    expect(text).toContain('<title>Link wygasł — Wspólnie — Kraków</title>');
    expect(text).toContain('<nav aria-label="Główna nawigacja">');
    expect(text).toContain('Ten link już nie działa.');
  });

  it('leaves other answers, and the minimal page when there is no frame', async () => {
    const json = answer('{"a":1}', 'application/json');
    expect(await withSiteLayout(json, '/api/zapisy', frame)).toBe(json);
    const panel = '<!DOCTYPE html><title>Panel pracowników — Wspólnie</title><main>x</main>';
    expect(await (await withSiteLayout(answer(panel), '/panel/', frame)).text()).toBe(panel);
    const minimal = messagePage('Link wygasł', ['Ten link już nie działa.'], 'problem');
    expect(await (await withSiteLayout(answer(minimal), '/api/zapisy/potwierdz', async () => undefined)).text()).toBe(minimal);
    expect(await (await withSiteLayout(answer(minimal), '/api/zapisy/potwierdz', () => Promise.reject(new Error('x')))).text()).toBe(minimal);
  });
});

describe('siteShellSource', () => {
  it('reads the frame at most once per interval, keeps the last good one, and parses a changed one', async () => {
    const reads: string[] = [];
    let served: string | undefined = built;
    let failing = false;
    const source = siteShellSource(async (path) => {
      reads.push(path);
      if (failing) throw new Error('ECONNREFUSED');
      return served;
    }, 0);
    const first = await source();
    expect(first?.beforeTitle).toBe(shell.beforeTitle);
    expect(reads).toEqual([shellPath]);
    failing = true;
    expect(await source()).toBe(first);
    failing = false;
    served = undefined;
    expect(await source()).toBe(first);
    served = built.replace('BaseLayout.BIJz4PWR.css', 'BaseLayout.NEW12345.css');
    const next = (await source()) as SiteShell;
    expect(next.beforeContent).toContain('BaseLayout.NEW12345.css');

    const slow = siteShellSource(async (path) => (reads.push(path), built), 60_000);
    await Promise.all([slow(), slow(), slow()]);
    await slow();
    expect(reads.length).toBe(5);
  });

  it('gives nothing while there has never been a frame', async () => {
    expect(await siteShellSource(async () => undefined, 0)()).toBeUndefined();
    expect(await siteShellSource(async () => '<p>404</p>', 0)()).toBeUndefined();
  });
});

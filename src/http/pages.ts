/**
 * The frame of every page a function answers with (sign-ups, the lottery's
 * results, the server's own refusals): accessible without JavaScript — one
 * h1, a skip link, a landmark per region, no inline script or style (the
 * site's CSP holds). Every value is escaped by `html`.
 *
 * `document()` writes a complete page in a minimal frame of its own
 * (public/zapisy/zapisy.css); on the way out (adapter.ts) site-layout.ts
 * moves its title and content into the site's real frame — navigation,
 * fonts, footer — whenever the build's frame can be read.
 */
import { html, SafeHtml } from '../lib/html.ts';
import { contentEnd, contentStart, pageStylesheet } from './site-layout.ts';

export const stylesheet = '/zapisy/zapisy.css';

/**
 * A whole page: `title` without the site's name, `body` the content of
 * <main>. The content sits between site-layout.ts's markers, which is how
 * the page is moved into the site's frame.
 */
export function document(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} — Wspólnie — Kraków</title>
<link rel="stylesheet" href="${stylesheet}">
<link rel="stylesheet" href="${pageStylesheet}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#tresc">Przejdź do treści</a>
<header class="site-header"><div class="container"><a class="brand" href="/">Wspólnie <span class="brand-city">Kraków — partycypacja mieszkańców</span></a></div></header>
<main id="tresc" class="container" tabindex="-1">
${new SafeHtml(contentStart)}${body}${new SafeHtml(contentEnd)}
</main>
<footer class="site-footer"><div class="container"><p><a href="/prywatnosc/">Ochrona danych osobowych</a> · <a href="/deklaracja-dostepnosci/">Deklaracja dostępności</a></p></div></footer>
</body>
</html>
`.value;
}

/** A page with a heading, a notice and maybe more; `tone` colours the notice. */
export function messagePage(title: string, paragraphs: (string | SafeHtml)[], tone: 'ok' | 'problem' | 'plain' = 'plain', more: SafeHtml = html``): string {
  const panel = tone === 'plain' ? '' : ` panel-${tone}`;
  return document(title, html`<h1>${title}</h1>
<div class="panel${panel}" ${tone === 'problem' ? html`role="alert"` : ''}>${paragraphs.map((p) => html`<p>${p}</p>`)}</div>
${more}`);
}

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

const stylesheet = '/zapisy/zapisy.css';

/** The parts of a whole page that differ between the function pages and the panel (htmlPage). */
export interface PageFrame {
  /** The whole <title>. */
  title: string;
  /** The robots meta tag's content, e.g. "noindex". */
  robots: string;
  stylesheets: readonly string[];
  /** Scripts loaded with `defer`. */
  scripts?: readonly string[];
  bodyClass?: string;
  /** The inside of the header's container; `headerClass` is added to the container's. */
  header: SafeHtml;
  headerClass?: string;
  /** The extra class of <main>'s and the footer's containers. */
  containerClass?: string;
  main: SafeHtml;
  /** The inside of the footer's paragraph. */
  footer: SafeHtml;
}

/**
 * A whole HTML page in Polish: the head (viewport, robots, stylesheets, the
 * favicon, deferred scripts), a skip link to <main id="tresc">, the header,
 * main and footer landmarks. No inline script or style (the CSP holds).
 */
export function htmlPage(frame: PageFrame): string {
  const extra = frame.containerClass ? ` ${frame.containerClass}` : '';
  return html`<!DOCTYPE html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="${frame.robots}">
<title>${frame.title}</title>
${frame.stylesheets.map((href, i) => html`${i ? '\n' : ''}<link rel="stylesheet" href="${href}">`)}
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${(frame.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}</head>
<body${frame.bodyClass ? html` class="${frame.bodyClass}"` : ''}>
<a class="skip-link" href="#tresc">Przejdź do treści</a>
<header class="site-header"><div class="container${frame.headerClass ? ` ${frame.headerClass}` : ''}">${frame.header}</div></header>
<main id="tresc" class="container${extra}" tabindex="-1">
${frame.main}
</main>
<footer class="site-footer"><div class="container${extra}"><p>${frame.footer}</p></div></footer>
</body>
</html>
`.value;
}

/**
 * A page a function answers with: `title` without the site's name, `body`
 * the content of <main>. The content sits between site-layout.ts's markers,
 * which is how the page is moved into the site's frame.
 */
export function document(title: string, body: SafeHtml): string {
  return htmlPage({
    title: `${title} — Wspólnie — Kraków`,
    robots: 'noindex',
    stylesheets: [stylesheet, pageStylesheet],
    header: html`<a class="brand" href="/">Wspólnie <span class="brand-city">Kraków — partycypacja mieszkańców</span></a>`,
    main: html`${new SafeHtml(contentStart)}${body}${new SafeHtml(contentEnd)}`,
    footer: html`<a href="/prywatnosc/">Ochrona danych osobowych</a> · <a href="/deklaracja-dostepnosci/">Deklaracja dostępności</a>`,
  });
}

/** A page with a heading, a notice and maybe more; `tone` colours the notice. */
export function messagePage(title: string, paragraphs: (string | SafeHtml)[], tone: 'ok' | 'problem' | 'plain' = 'plain', more: SafeHtml = html``): string {
  const panel = tone === 'plain' ? '' : ` panel-${tone}`;
  return document(title, html`<h1>${title}</h1>
<div class="panel${panel}" ${tone === 'problem' ? html`role="alert"` : ''}>${paragraphs.map((p) => html`<p>${p}</p>`)}</div>
${more}`);
}

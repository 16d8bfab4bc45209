/**
 * The frame of every panel page: the site's colours and type
 * (public/zapisy/zapisy.css, the sign-up pages' stylesheet) plus the panel's
 * own (public/panel/panel.css) and its one script (src/panel/browser/panel.ts,
 * bundled to /panel/panel.js by the build), a skip link, navigation
 * and sign-out for a signed-in person. No inline script or style: the
 * site's CSP holds. Every value is escaped by `html`; the page's skeleton
 * is the function pages' (src/http/pages.ts `htmlPage`).
 */
import { html, type SafeHtml } from '../../lib/html.ts';
import { htmlPage } from '../../http/pages.ts';
import { errorSummary as renderErrorSummary } from '../../forms/error-summary.ts';
import type { FieldError } from '../../forms/field-error.ts';
import { panelForm } from '../../forms/variants.ts';

export const panelPaths = {
  home: '/panel/',
  programme: '/panel/program/',
  export: '/panel/eksport/',
  message: '/panel/wiadomosc/',
  delete: '/panel/usun/',
  audit: '/panel/dziennik/',
  /** The lottery's pages (src/lottery/http/): the draw and the recorded announcement. */
  draw: '/panel/losowanie/',
  drawAnnouncement: '/panel/losowanie/ogloszenie/',
  /** A consultation's form remarks (src/remarks/http/): export, import of decisions, the list for the content. */
  remarks: '/panel/uwagi/',
  remarksExport: '/panel/uwagi/eksport/',
  remarksImport: '/panel/uwagi/import/',
  /** Requests for a consultation: supporters and paper supports (src/requests/http/). */
  requests: '/panel/wnioski/',
  requestExport: '/panel/wnioski/eksport/',
  signIn: '/panel/logowanie/',
  signInLink: '/panel/logowanie/link/',
  signOut: '/panel/wylogowanie/',
} as const;

/** A panel page about one programme (`?p=<id>`). */
export const panelPageUrl = (page: keyof typeof panelPaths, id: string) => `${panelPaths[page]}?p=${encodeURIComponent(id)}`;
export const programmeUrl = (id: string) => panelPageUrl('programme', id);

export interface Frame {
  /** The signed-in person's address: shown to them, with the navigation. */
  staffEmail?: string;
  /** Which navigation link is the current page. */
  current?: 'home' | 'audit' | 'requests';
  /** The page has a form with mistakes: the title says so first. */
  hasErrors?: boolean;
}

export function panelDocument(title: string, body: SafeHtml, frame: Frame = {}): string {
  const navLink = (key: 'home' | 'audit' | 'requests', label: string) =>
    html`<li><a href="${panelPaths[key]}"${frame.current === key ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const nav = frame.staffEmail
    ? html`<nav class="panel-nav" aria-label="Panel pracowników"><ul>${navLink('home', 'Programy')}${navLink('requests', 'Wnioski')}${navLink('audit', 'Dziennik działań')}</ul>
<form method="post" action="${panelPaths.signOut}" class="panel-signout"><span class="panel-who">Zalogowano: ${frame.staffEmail}</span> <button type="submit" class="button-secondary">Wyloguj się</button></form></nav>`
    : '';
  return htmlPage({
    title: `${frame.hasErrors ? 'Błąd: ' : ''}${title} — Panel pracowników — Wspólnie`,
    robots: 'noindex, nofollow',
    stylesheets: ['/zapisy/zapisy.css', '/panel/panel.css'],
    scripts: ['/panel/panel.js'],
    bodyClass: 'panel-body',
    headerClass: 'panel-container panel-header',
    header: html`<a class="brand" href="${panelPaths.home}">Wspólnie <span class="brand-city">Panel pracowników</span></a>
${nav}`,
    containerClass: 'panel-container',
    main: body,
    footer: html`Panel dla pracowników urzędu. Dane osobowe z tego panelu wolno wykorzystywać tylko do obsługi programu. <a href="/">Strona portalu</a>`,
  });
}

/**
 * A panel page's error summary: the forms kit's (src/forms/error-summary.ts),
 * first in <main> with an h2 and focused on load (autofocus, and
 * src/panel/browser/panel.ts); its links go to the fields' ids (the panel's
 * FieldError names a control by its id). The fields are src/forms/field.ts's
 * with the `panelForm` variant.
 */
export const errorSummary = (errors: readonly FieldError[]) => renderErrorSummary(panelForm, { errors });

/**
 * The pages the functions render (sign-up confirmation and withdrawal, their
 * error answers, the lottery results at /losowania/<id>/) inside the site's
 * own layout — header with the main navigation, fonts, footer — like every
 * page the build renders.
 *
 * The build renders the frame with the real layout (src/layouts/BaseLayout.astro)
 * as a page of its own, `shellPath` (src/pages/dane/szablon-strony.astro):
 * its title is `shellTitle` and its main content sits between `contentStart`
 * and `contentEnd`. The functions read it from the site being served, as
 * they read /dane/zapisy.json (the runtime's `builtPage`: the current build
 * on disk when self-hosted, the deploy over HTTP on Netlify), at most every
 * two seconds, and keep the last good one. `document()` (pages.ts) still
 * writes a complete minimal page with the same markers; `withSiteLayout`
 * moves its title and content into the frame. When no frame can be read
 * (no build yet, a build from before it existed, a broken file), the
 * minimal page is answered as it is — never an error.
 *
 * Nothing inline is added (no script, no style): the site's CSP holds.
 */
import { throttledRead } from '../lib/throttled-read.ts';
import { escapeHtml } from '../lib/html.ts';
import { currentNavHref } from '../lib/navigation.ts';

/** Where the build writes the frame (noindex, outside the sitemap and the search). */
export const shellPath = '/dane/szablon-strony/';
/** The frame's own title, replaced by each page's. */
export const shellTitle = 'Szablon strony';
export const contentStart = '<!--wspolnie:tresc-->';
export const contentEnd = '<!--/wspolnie:tresc-->';
/** Styles of the function pages' own parts (notices, codes, facts, the verifier) that the site's stylesheet has no rules for. */
export const pageStylesheet = '/zapisy/strony.css';

const siteSuffix = ' — Wspólnie — Kraków';
const navStart = '<nav aria-label="Główna nawigacja">';

/** A frame ready to take pages: the HTML before the title text, between the title and the content, and after the content. */
export interface SiteShell {
  beforeTitle: string;
  beforeContent: string;
  afterContent: string;
}

/** A page as `document()` writes it: the escaped title (without the site's name) and the main content's HTML. */
export interface PageParts {
  title: string;
  content: string;
}

const once = (text: string, part: string) => text.indexOf(part) !== -1 && text.indexOf(part) === text.lastIndexOf(part);

/**
 * The frame from the built page's HTML, or undefined when it is not one
 * (each marker exactly once, in order, and the main navigation present).
 * The canonical link is dropped (it names the frame's own address) and the
 * function pages' stylesheet is added after the site's.
 */
export function parseShell(page: string): SiteShell | undefined {
  const title = `<title>${shellTitle}${siteSuffix}</title>`;
  if (![title, contentStart, contentEnd, navStart, '</head>'].every((part) => once(page, part))) return undefined;
  const start = page.indexOf(contentStart);
  const end = page.indexOf(contentEnd);
  if (page.indexOf(title) > start || start > end || page.indexOf(navStart) > start) return undefined;
  const head = page
    .slice(0, start)
    .replace(/<link rel="canonical"[^>]*>/, '')
    .replace('</head>', `<link rel="stylesheet" href="${pageStylesheet}"></head>`);
  const [beforeTitle, afterTitle] = head.split(title) as [string, string];
  return { beforeTitle: `${beforeTitle}<title>`, beforeContent: `${siteSuffix}</title>${afterTitle}`, afterContent: page.slice(end + contentEnd.length) };
}

/** The title and content of a page `document()` wrote, or undefined for any other page (the panel's, say). */
export function pageParts(page: string): PageParts | undefined {
  const title = /<title>([^<]*) — Wspólnie — Kraków<\/title>/.exec(page);
  const start = page.indexOf(contentStart);
  const end = page.lastIndexOf(contentEnd);
  if (!title || start === -1 || end < start) return undefined;
  return { title: title[1]!, content: page.slice(start + contentStart.length, end) };
}

/**
 * The page inside the frame, with the navigation item of `path`'s section
 * marked current (lib/navigation.ts, the rule the built pages follow).
 */
export function inSiteLayout(shell: SiteShell, page: PageParts, path: string): string {
  const current = currentNavHref(path);
  let before = shell.beforeContent;
  if (current) {
    const nav = before.indexOf(navStart);
    const link = `<a href="${escapeHtml(current)}"`;
    const at = before.indexOf(link, nav);
    if (nav !== -1 && at !== -1 && at < before.indexOf('</nav>', nav)) {
      before = `${before.slice(0, at + link.length)} aria-current="page"${before.slice(at + link.length)}`;
    }
  }
  return `${shell.beforeTitle}${page.title}${before}${contentStart}${page.content}${contentEnd}${shell.afterContent}`;
}

/**
 * The frame of the site being served, read with `read` (a runtime's
 * `builtPage`) at most every `checkEveryMs`, one read at a time; the last
 * good frame is kept when a read fails, and undefined is given while there
 * has never been one.
 */
export function siteShellSource(read: (path: string) => Promise<string | undefined>, checkEveryMs = 2_000): () => Promise<SiteShell | undefined> {
  let current: SiteShell | undefined;
  let text: string | undefined;
  const refresh = async () => {
    const page = await read(shellPath).catch(() => undefined);
    if (page !== undefined && page !== text) {
      const parsed = parseShell(page);
      if (parsed) [current, text] = [parsed, page];
    }
    return current;
  };
  return throttledRead(refresh, () => current, checkEveryMs);
}

/**
 * A function's answer with a `document()` page moved into the site's frame;
 * any other answer (JSON, the panel, a redirect) as it is. Never throws: a
 * frame that cannot be had leaves the minimal page.
 */
export async function withSiteLayout(response: Response, path: string, shell: () => Promise<SiteShell | undefined>): Promise<Response> {
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html') || response.body === null) return response;
  const page = await response.text();
  const parts = pageParts(page);
  const frame = parts ? await shell().catch(() => undefined) : undefined;
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  return new Response(parts && frame ? inSiteLayout(frame, parts, path) : page, { status: response.status, statusText: response.statusText, headers });
}

/**
 * The font files every Polish page draws with: the primary faces of
 * src/styles/fonts.css (core and pl, each weight), as URL paths for
 * `<link rel="preload" as="font">` in the page's head.
 *
 * Why preload: the browser discovers a font only after the stylesheet is
 * parsed and the text laid out, so the first paint used the system font and
 * long pages re-flowed when Inter arrived (Lighthouse's cumulative layout
 * shift 0.19–0.22 on /aktualnosci/ and the accessibility statement, issue
 * 13). Preloaded, the four files (~35 kB, fetched by every Polish page
 * anyway) are on their way with the HTML. Fallback faces are never preloaded:
 * a page fetches them only for a character outside the primary faces.
 */
import { PRIMARY_ROLES } from './recipe.ts';
import { readStylesheet } from './stylesheet.ts';

/** The URL paths (as fonts.css writes them, e.g. "/fonts/inter-core-400-normal.0d322eeca2.woff2") of the primary faces in `css`. */
export function primaryFontUrls(css: string): string[] {
  const urls = [...css.matchAll(/url\('([^']+\.woff2)'\)/g)].map((m) => m[1] ?? '');
  const urlOf = (file: string) => urls.find((url) => url.endsWith(`/${file}`));
  // Body text first (core, then the Polish letters), regular before bold.
  const primary = readStylesheet(css)
    .filter((rule) => PRIMARY_ROLES.includes(rule.role))
    .sort((a, b) => PRIMARY_ROLES.indexOf(a.role) - PRIMARY_ROLES.indexOf(b.role) || a.weight - b.weight);
  return [...new Set(primary.flatMap((rule) => urlOf(rule.file) ?? []))];
}

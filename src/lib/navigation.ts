/**
 * The site's main navigation, in one place for the pages the build renders
 * (src/layouts/BaseLayout.astro) and the pages the functions render inside
 * the same layout (src/http/site-layout.ts), so both mark the
 * same item as current.
 */
import { urls } from './urls.ts';

export interface NavItem {
  href: string;
  label: string;
}

export const mainNavigation: readonly NavItem[] = [
  { href: urls.programmes, label: 'Programy' },
  { href: urls.events, label: 'Wydarzenia' },
  { href: urls.news, label: 'Aktualności' },
  { href: urls.consultations, label: 'Konsultacje' },
  { href: urls.archive, label: 'Archiwum' },
];

/**
 * Sections without an item of their own, shown under the item they belong
 * to: a lottery decides the places of a programme, so /losowania/ (the
 * list and every results page) is under "Programy".
 */
const sectionOf: readonly [prefix: string, item: string][] = [[urls.draws, urls.programmes]];

/**
 * The href of the navigation item that is current for a path (its section:
 * the item whose address the path starts with), or undefined, e.g.
 * "/programy/x/" → "/programy/", "/losowania/x/" → "/programy/", "/" → undefined.
 */
export function currentNavHref(path: string): string | undefined {
  const item = mainNavigation.find((i) => path.startsWith(i.href));
  if (item) return item.href;
  return sectionOf.find(([prefix]) => path.startsWith(prefix))?.[1];
}

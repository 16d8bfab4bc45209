/** News items per list page. */
const NEWS_PER_PAGE = 10;

/** The slice of `items` shown on page `page` (1-based), and how many pages there are. */
export function pageOf<T>(items: T[], page: number, size = NEWS_PER_PAGE): { items: T[]; pages: number } {
  return { items: items.slice((page - 1) * size, page * size), pages: Math.max(1, Math.ceil(items.length / size)) };
}

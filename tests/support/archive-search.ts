/** Drives the archive's search page in a browser, as a person would. */
import type { Page } from 'playwright-core';

export interface ShownResult {
  href: string;
  title: string;
  text: string;
  marked: string[];
}

/** Opens /archiwum/?q=…, waits for the announced result count and returns what is listed (all pages of it). */
export async function searchArchive(page: Page, baseUrl: string, query: string, filters: Record<string, string> = {}): Promise<{ status: string; results: ShownResult[] }> {
  const params = new URLSearchParams({ q: query, ...filters });
  await page.goto(`${baseUrl}/archiwum/?${params}`);
  const status = page.locator('[data-search-status]');
  await status.filter({ hasText: /Znaleziono|Nie znaleziono|Nie udało/ }).waitFor({ timeout: 15_000 });
  const more = page.locator('[data-search-more]');
  const listed = page.locator('[data-search-list] > li');
  for (let i = 0; i < 20 && (await more.isVisible()); i++) {
    const before = await listed.count();
    await more.click();
    // Wait for the batch to arrive before asking again, or the next click may hit a button that is about to hide.
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-search-list] > li').length > n || (document.querySelector('[data-search-more]') as HTMLElement | null)?.hidden === true,
      before,
    );
  }
  const results = await page.locator('[data-search-list] > li').evaluateAll((items) =>
    items.map((li) => ({
      href: li.querySelector('a')?.getAttribute('href') ?? '',
      title: li.querySelector('a')?.textContent ?? '',
      text: li.textContent ?? '',
      marked: [...li.querySelectorAll('mark')].map((m) => m.textContent ?? ''),
    })),
  );
  return { status: (await status.textContent()) ?? '', results };
}

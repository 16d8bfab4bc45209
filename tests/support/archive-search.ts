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

/**
 * Opens /archiwum/ and searches from the keyboard, as a person without a
 * mouse would: focus the search field, type `query`, press Enter, and wait
 * until the status line announces what was found. Focus is then on the form.
 */
export async function searchFromKeyboard(page: Page, baseUrl: string, query: string): Promise<void> {
  await page.goto(`${baseUrl}/archiwum/`);
  await page.locator('[data-search-filters]:not([hidden])').waitFor();
  await page.getByLabel('Szukane słowa').focus();
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.locator('[data-search-status]').filter({ hasText: 'Znaleziono' }).waitFor();
}

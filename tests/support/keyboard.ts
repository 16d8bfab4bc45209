/** Keyboard steps the browser specs share. */
import type { Locator, Page } from '@playwright/test';

/** Tabs (never clicks) until `target` has the focus: it is reachable by keyboard, in order. Throws after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reachable by Tab: ${target.toString()}`);
}

import { expect, test } from '@playwright/test';
import { wpmProgramme } from './site-pages.ts';

test('the skip link is the first stop and moves focus to the content', async ({ page }) => {
  await page.goto(wpmProgramme);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Przejdź do treści' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The next Tab continues inside the content, not back at the header.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement));
  expect(inMain).toBe(true);
});

test('every link in the header and footer is reachable by Tab, with a visible focus indicator', async ({ page }) => {
  await page.goto('/');
  const expected = await page.locator('header a, footer a').count();
  const seen = new Set<string>();
  for (let i = 0; i < 80 && seen.size < expected; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        inChrome: !!el.closest('header, footer'),
        key: `${el.closest('header, footer')?.tagName}:${el.getAttribute('href')}`,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        ring: style.boxShadow !== 'none',
      };
    });
    if (!info.inChrome) continue;
    expect(info.outline || info.ring, info.key).toBe(true);
    seen.add(info.key);
  }
  expect(seen.size).toBe(expected);
});

test('the events filter and news pagination are plain links that work by keyboard', async ({ page }) => {
  await page.goto('/wydarzenia/');
  const filter = page.getByRole('navigation', { name: 'Rodzaj wydarzenia' }).getByRole('link', { name: 'Warsztat' });
  await filter.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/wydarzenia\/rodzaj\/warsztat\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wydarzenia: warsztat');
  await expect(page.locator('li.event-item')).toHaveCount(3);
});

import { expect, test, type Locator } from '@playwright/test';
import ical from 'node-ical';
import { cancelledWorkshops, wpmProgramme } from './site-pages.ts';

async function expectCancelledIn(list: Locator) {
  for (const w of cancelledWorkshops) {
    const item = list.locator('li.event-item', { hasText: w.day }).filter({ hasText: w.title });
    await expect(item, `${w.day}`).toHaveCount(1);
    await expect(item).toContainText(w.time);
    await expect(item.locator('.badge')).toHaveText('Odwołane');
    // The accessible name says so too, not just the styling.
    await expect(item.getByRole('link')).toHaveAccessibleName(/^Odwołane: /);
  }
}

test('the programme page shows all three workshops cancelled, with the reason', async ({ page }) => {
  await page.goto(wpmProgramme);
  const schedule = page.locator('section', { has: page.getByRole('heading', { name: 'Harmonogram' }) });
  await expect(schedule.locator('.notice-cancelled')).toContainText('Odwołano wszystkie wydarzenia (3)');
  await expectCancelledIn(schedule);
  await expect(schedule.locator('.event-reason')).toHaveCount(3);
  await expect(schedule.locator('.event-reason').first()).toContainText('COVID-19');
});

test('each workshop page says it is cancelled, why and since when', async ({ page }) => {
  await page.goto(wpmProgramme);
  const links = await page.locator('section', { has: page.getByRole('heading', { name: 'Harmonogram' }) }).locator('li.event-item a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(links).toHaveLength(3);
  for (const href of links) {
    await page.goto(href);
    await expect(page).toHaveTitle(/^Odwołane: /);
    const notice = page.getByRole('note');
    await expect(notice.getByRole('heading')).toHaveText('To wydarzenie zostało odwołane');
    await expect(notice).toContainText('Powód:');
    await expect(notice).toContainText('COVID-19');
    await expect(notice).toContainText(/Data decyzji: \d{1,2} \p{L}+ 2020/u);
  }
});

test('the home page lists them under recent cancellations', async ({ page }) => {
  await page.goto('/');
  await expectCancelledIn(page.locator('section', { has: page.getByRole('heading', { name: 'Ostatnio odwołane' }) }));
});

test('the calendar page shows them in their months as cancelled', async ({ page }) => {
  await page.goto('/kalendarz/');
  await expectCancelledIn(page.locator('main'));
  await expect(page.getByRole('heading', { name: /marzec 2020/i })).toBeVisible();
  await expect(page.getByRole('heading', { name: /kwiecień 2020/i })).toBeVisible();
});

test('the calendar feeds keep them with STATUS:CANCELLED', async ({ request }) => {
  for (const feed of ['/kalendarz.ics', `${wpmProgramme}kalendarz.ics`]) {
    const response = await request.get(feed);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/calendar');
    const events = Object.values(ical.sync.parseICS(await response.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    const starts = ['2020-03-28T09:00:00.000Z', '2020-04-04T08:00:00.000Z', '2020-04-21T15:00:00.000Z'];
    for (const start of starts) {
      const event = events.find((e) => new Date(e.start).toISOString() === start);
      expect(event, `${feed} ${start}`).toBeDefined();
      expect(event!.status).toBe('CANCELLED');
      expect(Number(event!.sequence)).toBeGreaterThan(0);
    }
  }
});

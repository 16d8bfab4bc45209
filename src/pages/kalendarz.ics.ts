/** Every event as one iCalendar subscription. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildCalendar } from '../lib/calendar.ts';
import { toCalendarEvent } from '../lib/calendar-events.ts';
import { urls } from '../lib/urls.ts';

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('Kalendarz wymaga adresu strony: ustaw `site` w astro.config.mjs (SITE_URL).');
  const [events, programmes] = await Promise.all([getCollection('events'), getCollection('programmes')]);
  const ics = buildCalendar(
    events.map((entry) => toCalendarEvent(entry, { site, programmes })),
    {
      name: 'Wspólnie — wydarzenia',
      description: 'Warsztaty, dyżury, szkolenia i spotkania programów partycypacji w Krakowie. Odwołane wydarzenia pozostają w kalendarzu z dopiskiem „ODWOŁANE”.',
      site,
      url: new URL(urls.calendarFeed, site).href,
    },
  );
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};

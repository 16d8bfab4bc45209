/**
 * Every event as one iCalendar subscription. When the build is told where the
 * feed it replaces is (WSPOLNIE_PUBLISHED_CALENDAR, a file), it refuses to
 * publish an event whose change calendars would ignore (src/calendar/check.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildCalendar } from '../calendar/calendar.ts';
import { revisionProblems } from '../calendar/check.ts';
import { toCalendarEvent } from '../calendar/events.ts';
import { urls } from '../lib/urls.ts';
import { collectionFolders } from '../schemas/index.ts';

/** The feed now published, if the build was told where it is and it exists (none before the first publication). */
function publishedFeed(): string | undefined {
  const path = process.env['WSPOLNIE_PUBLISHED_CALENDAR'];
  return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

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
  const published = publishedFeed();
  if (published) {
    const problems = revisionProblems(published, ics, (id) => `src/content/${collectionFolders.events}/${id}.md`);
    if (problems.length > 0) throw new Error(problems.map((p) => p.message).join(' '));
  }
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};

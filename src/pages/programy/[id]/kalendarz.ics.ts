/** The events of one programme, its sub-programmes included, as an iCalendar subscription. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildCalendar } from '../../../calendar/calendar.ts';
import { eventsOfProgramme, toCalendarEvent } from '../../../calendar/events.ts';
import { urls } from '../../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const programmes = await getCollection('programmes');
  return programmes.map((programme) => ({ params: { id: programme.id }, props: { programme } }));
}) satisfies GetStaticPaths;

interface Props {
  programme: CollectionEntry<'programmes'>;
}

export const GET: APIRoute<Props> = async ({ site, props: { programme } }) => {
  if (!site) throw new Error('Kalendarz wymaga adresu strony: ustaw `site` w astro.config.mjs (SITE_URL).');
  const [events, programmes] = await Promise.all([getCollection('events'), getCollection('programmes')]);
  const ics = buildCalendar(
    eventsOfProgramme(programme.id, events, programmes).map((entry) => toCalendarEvent(entry, { site, programmes })),
    {
      name: `${programme.data.title} — Wspólnie`,
      description: `Wydarzenia programu „${programme.data.title}”. Odwołane wydarzenia pozostają w kalendarzu z dopiskiem „ODWOŁANE”.`,
      site,
      url: new URL(urls.programmeCalendar(programme.id), site).href,
    },
  );
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};

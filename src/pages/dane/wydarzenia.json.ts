/**
 * Every event, for the scheduled jobs (change notices, reminders, retention;
 * src/notices/events-file.ts explains why a file). Public: it says only what
 * the event and programme pages already say.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { builtAt } from '../../collections/content.ts';
import { buildEventsFile } from '../../notices/events-file.ts';

export const GET: APIRoute = async () => {
  const [events, programmes] = await Promise.all([getCollection('events'), getCollection('programmes')]);
  const file = buildEventsFile(events, programmes, builtAt);
  return new Response(JSON.stringify(file, null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

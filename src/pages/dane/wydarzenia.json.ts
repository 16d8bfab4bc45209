/**
 * Every event, for the scheduled jobs (change notices, reminders, retention;
 * src/notices/events-file.ts explains why a file). Public: it says only what
 * the event and programme pages already say.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { builtAt } from '../../collections/content.ts';
import { buildEventsFile } from '../../notices/events-file.ts';
import { dailyChangeOf } from '../../remarks/overdue.ts';
import { planTimeChanges } from '../../collections/plans.ts';
import { requestTimeChanges } from '../../collections/requests.ts';

export const GET: APIRoute = async () => {
  const [events, programmes, consultations] = await Promise.all([getCollection('events'), getCollection('programmes'), getCollection('consultations')]);
  // A consultation page counting the days its report is late changes every midnight (issue 16).
  const daily = consultations.flatMap((c) => dailyChangeOf(c.data) ?? []);
  // So do an unanswered request's "bez odpowiedzi od N dni", a plan's quarter ending, a rule set coming into force.
  daily.push(...(await requestTimeChanges()), ...(await planTimeChanges()));
  const file = { ...buildEventsFile(events, programmes, builtAt), ...(daily.length > 0 ? { daily } : {}) };
  return new Response(JSON.stringify(file, null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

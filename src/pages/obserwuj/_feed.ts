/**
 * The follow file's content from the collections (src/follow/build-feed.ts
 * does the work), shared by /dane/obserwowane.json and the /obserwuj/ page
 * so the form offers exactly what the functions accept. The leading
 * underscore keeps Astro from making it a route.
 */
import { getCollection } from 'astro:content';
import { builtAt } from '../../collections/content.ts';
import { buildFollowFeed } from '../../follow/build-feed.ts';
import type { FollowFeed } from '../../follow/feed.ts';

export async function followFeedFromContent(): Promise<FollowFeed> {
  const [programmes, consultations, reports, events, requests] = await Promise.all([
    getCollection('programmes'),
    getCollection('consultations'),
    getCollection('reports'),
    getCollection('events'),
    getCollection('requests'),
  ]);
  return buildFollowFeed({
    generatedAt: builtAt,
    programmes: programmes.map(({ id, data }) => ({ id, title: data.title, status: data.status, parent: data.parent?.id, tags: data.tags, relatedReports: data.relatedReports.map((r) => r.id) })),
    consultations: consultations.map(({ id, data }) => ({ id, title: data.title, status: data.status, resultReport: data.resultReport?.id, tags: data.tags })),
    reports: reports.map(({ id, data }) => ({ id, title: data.title, programme: data.programme?.id, consultation: data.consultation?.id, tags: data.tags })),
    events: events.map(({ id, data }) => ({ id, title: data.title, programme: data.programme?.id, consultation: data.consultation?.id, status: data.status, start: data.start })),
    requests: requests.map(({ id, data }) => {
      const current = data.history.at(-1)!;
      return { id, title: data.title, district: data.district, consultation: data.consultation?.id, status: current.status, statusDate: current.date, answer: data.answer };
    }),
  });
}

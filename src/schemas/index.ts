/** Every content schema, keyed by collection name; content.config.ts and the tests both read this. */
import type { CollectionName, ReferenceFactory } from './common.ts';
import { consultationSchema } from './consultation.ts';
import { planSchema } from './consultation-plan.ts';
import { requestSchema } from './consultation-request.ts';
import { eventSchema } from './event.ts';
import { newsSchema } from './news.ts';
import { pageSchema } from './page.ts';
import { programmeSchema } from './programme.ts';
import { reportSchema } from './report.ts';

export function contentSchemas(reference: ReferenceFactory) {
  return {
    programmes: programmeSchema(reference),
    events: eventSchema(reference),
    news: newsSchema(reference),
    reports: reportSchema(reference),
    consultations: consultationSchema(reference),
    pages: pageSchema,
    requests: requestSchema(reference),
    plans: planSchema(reference),
  } satisfies Record<CollectionName, unknown>;
}

/** Folder under src/content/ of each collection (Polish, as editors see them in the repository). */
export const collectionFolders: Record<CollectionName, string> = {
  programmes: 'programy',
  events: 'wydarzenia',
  news: 'aktualnosci',
  reports: 'archiwum',
  consultations: 'konsultacje',
  pages: 'strony',
  requests: 'wnioski',
  plans: 'plany-konsultacji',
};

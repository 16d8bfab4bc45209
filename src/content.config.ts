import { defineCollection, reference } from 'astro:content';
import { contentLoader } from './integrations/content-check.ts';
import type { CollectionName, ReferenceFactory } from './schemas/common.ts';
import { collectionFolders, contentSchemas } from './schemas/index.ts';

const schemas = contentSchemas(reference as unknown as ReferenceFactory);
// The markdown files of a collection's folder, with dates and times judged as written (see content-check.ts).
const markdownOf = (name: CollectionName) => contentLoader(`./src/content/${collectionFolders[name]}`, schemas[name]);

export const collections = {
  programmes: defineCollection({ loader: markdownOf('programmes'), schema: schemas.programmes }),
  events: defineCollection({ loader: markdownOf('events'), schema: schemas.events }),
  news: defineCollection({ loader: markdownOf('news'), schema: schemas.news }),
  reports: defineCollection({ loader: markdownOf('reports'), schema: schemas.reports }),
  consultations: defineCollection({ loader: markdownOf('consultations'), schema: schemas.consultations }),
  pages: defineCollection({ loader: markdownOf('pages'), schema: schemas.pages }),
  requests: defineCollection({ loader: markdownOf('requests'), schema: schemas.requests }),
  plans: defineCollection({ loader: markdownOf('plans'), schema: schemas.plans }),
};

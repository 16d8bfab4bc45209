import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import type { ReferenceFactory } from './schemas/common.ts';
import { collectionFolders, contentSchemas } from './schemas/index.ts';

const schemas = contentSchemas(reference as unknown as ReferenceFactory);
const markdownIn = (folder: string) => glob({ pattern: '**/*.{md,mdx}', base: `./src/content/${folder}` });

export const collections = {
  programmes: defineCollection({ loader: markdownIn(collectionFolders.programmes), schema: schemas.programmes }),
  events: defineCollection({ loader: markdownIn(collectionFolders.events), schema: schemas.events }),
  news: defineCollection({ loader: markdownIn(collectionFolders.news), schema: schemas.news }),
  reports: defineCollection({ loader: markdownIn(collectionFolders.reports), schema: schemas.reports }),
  consultations: defineCollection({ loader: markdownIn(collectionFolders.consultations), schema: schemas.consultations }),
  pages: defineCollection({ loader: markdownIn(collectionFolders.pages), schema: schemas.pages }),
};

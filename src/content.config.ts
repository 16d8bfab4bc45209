import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import type { ReferenceFactory } from './schemas/common.ts';
import { collectionFolders, contentSchemas } from './schemas/index.ts';

const schemas = contentSchemas(reference as unknown as ReferenceFactory);

function markdownCollection<K extends keyof typeof schemas>(name: K) {
  return defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: `./src/content/${collectionFolders[name]}` }),
    schema: schemas[name],
  });
}

export const collections = {
  programmes: markdownCollection('programmes'),
  events: markdownCollection('events'),
  news: markdownCollection('news'),
  reports: markdownCollection('reports'),
  consultations: markdownCollection('consultations'),
  pages: markdownCollection('pages'),
};

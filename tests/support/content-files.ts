import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import type { CollectionName } from '../../src/schemas/common.ts';
import { collectionFolders } from '../../src/schemas/index.ts';

export interface ContentFile {
  collection: CollectionName;
  /** The id Astro's glob loader gives the entry (path without extension). */
  id: string;
  path: string;
  data: Record<string, unknown>;
  body: string;
}

const contentRoot = new URL('../../src/content/', import.meta.url).pathname;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : /\.mdx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** Reads every entry of a collection from disk with the same front-matter parser Astro uses. */
export function readCollection(collection: CollectionName, root = contentRoot): ContentFile[] {
  const dir = join(root, collectionFolders[collection]);
  return walk(dir).map((path) => {
    const parsed = parseFrontmatter(readFileSync(path, 'utf8'), { frontmatter: 'empty-with-spaces' });
    return {
      collection,
      id: relative(dir, path).replace(/\.mdx?$/, ''),
      path,
      data: parsed.frontmatter as Record<string, unknown>,
      body: parsed.content,
    };
  });
}

/**
 * A moved event as a markdown file, valid but for what a test writes into
 * it: `start` exactly as given (quoted or not) and the decision day. Used to
 * check how the CMS, the content loader and a real build read times and days.
 */
export const eventWithTimes = (start: string, decidedOn = '2026-11-20') => `---
title: Warsztat grudniowy
programme: wspolne-projekty-miejskie-2020
kind: workshop
start: ${start}
end: "2026-12-05T12:00:00+01:00"
place:
  address: ul. Zabłocie 22, Kraków
status: moved
statusReason: Zmiana sali.
statusDecidedOn: ${decidedOn}
---

Treść.
`;

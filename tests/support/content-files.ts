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

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainReference, type CollectionName } from '../../src/schemas/common.ts';
import { collectionFolders, contentSchemas } from '../../src/schemas/index.ts';
import { readCollection } from '../support/content-files.ts';

const schemas = contentSchemas(plainReference);
const collections = Object.keys(collectionFolders) as CollectionName[];
const seedless: CollectionName[] = ['requests', 'plans'];
const entries = Object.fromEntries(collections.map((c) => [c, readCollection(c)])) as Record<CollectionName, ReturnType<typeof readCollection>>;

describe('every content entry', () => {
  for (const collection of collections) {
    describe(collection, () => {
      // No real request or plan exists in the seeds (issue 16): empty states and fixture sites cover those collections.
      if (seedless.includes(collection)) {
        it('has its folder for the CMS, empty until the city publishes one', () => {
          expect(existsSync(new URL(`../../src/content/${collectionFolders[collection]}/`, import.meta.url))).toBe(true);
        });
      } else {
        it('has entries', () => {
          expect(entries[collection].length).toBeGreaterThan(0);
        });
      }
      for (const entry of entries[collection]) {
        it(`${entry.id} matches the schema`, () => {
          const result = schemas[collection].safeParse(entry.data);
          expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
        });
        it(`${entry.id} has an id without Polish letters or spaces`, () => {
          expect(entry.id).toMatch(/^[a-z0-9-]+$/);
        });
      }
    });
  }
});

describe('references between entries', () => {
  const ids = Object.fromEntries(collections.map((c) => [c, new Set(entries[c].map((e) => e.id))]));
  const refs: { from: string; to: CollectionName; id: string }[] = [];
  for (const collection of collections) {
    for (const entry of entries[collection]) {
      const parsed = schemas[collection].safeParse(entry.data);
      if (!parsed.success) continue;
      // Walk the parsed value: every reference comes out as { id, collection }.
      const visit = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object' && !(value instanceof Date)) {
          const v = value as Record<string, unknown>;
          if (typeof v['id'] === 'string' && typeof v['collection'] === 'string' && Object.keys(v).length === 2) {
            refs.push({ from: `${collection}/${entry.id}`, to: v['collection'] as CollectionName, id: v['id'] });
          } else Object.values(v).forEach(visit);
        }
      };
      visit(parsed.data);
    }
  }

  it('finds references to check', () => {
    expect(refs.length).toBeGreaterThan(0);
  });
  it('all point at existing entries', () => {
    const broken = refs.filter((r) => !ids[r.to]?.has(r.id)).map((r) => `${r.from} → ${r.to}/${r.id}`);
    expect(broken).toEqual([]);
  });
});

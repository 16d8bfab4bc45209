import { describe, expect, it } from 'vitest';
import { reportTypes } from '../data/reports.ts';
import { newestFirst, pagesOf, typeSlug, yearOf } from './archive.ts';

describe('archive listing', () => {
  it('orders reports newest first, then by Polish title', () => {
    const r = (id: string, date: string, title: string) => ({ id, data: { date, title } });
    const sorted = newestFirst([r('a', '2014-01-01', 'A'), r('b', '2020-03-01', 'Żuraw'), r('c', '2020-03-01', 'Łąka')]);
    expect(sorted.map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });

  it('splits a list into pages and always has a first page', () => {
    expect(pagesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pagesOf([], 2)).toEqual([[]]);
  });

  it('gives every report type a distinct ASCII slug', () => {
    const slugs = reportTypes.values.map(typeSlug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9-]+$/);
    expect(typeSlug('consultation-report')).toBe('raport-z-konsultacji');
  });

  it('reads the year of a day', () => {
    expect(yearOf('2014-06-30')).toBe('2014');
  });
});

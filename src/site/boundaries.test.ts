import { describe, expect, it } from 'vitest';
import { boundariesOf, nextBoundary, passedSince } from './boundaries.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { EventsFile } from '../notices/events-file.ts';

const noCatalogue = { entries: [] } as unknown as Catalogue;
const file = (generatedAt: string, daily: EventsFile['daily']): EventsFile => ({ generatedAt, events: [], programmes: [], daily });
const late = { from: '2026-03-14T23:00:00.000Z', what: 'raport opóźniony: Zieleń' };

describe('a page that changes every Warsaw midnight (an overdue report)', () => {
  it('is stale first at its first midnight, when built before it', () => {
    const built = '2026-03-10T12:00:00.000Z';
    expect(nextBoundary(boundariesOf(noCatalogue, file(built, [late])), new Date(built))).toEqual({ at: new Date(late.from), what: late.what });
  });

  it('is stale at the next Warsaw midnight after each build, across the spring clock change', () => {
    const at = (built: string) => nextBoundary(boundariesOf(noCatalogue, file(built, [late])), new Date(built))?.at.toISOString();
    expect(at('2026-03-15T10:00:00.000Z')).toBe('2026-03-15T23:00:00.000Z');
    // 29 March has 23 hours: midnight of the 30th is at 22:00 UTC.
    expect(at('2026-03-29T10:00:00.000Z')).toBe('2026-03-29T22:00:00.000Z');
    expect(at('2026-03-29T22:00:30.000Z')).toBe('2026-03-30T22:00:00.000Z');
    expect(at('2026-07-01T21:59:59.000Z')).toBe('2026-07-01T22:00:00.000Z');
  });

  it('asks the Netlify clock for a rebuild once that midnight has passed, and not before', () => {
    const built = '2026-04-02T08:00:00.000Z';
    const boundaries = boundariesOf(noCatalogue, file(built, [late]));
    expect(passedSince(boundaries, new Date(built), new Date('2026-04-02T21:59:00.000Z'))).toBeUndefined();
    expect(passedSince(boundaries, new Date(built), new Date('2026-04-02T22:00:10.000Z'))?.what).toBe(late.what);
  });

  it('adds nothing for a file without daily changes (built before issue 16)', () => {
    expect(boundariesOf(noCatalogue, file('2026-04-02T08:00:00.000Z', undefined))).toEqual([]);
  });
});

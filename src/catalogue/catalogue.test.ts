import { describe, expect, it } from 'vitest';
import { parseCatalogue, windowState, type CatalogueFile } from './catalogue.ts';
import { confirmationExpiry } from '../enrolment/sign-up.ts';

const file: CatalogueFile = {
  generatedAt: '2026-03-01T08:00:00.000Z',
  entries: [
    {
      id: 'warsztaty',
      kind: 'programme',
      title: 'Warsztaty',
      page: '/programy/warsztaty/',
      closedEarly: false,
      enrolment: { opens: '2026-03-01T09:00:00.000Z', closes: '2026-03-10T22:59:00.000Z', mode: 'first-come', capacity: 60 },
    },
  ],
};

describe('the enrolment catalogue', () => {
  it('is read with the content schema: dates become dates, defaults are filled in', () => {
    const entry = parseCatalogue(file).get('warsztaty');
    expect(entry?.enrolment.opens).toEqual(new Date('2026-03-01T09:00:00Z'));
    expect(entry?.enrolment).toMatchObject({ fields: ['name'], declarations: [], messageMaxLength: 1000 });
    expect(parseCatalogue(file).get('inny')).toBeUndefined();
  });

  it('refuses a file the CMS would refuse, naming where, not quoting it', () => {
    const bad = structuredClone(file);
    bad.entries[0]!.enrolment.mode = 'first-come';
    delete bad.entries[0]!.enrolment.capacity;
    expect(() => parseCatalogue(bad)).toThrow(/entries\.0\.enrolment\.capacity/);
    expect(() => parseCatalogue({ entries: 'x' })).toThrow(/does not match the enrolment schema/);
  });

  it('says where the window stands', () => {
    const entry = parseCatalogue(file).get('warsztaty')!;
    expect(windowState(entry, new Date('2026-03-01T08:59:59Z'))).toBe('before');
    expect(windowState(entry, new Date('2026-03-05T00:00:00Z'))).toBe('open');
    expect(windowState(entry, new Date('2026-03-11T00:00:00Z'))).toBe('closed');
    expect(windowState({ ...entry, closedEarly: true }, new Date('2026-03-05T00:00:00Z'))).toBe('cancelled');
  });

  it('ends a confirmation link 48 hours after sending, but at most a day after the window closes', () => {
    const entry = parseCatalogue(file).get('warsztaty')!;
    expect(confirmationExpiry(entry, new Date('2026-03-02T10:00:00.123Z'), 48 * 3_600_000)).toEqual(new Date('2026-03-04T10:00:00Z'));
    expect(confirmationExpiry(entry, new Date('2026-03-10T22:00:00Z'), 48 * 3_600_000)).toEqual(new Date('2026-03-11T22:59:00Z'));
  });
});

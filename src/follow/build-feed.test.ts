import { describe, expect, it } from 'vitest';
import { buildFollowFeed } from './build-feed.ts';
import { parseFollowFeed } from './feed.ts';
import { targetLabels } from './labels.ts';
import { parseTarget, topicOf } from './targets.ts';

const feed = buildFollowFeed({
  generatedAt: new Date('2026-05-04T08:00:00Z'),
  programmes: [
    { id: 'wspolne', title: 'Wspólne Projekty', status: 'ongoing', tags: ['Partycypacja'], relatedReports: ['ekspertyza'] },
    { id: 'miejskie', title: 'Wspólne Projekty Miejskie', status: 'enrolment', parent: 'wspolne', tags: [' Zieleń  miejska '], relatedReports: [] },
  ],
  consultations: [{ id: 'k', title: 'Konsultacje', status: 'closed', resultReport: 'raport', tags: ['zieleń miejska'] }],
  reports: [
    { id: 'raport', title: 'Raport', tags: [] },
    { id: 'ekspertyza', title: 'Ekspertyza', programme: 'miejskie', tags: [] },
  ],
  events: [{ id: 'w1', title: 'Warsztat', programme: 'miejskie', status: 'planned', start: new Date('2026-05-10T08:00:00Z') }],
  requests: [{ id: 'park', title: 'Park', district: 'XIII', consultation: 'k', status: 'accepted', statusDate: '2026-05-04', answer: 'Tak.' }],
});
const targetsOf = (key: string) => feed.items.find((i) => `${i.kind}:${i.id}` === key)?.targets;

describe('the public follow file', () => {
  it('is read back by its own schema', () => {
    expect(parseFollowFeed(JSON.parse(JSON.stringify(feed)))).toEqual(feed);
    expect(feed.kinds).toEqual(['programme', 'consultation', 'report', 'event', 'request']);
  });

  it('a programme concerns those above it; an event and a report their programme, its parents and tags', () => {
    expect(targetsOf('programme:miejskie')).toEqual(['programme:miejskie', 'topic:zieleń miejska', 'programme:wspolne', 'topic:partycypacja']);
    expect(targetsOf('event:w1')).toEqual(targetsOf('programme:miejskie'));
    expect(targetsOf('report:ekspertyza')).toEqual(expect.arrayContaining(['programme:miejskie', 'programme:wspolne']));
  });

  it('a report concerns the consultation naming it its result; a request its district and consultation', () => {
    expect(targetsOf('report:raport')).toEqual(['consultation:k', 'topic:zieleń miejska']);
    expect(targetsOf('request:park')).toEqual(['district:XIII', 'consultation:k', 'topic:zieleń miejska']);
  });

  it('topics fold spelling, keep the first one met as the label, and are named as the emails say', () => {
    expect(topicOf(' Zieleń  Miejska')).toBe('zieleń miejska');
    expect(feed.topics).toEqual([{ value: 'partycypacja', label: 'Partycypacja' }, { value: 'zieleń miejska', label: 'Zieleń miejska' }]);
    const labels = targetLabels(feed);
    expect(labels('programme:miejskie')).toBe('program „Wspólne Projekty Miejskie”');
    expect(labels('district:city')).toBe('wnioski o konsultacje: Całe miasto (sprawy ogólnomiejskie)');
    expect(labels('district:XIX')).toBeUndefined();
    expect(labels('programme:nie-ma')).toBeUndefined();
    expect(parseTarget('cokolwiek')).toBeUndefined();
  });
});

import { getRssString } from '@astrojs/rss';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { NEWS_FEED_TITLE, newsFeedOptions, type NewsFeedEntry } from './news-feed.ts';

const entries: NewsFeedEntry[] = [
  { id: 'nabor-zamkniety', data: { title: 'Nabór zamknięty', date: '2020-03-05', lead: 'Dziękujemy za zgłoszenia.' } },
  { id: 'warsztaty-odwolane', data: { title: 'Warsztaty odwołane', date: '2020-03-12', lead: 'Z powodu COVID-19 odwołujemy warsztaty; szczegóły & terminy <wkrótce>.' } },
  { id: 'nowa-edycja', data: { title: 'Nowa edycja — zgłoś się', date: '2020-04-21', lead: 'Ruszają zapisy.' } },
  { id: 'a-tego-samego-dnia', data: { title: 'Też 12 marca', date: '2020-03-12', lead: 'Druga wiadomość dnia.' } },
];

const feed = await new Parser().parseString(await getRssString(newsFeedOptions(entries, 'https://wspolnie.example.pl')));

describe('news RSS', () => {
  it('is titled and tagged as Polish', () => {
    expect(feed.title).toBe(NEWS_FEED_TITLE);
    expect(feed.description).toMatch(/Krakowie/);
    expect(feed['language']).toBe('pl');
    expect(feed.link).toBe('https://wspolnie.example.pl/');
  });

  it('lists items newest first, same-day ones in a fixed order', () => {
    expect(feed.items.map((i) => i.title)).toEqual(['Nowa edycja — zgłoś się', 'Też 12 marca', 'Warsztaty odwołane', 'Nabór zamknięty']);
  });

  it('dates items at noon Warsaw time, summer and winter', () => {
    expect(feed.items.map((i) => i.isoDate)).toEqual([
      '2020-04-21T10:00:00.000Z',
      '2020-03-12T11:00:00.000Z',
      '2020-03-12T11:00:00.000Z',
      '2020-03-05T11:00:00.000Z',
    ]);
  });

  it('links to the news pages and uses the lead, escaped, as description', () => {
    expect(feed.items[0]?.link).toBe('https://wspolnie.example.pl/aktualnosci/nowa-edycja/');
    expect(feed.items[2]?.content).toBe(entries[1]?.data.lead);
  });
});

/**
 * The RSS feed of news (/aktualnosci/rss.xml) as @astrojs/rss options, built
 * from plain entries so a test can render it without Astro.
 */
import type { RSSOptions } from '@astrojs/rss';
import { TIME_ZONE } from './dates.ts';
import { zonedNoon } from './time-zone.ts';
import { urls } from './urls.ts';

export interface NewsFeedEntry {
  id: string;
  data: { title: string; date: string; lead: string };
}

export const NEWS_FEED_TITLE = 'Aktualności — Wspólnie';
const NEWS_FEED_DESCRIPTION = 'Najnowsze wiadomości o programach partycypacji, konsultacjach i wydarzeniach w Krakowie.';

/** Newest first; news of the same day in a fixed order, so the feed does not reshuffle between builds. */
function sortNewestFirst<E extends NewsFeedEntry>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}

export function newsFeedOptions(entries: readonly NewsFeedEntry[], site: URL | string): RSSOptions {
  return {
    title: NEWS_FEED_TITLE,
    description: NEWS_FEED_DESCRIPTION,
    site,
    items: sortNewestFirst(entries).map((entry) => ({
      title: entry.data.title,
      // News carry only a day; noon in Warsaw keeps that day in every reader's zone nearby.
      pubDate: zonedNoon(entry.data.date, TIME_ZONE),
      link: urls.newsItem(entry.id),
      description: entry.data.lead,
    })),
    customData: '<language>pl</language>',
  };
}

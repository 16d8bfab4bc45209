/** News as RSS 2.0. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { newsFeedOptions } from '../../lib/news-feed.ts';

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('Kanał RSS wymaga adresu strony: ustaw `site` w astro.config.mjs (SITE_URL).');
  return rss(newsFeedOptions(await getCollection('news'), site));
};

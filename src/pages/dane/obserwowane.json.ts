/**
 * What can be followed by email and what its followers are told of, for the
 * follow functions and the scheduled job (src/follow/feed.ts explains why a
 * file). Public: it says only what the pages already say.
 */
import type { APIRoute } from 'astro';
import { followFeedFromContent } from '../obserwuj/_feed.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await followFeedFromContent(), null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });

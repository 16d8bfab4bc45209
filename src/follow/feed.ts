/**
 * What can be followed and what changes, as the build publishes it:
 * `/dane/obserwowane.json` (src/pages/dane/obserwowane.json.ts). The
 * functions (the follow form's target labels) and the scheduled job (change
 * detection, src/follow/changes.ts) read it instead of running Astro, like
 * /dane/zapisy.json. Public: each item says only what its page says.
 *
 * An item is one programme, consultation, report, event or request for a
 * consultation, with the targets it concerns (`programme:<id>` with every
 * programme above it, `consultation:<id>`, `district:<value>`,
 * `topic:<tag>`) and the few public facts whose change is news (`state`).
 */
import { z } from 'astro/zod';
import { targetPattern } from './targets.ts';

/** Where the build writes the file, relative to the site root. */
export const followFeedPath = '/dane/obserwowane.json';

export const itemKinds = ['programme', 'consultation', 'report', 'event', 'request'] as const;
export type ItemKind = (typeof itemKinds)[number];

const text = z.string().min(1).max(2_000);
const target = z.string().regex(targetPattern);

export const feedItem = z.object({
  kind: z.enum(itemKinds),
  id: z.string().min(1).max(200),
  title: text,
  /** Its public page, e.g. `/programy/<id>/`. */
  page: z.string().startsWith('/'),
  targets: z.array(target),
  /** Programme: status; event: status and start; request: status, answer and its day. */
  state: z.object({
    status: z.string().max(40).optional(),
    start: z.string().max(40).optional(),
    answer: z.string().max(20_000).optional(),
    answeredOn: z.string().max(40).optional(),
  }),
  /** The title of the programme or consultation an event or report belongs to, for the email. */
  context: z.string().max(2_000).optional(),
});
export type FeedItem = z.infer<typeof feedItem>;

export const followFeed = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  /** Kinds the build knows (requests appear once their collection exists); a kind seen first is the baseline. */
  kinds: z.array(z.enum(itemKinds)),
  items: z.array(feedItem),
  /** The tags in use, as typed (the first spelling met), for the topic choice. */
  topics: z.array(z.object({ value: z.string().min(1), label: z.string().min(1) })),
});
export type FollowFeed = z.infer<typeof followFeed>;

/** Reads the file; throws zod's error (Polish) when it is not one. */
export const parseFollowFeed = (input: unknown): FollowFeed => followFeed.parse(input);

/** An item's key in the job's tables: `<kind>:<id>`. */
export const itemKey = (item: Pick<FeedItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

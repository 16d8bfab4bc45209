/**
 * What the pages and emails call a target, from the public file: "program
 * „Wspólne Projekty 2026”", "konsultacje „…”", "Dzielnica XIII Podgórze",
 * "temat „zieleń”". Undefined for a programme or consultation the file does
 * not hold (the form refuses it; an email falls back to the bare words).
 */
import type { FollowFeed } from './feed.ts';
import { districtLabel, parseTarget } from './targets.ts';

export type TargetLabeller = (target: string) => string | undefined;

export function targetLabels(feed: FollowFeed): TargetLabeller {
  const titles = new Map(feed.items.filter((i) => i.kind === 'programme' || i.kind === 'consultation').map((i) => [`${i.kind}:${i.id}`, i.title]));
  const topics = new Map(feed.topics.map((t) => [t.value, t.label]));
  return (text) => {
    const parsed = parseTarget(text);
    if (!parsed) return undefined;
    switch (parsed.kind) {
      case 'programme':
      case 'consultation': {
        const title = titles.get(text);
        return title === undefined ? undefined : `${parsed.kind === 'programme' ? 'program' : 'konsultacje'} „${title}”`;
      }
      case 'district': {
        const label = districtLabel(parsed.value);
        return label === undefined ? undefined : `wnioski o konsultacje: ${label}`;
      }
      case 'topic': {
        const label = topics.get(parsed.value);
        return label === undefined ? undefined : `temat „${label}”`;
      }
    }
  };
}

/** A label for an email even when the file no longer holds the target (a programme deleted since). */
export const emailLabel = (labels: TargetLabeller, target: string) => labels(target) ?? 'sprawy na portalu Wspólnie';

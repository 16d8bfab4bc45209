/**
 * The list to choose from on /obserwuj/ (and on a no-JS answer of that
 * form): every district and the whole city, the topics in use, the
 * programmes and the consultations, each labelled as the emails say it.
 */
import type { FollowFeed } from './feed.ts';
import { districtChoices, target } from './targets.ts';

export function followChoices(feed: FollowFeed): { value: string; label: string }[] {
  const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title, 'pl');
  const titled = (kind: 'programme' | 'consultation', word: string) =>
    feed.items.filter((i) => i.kind === kind).sort(byTitle).map((i) => ({ value: `${kind}:${i.id}`, label: `${word}: ${i.title}` }));
  return [
    ...districtChoices.map((d) => ({ value: target.district(d.value), label: `Wnioski o konsultacje — ${d.label}` })),
    ...feed.topics.map((t) => ({ value: `topic:${t.value}`, label: `Temat: ${t.label}` })),
    ...titled('programme', 'Program'),
    ...titled('consultation', 'Konsultacje'),
  ];
}

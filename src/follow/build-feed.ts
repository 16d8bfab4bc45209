/**
 * Builds /dane/obserwowane.json (feed.ts) from the content, as plain values
 * (the page src/pages/dane/obserwowane.json.ts passes the collections in):
 * every item with the targets it concerns and its newsworthy state.
 *
 * Who is told about what:
 * - a programme concerns itself and every programme above it (someone
 *   following a whole programme hears of its parts), and its tags;
 * - a consultation concerns itself and its tags;
 * - a report concerns the programme (and those above) or consultation it
 *   reports on, the consultation naming it as its result report, the
 *   programmes listing it as a related document, and its tags;
 * - an event concerns its programme (and those above) or consultation, and
 *   their tags;
 * - a request for a consultation concerns its district ('city' for the
 *   whole city) and the consultation it led to.
 */
import { type FeedItem, type FollowFeed, type ItemKind } from './feed.ts';
import { target, topicOf } from './targets.ts';
import { urls } from '../lib/urls.ts';

export interface FeedInput {
  generatedAt: Date;
  programmes: readonly { id: string; title: string; status: string; parent?: string | undefined; tags: readonly string[]; relatedReports: readonly string[] }[];
  consultations: readonly { id: string; title: string; status: string; resultReport?: string | undefined; tags: readonly string[] }[];
  reports: readonly { id: string; title: string; programme?: string | undefined; consultation?: string | undefined; tags: readonly string[] }[];
  events: readonly { id: string; title: string; programme?: string | undefined; consultation?: string | undefined; status: string; start: Date }[];
  /** Absent until the requests collection exists (issue 16 §1). */
  requests?: readonly { id: string; title: string; district: string; consultation?: string | undefined; status: string; statusDate: string; answer?: string | undefined }[] | undefined;
}

export function buildFollowFeed(input: FeedInput): FollowFeed {
  const programmes = new Map(input.programmes.map((p) => [p.id, p]));
  const consultations = new Map(input.consultations.map((c) => [c.id, c]));
  const topics = new Map<string, string>();
  const tagTargets = (tags: readonly string[]) =>
    tags.filter((tag) => topicOf(tag) !== '').map((tag) => {
      if (!topics.has(topicOf(tag))) topics.set(topicOf(tag), tag.trim().replace(/\s+/g, ' '));
      return target.topic(tag);
    });
  /** The programme and every one above it (a loop in the content stops at the first repeat). */
  const lineage = (id: string | undefined): string[] => {
    const ids: string[] = [];
    for (let at = id; at !== undefined && !ids.includes(at); at = programmes.get(at)?.parent) ids.push(at);
    return ids;
  };
  const ofProgramme = (id: string | undefined) => lineage(id).flatMap((p) => [target.programme(p), ...tagTargets(programmes.get(p)?.tags ?? [])]);
  const ofConsultation = (id: string | undefined) => (id === undefined ? [] : [target.consultation(id), ...tagTargets(consultations.get(id)?.tags ?? [])]);
  const unique = (list: string[]) => [...new Set(list)];

  const items: FeedItem[] = [];
  const add = (kind: ItemKind, item: Omit<FeedItem, 'kind'>) => items.push({ kind, ...item, targets: unique(item.targets) });
  for (const p of input.programmes) {
    add('programme', { id: p.id, title: p.title, page: urls.programme(p.id), targets: ofProgramme(p.id), state: { status: p.status } });
  }
  for (const c of input.consultations) {
    add('consultation', { id: c.id, title: c.title, page: urls.consultation(c.id), targets: ofConsultation(c.id), state: { status: c.status } });
  }
  for (const r of input.reports) {
    const naming = [
      ...input.consultations.filter((c) => c.resultReport === r.id).flatMap((c) => ofConsultation(c.id)),
      ...input.programmes.filter((p) => p.relatedReports.includes(r.id)).flatMap((p) => ofProgramme(p.id)),
    ];
    const context = programmes.get(r.programme ?? '')?.title ?? consultations.get(r.consultation ?? '')?.title;
    add('report', {
      id: r.id,
      title: r.title,
      page: urls.report(r.id),
      targets: [...ofProgramme(r.programme), ...ofConsultation(r.consultation), ...naming, ...tagTargets(r.tags)],
      state: {},
      ...(context ? { context } : {}),
    });
  }
  for (const e of input.events) {
    const context = programmes.get(e.programme ?? '')?.title ?? consultations.get(e.consultation ?? '')?.title;
    add('event', {
      id: e.id,
      title: e.title,
      page: urls.event(e.id),
      targets: [...ofProgramme(e.programme), ...ofConsultation(e.consultation)],
      state: { status: e.status, start: e.start.toISOString() },
      ...(context ? { context } : {}),
    });
  }
  for (const q of input.requests ?? []) {
    add('request', {
      id: q.id,
      title: q.title,
      page: urls.request(q.id),
      targets: [target.district(q.district), ...ofConsultation(q.consultation)],
      state: { status: q.status, answeredOn: q.statusDate, ...(q.answer ? { answer: q.answer } : {}) },
    });
  }
  const kinds: ItemKind[] = ['programme', 'consultation', 'report', 'event', ...(input.requests ? (['request'] as const) : [])];
  return {
    generatedAt: input.generatedAt.toISOString(),
    kinds,
    items,
    topics: [...topics].map(([value, label]) => ({ value, label })).sort((a, b) => a.value.localeCompare(b.value, 'pl')),
  };
}

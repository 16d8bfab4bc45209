/**
 * Preview templates for the CMS: the entry as residents will see its page,
 * with the site's own stylesheet (registered in main.ts) and the same class
 * names, labels and Polish date formatting as the .astro pages. Plain
 * `window.h` (React.createElement, provided by Decap): no JSX, no React here.
 *
 * Things a page computes from other entries (a programme's schedule, the
 * titles of linked reports) are not shown; references show the title Decap
 * remembers from the relation widget, or the entry id.
 */
import { eventKinds, eventStatuses, statusNoticeHeadings, type EventKind, type EventStatus } from '../../data/events.ts';
import { newsKinds, type NewsKind } from '../../data/news.ts';
import { programmeStatuses, type ProgrammeStatus } from '../../data/programmes.ts';
import { attachmentFormats, reportTypes, type AttachmentFormat, type ReportType } from '../../data/reports.ts';
import { inPersonKinds } from '../../data/events.ts';
import { formatDay, formatPeriod, formatSpan } from '../../lib/dates.ts';
import { attachmentNote } from './attachment-check.ts';
import type { Element, PreviewProps } from './decap.ts';

type Data = Record<string, unknown>;

const h = (type: string, props?: Record<string, unknown> | null, ...children: unknown[]): Element => window.h(type, props ?? null, ...children);
const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const list = <T = Data>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
/** A calendar day or an instant as Decap holds it (string, or Date for YAML timestamps). */
const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : text(value));
const instant = (value: unknown): Date | undefined => {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(text(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
};
const safeDay = (value: unknown): string => (/^\d{4}-\d{2}-\d{2}$/.test(day(value)) ? formatDay(day(value)) : '');
const facts = (rows: [string, unknown][]): Element => {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false);
  return shown.length === 0 ? null : h('dl', { className: 'facts' }, ...shown.flatMap(([dt, dd]) => [h('dt', { key: `t${dt}` }, dt), h('dd', { key: `d${dt}` }, dd)]));
};

function page(props: PreviewProps, build: (d: Data) => Element[]): Element {
  const data = (props.entry.get('data') as { toJS(): Data } | undefined)?.toJS() ?? {};
  return h('main', { className: 'container' }, h('article', null, ...build(data), props.widgetFor('body')));
}

/** The title Decap's relation widget remembers for a referenced entry, else its id. */
function referenceTitle(props: PreviewProps, field: string, collection: string, id: unknown): string {
  const title = props.fieldsMetaData?.getIn([field, collection, text(id), 'title']);
  return typeof title === 'string' ? title : text(id);
}

function periodText(value: unknown): string {
  const p = (value ?? {}) as Data;
  if (!p['start'] && !p['label']) return '';
  return formatPeriod({ start: day(p['start']), end: p['end'] ? day(p['end']) : undefined, label: p['label'] ? text(p['label']) : undefined });
}

export function eventPreview(props: PreviewProps): Element {
  return page(props, (d) => {
    const status = (text(d['status']) || 'planned') as EventStatus;
    const cancelled = status === 'cancelled';
    const tone = cancelled ? 'cancelled' : status === 'planned' ? 'planned' : 'changed';
    const start = instant(d['start']);
    const end = instant(d['end']);
    const place = (d['place'] ?? {}) as Data;
    const where = [place['name'], place['address'], place['room']].map(text).filter(Boolean).join(', ');
    return [
      h('h1', null, cancelled ? h('span', { className: 'visually-hidden' }, 'Odwołane: ') : null, h('span', { className: cancelled ? 'cancelled-title' : '' }, text(d['title']))),
      h('p', null, h('span', { className: `badge badge-${tone}` }, eventStatuses.label(status))),
      status === 'planned'
        ? null
        : h(
            'div',
            { className: `notice ${cancelled ? 'notice-cancelled' : 'notice-changed'}`, role: 'note' },
            h('h2', { className: 'notice-title' }, statusNoticeHeadings[status]),
            d['statusReason'] ? h('p', null, h('strong', null, 'Powód:'), ' ', text(d['statusReason'])) : null,
            d['statusDecidedOn'] ? h('p', null, h('strong', null, 'Data decyzji:'), ' ', safeDay(d['statusDecidedOn'])) : null,
          ),
      facts([
        ['Rodzaj', d['kind'] ? eventKinds.label(text(d['kind']) as EventKind) : ''],
        ['Termin', start && end ? [formatSpan(start, end), cancelled ? ' (odwołane)' : ''].join('') : ''],
        ['Miejsce', where || (inPersonKinds.includes(text(d['kind']) as EventKind) ? 'nie zostało ogłoszone' : '')],
        ['Telefon', text(d['phone'])],
        ['Link do spotkania', text(d['onlineUrl'])],
        ['Liczba miejsc', text(d['capacity'])],
        ['Program', d['programme'] ? referenceTitle(props, 'programme', 'programmes', d['programme']) : ''],
      ]),
    ];
  });
}

export function newsPreview(props: PreviewProps): Element {
  return page(props, (d) => [
    h('p', { className: 'meta' }, [safeDay(d['date']), d['kind'] ? newsKinds.label(text(d['kind']) as NewsKind) : ''].filter(Boolean).join(' · ')),
    h('h1', null, text(d['title'])),
    h('p', { className: 'lead' }, h('strong', null, text(d['lead']))),
  ]);
}

export function programmePreview(props: PreviewProps): Element {
  return page(props, (d) => {
    const status = text(d['status']) as ProgrammeStatus;
    const tone = status === 'cancelled' ? 'cancelled' : status === 'changed' ? 'changed' : 'planned';
    const organisers = list(d['organisers']).map((o) => text(o['name'])).join('; ');
    const partners = list(d['partners']).map((o) => text(o['name'])).join('; ');
    const stages = list(d['stages']);
    return [
      h('h1', null, text(d['title'])),
      h('p', { className: 'meta' }, status ? h('span', { className: `badge badge-${tone}` }, programmeStatuses.label(status)) : null, ' · ', periodText(d['period']), d['edition'] ? ` · ${text(d['edition'])}` : ''),
      d['statusNote']
        ? h('div', { className: `notice ${status === 'cancelled' ? 'notice-cancelled' : status === 'changed' ? 'notice-changed' : ''}`, role: 'note' }, h('p', null, h('strong', null, `${programmeStatuses.label(status)}:`), ' ', text(d['statusNote'])))
        : null,
      h('p', { className: 'summary' }, text(d['summary'])),
      stages.length === 0
        ? null
        : h('section', null, h('h2', null, 'Etapy'), h('ol', { className: 'stages' }, ...stages.map((s, i) => h('li', { key: i }, h('h3', null, text(s['title'])), s['period'] ? h('p', { className: 'meta' }, periodText(s['period'])) : null, s['description'] ? h('p', null, text(s['description'])) : null)))),
      h('p', { className: 'meta' }, 'Harmonogram wydarzeń i dokumenty pojawią się na stronie programu z powiązanych wpisów.'),
      h('section', null, h('h2', null, 'Informacje'), facts([['Organizator', organisers], ['Partnerzy', partners], ['Źródło', d['sourceUrl'] ? 'pierwotna publikacja' : '']])),
      d['funding'] ? h('p', { className: 'meta' }, text(d['funding'])) : null,
    ];
  });
}

export function reportPreview(props: PreviewProps): Element {
  return page(props, (d) => {
    const date = day(d['date']);
    const shownDate = d['dateApproximate'] ? `${date.slice(0, 4)} (data przybliżona)` : safeDay(date);
    const attachments = list(d['attachments']);
    const areas = new Map<string, string[]>();
    for (const r of list(d['recommendations'])) areas.set(text(r['area']), [...(areas.get(text(r['area'])) ?? []), text(r['text'])]);
    return [
      h('p', { className: 'meta' }, [d['type'] ? reportTypes.label(text(d['type']) as ReportType) : '', shownDate].filter(Boolean).join(' · ')),
      h('h1', null, text(d['title'])),
      h('p', { className: 'lead' }, text(d['summary'])),
      facts([
        ['Autorzy', list<string>(d['authors']).map(text).join(', ')],
        ['Organizacja', text(d['organisation'])],
        ['Program', d['programme'] ? referenceTitle(props, 'programme', 'programmes', d['programme']) : ''],
        ['Tematy', list<string>(d['tags']).map(text).join(', ')],
      ]),
      attachments.length === 0
        ? null
        : h(
            'section',
            null,
            h('h2', null, 'Pliki do pobrania'),
            h('ul', { className: 'attachments' }, ...attachments.map((a, i) => h('li', { key: i }, h('a', { href: text(a['file']) }, text(a['title'])), h('span', { className: 'meta' }, ` (${[a['format'] ? attachmentFormats.label(text(a['format']) as AttachmentFormat) : '', text(a['file']).startsWith('http') ? 'w serwisie zewnętrznym' : ''].filter(Boolean).join(', ')})`), text(a['file']).startsWith('http') ? h('span', { className: 'meta' }, ' Wyszukiwarka archiwum nie przeszukuje treści tego pliku.') : null))),
            // What the build will say of a stored PDF that is a scan or cannot be read (issue 15).
            ...attachments.map((a, i) => attachmentNote(props, text(a['file']), text(a['format']), i)),
          ),
      areas.size === 0 ? null : h('section', null, h('h2', null, 'Rekomendacje'), ...[...areas].flatMap(([area, texts], i) => [h('h3', { key: `a${i}` }, area), h('ul', { key: `l${i}` }, ...texts.map((t, j) => h('li', { key: j }, t)))])),
    ];
  });
}

export function pagePreview(props: PreviewProps): Element {
  return page(props, (d) => [h('h1', null, text(d['title'])), h('p', { className: 'meta' }, text(d['description']))]);
}

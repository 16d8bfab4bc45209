/**
 * Raises an event's calendar revision on every save in the CMS: `sequence`
 * one up, `updated` to now (the rule and its reasons: src/calendar/revision.ts).
 * Subscribed calendars apply a change only when SEQUENCE rises, so a save
 * that cancels, restores, moves or renames an event must always raise it —
 * whichever backend stores the file (decap-server writes without a commit,
 * so git history could not count the saves).
 *
 * Imported by main.ts before its own listener, so this one runs first and the
 * schema check that follows sees the raised values (Decap runs preSave
 * handlers in the order they were registered, each given the last one's data).
 */
import { nextRevision, type Revision } from '../../calendar/revision.ts';
import type { ImmutableValue } from './decap.ts';

/** Decap's entry data is an Immutable.js Map; `set` is the one more method needed here. */
interface EntryData extends ImmutableValue {
  set(key: string, value: unknown): EntryData;
}

/**
 * The revision this page wrote last, by entry slug. After a save Decap keeps
 * the form as loaded, so a second save without reloading would otherwise
 * write the same SEQUENCE again.
 */
const written = new Map<string, Revision>();

window.CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    if (entry.get('collection') !== 'events') return undefined;
    const data = entry.get('data') as EntryData;
    const isNew = entry.get('newRecord') === true;
    const slug = String(entry.get('slug') ?? '');
    const revision = nextRevision(data.toJS() as Record<string, unknown>, { isNew, now: new Date(), lastWritten: isNew ? undefined : written.get(slug) });
    if (!isNew) written.set(slug, revision);
    return data.set('sequence', revision.sequence).set('updated', revision.updated);
  },
});

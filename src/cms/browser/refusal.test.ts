/**
 * The error a refused CMS save throws (refusal.ts's SaveRefused), as Decap
 * shows it: its notice is "Nie udało się zapisać pozycji: %{details}" with
 * the error interpolated, i.e. turned to a string, so that string must be
 * Polish with no "Error:" prefix — for the schema check (main.ts) and the
 * announcement lock alike. And the failure action Decap then rejects with
 * (unawaited, so the browser logs an uncaught "Object") is recognised.
 */
import { describe, expect, it } from 'vitest';
import { announcementLockSummary } from './announcement-lock.ts';
import { isRefusedSaveRejection, SaveRefused } from './refusal.ts';

/** Decap's own notice text (decap-cms-locales, pl: editor.editorToolbar.onFailToPersist), filled the way Polyglot fills it. */
const notice = (details: unknown) => 'Nie udało się zapisać pozycji: %{details}'.replace('%{details}', () => String(details));

/** The action Decap's persistEntry rejects with (actions/entries.js, entryPersistFail): the error is kept as its toString. */
const persistFailure = (error: Error) => ({ type: 'ENTRY_PERSIST_FAILURE', error: 'Failed to persist entry', payload: { collectionName: 'programmes', entrySlug: 'x', error: error.toString() } });

describe('SaveRefused', () => {
  it('reads as Polish in Decap\'s notice, without "Error:", for the announcement lock and the schema check', () => {
    const lock = new SaveRefused(announcementLockSummary, ['Zapisy › Liczba miejsc: ogłoszono 3, a teraz jest 5.', 'Zapisy › Data losowania: ogłoszono 5 grudnia 2026, a teraz jest 1 grudnia 2026.']);
    expect(notice(lock)).toBe(
      'Nie udało się zapisać pozycji: ogłoszenie losowania jest już zobowiązaniem, tych pól nie można zmienić: ' +
        'Zapisy › Liczba miejsc: ogłoszono 3, a teraz jest 5. • Zapisy › Data losowania: ogłoszono 5 grudnia 2026, a teraz jest 1 grudnia 2026.',
    );
    const schema = new SaveRefused('popraw pole', ['Tytuł: wpisz tytuł.']);
    expect(notice(schema)).toBe('Nie udało się zapisać pozycji: popraw pole: Tytuł: wpisz tytuł.');
    for (const error of [lock, schema]) {
      expect(`${error}`).not.toMatch(/Error/);
      expect(error).toBeInstanceOf(Error);
    }
  });

  it('recognises the failure Decap leaves unhandled after a refusal, and only that one', () => {
    const refused = new SaveRefused('popraw pole', ['Tytuł: wpisz tytuł.']);
    expect(isRefusedSaveRejection(persistFailure(refused))).toBe(true);
    expect(isRefusedSaveRejection(persistFailure(new Error('Network error')))).toBe(false);
    expect(isRefusedSaveRejection(new Error('popraw pole: Tytuł: wpisz tytuł.'))).toBe(false);
    expect(isRefusedSaveRejection(undefined)).toBe(false);
  });
});

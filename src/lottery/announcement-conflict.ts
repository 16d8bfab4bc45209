/**
 * How a conflict between content and the recorded announcement is told
 * (issue 11 §2), in the same words wherever it shows: the CLI, the panel,
 * the build and the CMS. What to do is always the same: put back in content
 * what was announced; a typo in a source's description is corrected by staff
 * in the panel, with a reason, publicly (announcement-correction.ts).
 */
import { describeDifference, type Difference } from '../draw/announcement.ts';

export const conflictIntro =
  'Treść programu różni się od ogłoszenia losowania zapisanego przy otwarciu naboru. Losowanie korzysta wyłącznie z zapisanego ogłoszenia, więc nie odbędzie się, dopóki treść się z nim nie zgadza.';

export const conflictRemedy =
  'Przywróć w treści ogłoszone wartości. Literówkę w opisie źródła poprawia pracownik w panelu (Losowanie miejsc → Ogłoszenie), z uzasadnieniem widocznym publicznie — dopiero potem zmień opis w treści.';

/** Lines for the command line: the intro, one line per difference, the remedy. */
export function conflictLines(found: readonly Difference[]): string[] {
  return [`Losowanie wstrzymane. ${conflictIntro}`, ...found.map((d) => `  ${describeDifference(d)}`), conflictRemedy];
}

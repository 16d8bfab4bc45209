/**
 * How a conflict between content and the recorded announcement is told
 * (issue 11 §2), in the same words wherever it shows: the CLI, the panel,
 * the build and the CMS. What to do is always the same: put back in content
 * what was announced; a typo in a source's description is corrected by staff
 * in the panel, with a reason, publicly (announcement-correction.ts).
 */
import { contentFacts, describeDifference, differences, type AnnouncedEnrolment, type AnnouncementRecord, type Difference } from './announcement.ts';
import { formatDay, formatTime } from '../lib/dates.ts';

export const conflictIntro =
  'Treść programu różni się od ogłoszenia losowania zapisanego przy otwarciu naboru. Losowanie korzysta wyłącznie z zapisanego ogłoszenia, więc nie odbędzie się, dopóki treść się z nim nie zgadza.';

export const conflictRemedy =
  'Przywróć w treści ogłoszone wartości. Literówkę w opisie źródła poprawia pracownik w panelu (Losowanie miejsc → Ogłoszenie), z uzasadnieniem widocznym publicznie — dopiero potem zmień opis w treści.';

/** Lines for the command line: the intro, one line per difference, the remedy. */
export function conflictLines(found: readonly Difference[]): string[] {
  return [`Losowanie wstrzymane. ${conflictIntro}`, ...found.map((d) => `  ${describeDifference(d)}`), conflictRemedy];
}

/** What content says about a programme that has a record: its status and its enrolment block, if any. */
export interface ProgrammeContent {
  cancelled: boolean;
  enrolment: AnnouncedEnrolment | undefined;
}

/**
 * The differences that make content unacceptable against a record: none for
 * a cancelled programme (it never draws, and cancelling must stay possible),
 * otherwise every announced fact that content changes — a removed enrolment
 * block included. The CMS and the build both ask this.
 */
export function contentConflicts(record: AnnouncementRecord, programmeId: string, content: ProgrammeContent): Difference[] {
  if (content.cancelled) return [];
  return differences(record.facts, content.enrolment ? contentFacts(programmeId, content.enrolment) : undefined);
}

/**
 * One Polish sentence for the build's log and the staff panel, naming the
 * file and the fields: "Plik src/content/programy/x.md: pole „Zapisy › Liczba
 * miejsc” — ogłoszono 60, a teraz jest 40. …".
 */
export function fileConflictSentence(file: string, record: AnnouncementRecord, found: readonly Difference[]): string {
  const recordedAt = new Date(record.recordedAt);
  const fields = found.map((d) => `pole „Zapisy › ${d.field}” — ogłoszono ${d.recorded}, a teraz jest ${d.current}`).join('; ');
  return `Plik ${file}: ${fields}. Ogłoszenie losowania zapisano ${formatDay(recordedAt)}, godz. ${formatTime(recordedAt)}, gdy otworzył się nabór, i nie może się już zmienić: ludzie zapisali się, polegając na nim. ${conflictRemedy}`;
}

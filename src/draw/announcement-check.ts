/**
 * The verifier's part for the announcement a protocol carries (issue 11 §2):
 * that its hash is the SHA-256 of its canonical text (announcement.ts), that
 * each correction links one hash to the next, and that the draw kept to what
 * was announced — the same programme, capacity and sources in the same
 * order, a pool frozen after enrolment closed, a draw on or after the draw
 * date. Each finding is a Polish sentence, as in verify.ts, which calls this.
 */
import { announcementSha256, factsBefore, type AnnouncementRecord } from './announcement.ts';
import type { Protocol } from './protocol.ts';
import { places } from '../lib/plural.ts';

/** Every hash the record has had, oldest first: the one recorded at opening, then one per correction. */
export function announcementHashes(record: AnnouncementRecord): string[] {
  return record.corrections.length === 0 ? [record.sha256] : [record.corrections[0]!.sha256Before, ...record.corrections.map((c) => c.sha256After)];
}

/**
 * Findings about `protocol.announcement`; none when the protocol has none
 * (written before announcements were recorded). `expectedSha256`: a hash a
 * person copied from the programme page, which must be one the record had.
 */
export function checkAnnouncement(protocol: Protocol, expectedSha256?: string): string[] {
  const record = protocol.announcement;
  if (!record) return expectedSha256 ? ['Protokół nie zawiera ogłoszenia losowania, więc nie da się porównać jego skrótu.'] : [];
  const findings: string[] = [];
  const { facts } = record;
  const computed = announcementSha256(facts);
  if (computed !== record.sha256) {
    findings.push(`Skrót ogłoszenia się nie zgadza: w protokole ${record.sha256}, z treści ogłoszenia wychodzi ${computed}. Ogłoszenie zmieniono po jego zapisaniu.`);
  }
  // Each correction, newest first: undoing it must give exactly the hash it started from.
  let current = facts;
  let currentSha = record.sha256;
  for (let i = record.corrections.length - 1; i >= 0; i--) {
    const correction = record.corrections[i]!;
    const n = i + 1;
    if (correction.sha256After !== currentSha) findings.push(`Poprawka ${n}: skrót po poprawce (${correction.sha256After}) nie jest skrótem następnej wersji ogłoszenia (${currentSha}).`);
    if (current.sources[correction.source - 1]?.description !== correction.after) findings.push(`Poprawka ${n}: opis źródła ${correction.source} nie brzmi tak, jak po poprawce.`);
    if (Date.parse(correction.correctedAt) >= Date.parse(facts.closes)) findings.push(`Poprawka ${n}: wprowadzona po końcu naboru, gdy wartości źródeł mogły już być znane.`);
    current = factsBefore(current, correction);
    currentSha = announcementSha256(current);
    if (currentSha !== correction.sha256Before) findings.push(`Poprawka ${n}: cofnięcie jej nie daje skrótu sprzed poprawki (${correction.sha256Before}).`);
  }
  if (facts.programme !== protocol.programme.id) findings.push(`Ogłoszenie dotyczy programu „${facts.programme}”, a protokół programu „${protocol.programme.id}”.`);
  if (facts.capacity !== protocol.capacity) findings.push(`Ogłoszono ${places(facts.capacity)}, a protokół przydziela ${protocol.capacity}.`);
  if (Date.parse(protocol.pool.frozenAt) < Date.parse(facts.closes)) findings.push('Pulę zamrożono przed ogłoszonym końcem naboru.');
  const announced = facts.sources.map((s) => `${s.kind}:${s.description}`);
  if (protocol.outcome === 'draw') {
    const used = protocol.sources.map((s) => `${s.kind}:${s.description}`);
    if (used.join('\n') !== announced.join('\n')) findings.push('Źródła losowości w protokole (opisy, rodzaje albo kolejność) nie są tymi, które ogłoszono.');
    if (facts.drawDate !== null && Date.parse(protocol.drawnAt) < Date.parse(facts.drawDate)) findings.push('Losowanie przeprowadzono przed ogłoszoną datą losowania.');
  } else if (protocol.announcedSources && protocol.announcedSources.join('\n') !== facts.sources.map((s) => s.description).join('\n')) {
    findings.push('Źródła wymienione w protokole nie są tymi, które ogłoszono.');
  }
  const expected = expectedSha256?.trim().toLowerCase();
  if (expected && !announcementHashes(record).includes(expected)) {
    findings.push(`Skrót ogłoszenia podany do sprawdzenia (${expected}) nie jest skrótem ogłoszenia z protokołu (${record.sha256}).`);
  }
  return findings;
}

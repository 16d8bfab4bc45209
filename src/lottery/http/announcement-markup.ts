/**
 * The announcement on the public results page /losowania/<id>/ (issue 11
 * §2): the SHA-256 recorded when enrolment opened (and the one in force
 * after corrections), the exact canonical text it is the hash of, so anyone
 * can recompute it, the JSON file, and every audited correction with the
 * old and the new text and the reason. Nothing before the record exists.
 */
import { canonicalText, type AnnouncementRecord } from '../../draw/announcement.ts';
import { announcementHashes } from '../../draw/announcement-check.ts';
import { formatDayTime } from '../../lib/dates.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { announcementPath } from './announcement.ts';


export function announcementSection(programmeId: string, record: AnnouncementRecord | undefined): SafeHtml {
  if (!record) return html``;
  const hashes = announcementHashes(record);
  const corrected = record.corrections.length > 0;
  return html`<h2 id="ogloszenie">Ogłoszenie losowania</h2>
<p>Źródła losowości, datę losowania, liczbę miejsc, sposób przydziału${record.facts.quotas ? ', kwoty miejsc' : ''} i termin naboru zapisaliśmy ${formatDayTime(new Date(record.recordedAt))}, gdy otworzył się nabór. Od tej chwili ogłoszenie się nie zmienia, a losowanie korzysta wyłącznie z niego${corrected ? ' (poprawki literówek w opisach źródeł są wymienione niżej)' : ''}. Ten sam skrót podaje strona programu.</p>
<dl class="facts">
<dt>SHA-256 ogłoszenia</dt><dd class="mono hash">${record.sha256}</dd>
${corrected ? html`<dt>SHA-256 przy otwarciu naboru</dt><dd class="mono hash">${hashes[0]}</dd>` : ''}
</dl>
<details><summary>Tekst ogłoszenia, z którego liczony jest skrót</summary>
<p><code class="mono hash">${canonicalText(record.facts)}</code></p>
<p>Skrót to SHA-256 tego tekstu zapisanego w UTF-8, bez znaku nowego wiersza na końcu (np. <code>printf '%s' '…' | sha256sum</code>). Tekst to JSON w postaci kanonicznej według RFC 8785: pola w porządku alfabetycznym, bez odstępów, chwile w UTC.</p>
</details>
<p><a href="${announcementPath(programmeId)}">Ogłoszenie jako plik JSON</a></p>
${corrected
    ? html`<h3>Poprawki opisów źródeł</h3>
<ol>${record.corrections.map((c) => html`<li>${formatDayTime(new Date(c.correctedAt))}, źródło ${String(c.source)}: „${c.before}” → „${c.after}”. Powód: ${c.reason}</li>`)}</ol>`
    : ''}`;
}

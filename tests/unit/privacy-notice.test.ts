/**
 * The privacy notice must say what the retention job really does: the same
 * default period as the code, counted from the same dates, and the early
 * deletions (unconfirmed applications, undelivered emails).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultConfirmationTtlMs } from '../../src/enrolment/sign-up.ts';
import { defaultRetentionDays } from '../../src/notices/rules.ts';

const page = (await readFile(new URL('../../src/content/strony/prywatnosc.md', import.meta.url), 'utf8')).replace(/\s+/g, ' ');

describe('the privacy notice and the retention job agree', () => {
  it('states the default period and what it is counted from', () => {
    expect(page).toContain(`automatycznie usuwane po ${defaultRetentionDays} dniach od ostatniego wydarzenia programu`);
    expect(page).toContain('także odwołane i te należące do jego części');
    expect(page).toContain(`${defaultRetentionDays} dni liczymy od końca naboru`);
  });

  it('states the rule for programmes deleted from the site (retention.ts: missing_since + days, or the date known earlier)', () => {
    expect(page).toContain(`dane ze zgłoszeń usuwamy po ${defaultRetentionDays} dniach od dnia, w którym system zauważył ich brak na stronie, albo wcześniej`);
  });

  it('states the early deletions the job makes', () => {
    expect(page).toContain(`gdy wygaśnie link potwierdzający (działa ${defaultConfirmationTtlMs / 3_600_000} godzin`);
    expect(page).toContain(`najpóźniej po ${defaultRetentionDays} dniach od ich utworzenia`);
  });
});

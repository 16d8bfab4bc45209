/**
 * "Co usłyszeliśmy / Co zrobiliśmy" in a real build (issue 16): a copy of the
 * project with two consultations of our own, built by `astro build` with the
 * project's config (and so its search integration). The page shows the counts
 * by decision and by channel as the remarks say (an entry for identical
 * remarks counting as many), each remark with its decision, justification
 * and actions; a consultation long over with no report says by how many days
 * its report is late, on its page and in the register, and the public events
 * file asks for a rebuild at the next midnight; a phrase of a remark's
 * summary finds the consultation with Pagefind's own browser bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ruleSetOn } from '../../src/data/consultation-rules.ts';
import type { FixtureSite } from '../support/fixture-site.ts';
import { overdueEnd, remarksSite } from '../support/remarks-site.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

interface Bundle {
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<{ url: string; excerpt: string }> }[] }>;
}

let site: FixtureSite;
let server: StaticServer;
let pagefind: Bundle;
let page: string;
let register: string;
let generatedAt: string;

beforeAll(async () => {
  site = await remarksSite();
  page = await readFile(join(site.dist, 'konsultacje/zielen-zablocie/index.html'), 'utf8');
  register = await readFile(join(site.dist, 'konsultacje/index.html'), 'utf8');
  generatedAt = (JSON.parse(await readFile(join(site.dist, 'dane/wydarzenia.json'), 'utf8')) as { generatedAt: string }).generatedAt;
  server = await serveStatic(site.dist);
  pagefind = (await import(join(site.dist, 'pagefind/pagefind.js'))) as Bundle;
  await pagefind.options({ basePath: `${server.url}/pagefind/` });
}, 600_000);

afterAll(async () => {
  await server?.close();
  await site?.remove();
});

/** The number in the row of a counts table marked `data-<attribute>="<key>"`. */
function countIn(html: string, attribute: string, key: string): number | undefined {
  const found = new RegExp(`data-${attribute}="${key}"[^>]*>\\s*<th[^>]*>[^<]*</th>\\s*<td[^>]*>(\\d+)</td>`).exec(html);
  return found ? Number(found[1]) : undefined;
}

/** The days late the markup states, counted here from the build's own time: end + reportDays is the last day on time. */
function expectedLateDays(): number {
  const due = Date.parse(`${overdueEnd}T00:00:00Z`) + ruleSetOn(overdueEnd).reportDays * 86_400_000;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date(generatedAt));
  return Math.round((Date.parse(`${today}T00:00:00Z`) - due) / 86_400_000);
}

describe('a consultation with remarks, built', () => {
  it('counts the remarks by decision, an entry for identical remarks as many', () => {
    expect(['accepted', 'partly-accepted', 'rejected', 'out-of-scope', 'undecided'].map((k) => countIn(page, 'decision', k))).toEqual([3, 2, 1, 0, 1]);
    expect(page).toMatch(/<caption[^>]*>Uwagi według rozstrzygnięcia<\/caption>/);
    expect(page).toMatch(/W konsultacjach zebraliśmy 7 uwag/);
  });

  it('counts them by channel, only the channels used', () => {
    expect(['form', 'meeting', 'duty-phone', 'letter', 'email', 'duty-in-person'].map((k) => countIn(page, 'channel', k))).toEqual([3, 1, 2, 1, undefined, undefined]);
    expect(page).toMatch(/<caption[^>]*>Uwagi według kanału<\/caption>/);
  });

  it('shows each remark with its decision, justification and actions, readable without a script', () => {
    const heard = page.slice(page.indexOf('id="co-zrobilismy"'));
    expect(heard).toMatch(/Wniosek o przejście dla pieszych przy żłobku Źródełko\./);
    expect(heard).toMatch(/<strong[^>]*>Nieuwzględniona<\/strong>/);
    expect(heard).toContain('Przejście jest 40 metrów dalej; drugie nie spełnia warunków technicznych.');
    expect(heard).toMatch(/Działania po uwadze „Zieleń”/);
    expect(heard).toMatch(/Nasadzenie ośmiu lip<\/th>\s*<td[^>]*>Zarząd Zieleni Miejskiej<\/td>\s*<td[^>]*>Zaplanowane<\/td>\s*<td[^>]*><time[^>]*datetime="2026-10-20"[^>]*>20 października 2026/);
    expect(heard).toMatch(/Bez rozstrzygnięcia \(w trakcie rozpatrywania\)/);
    expect(page).not.toMatch(/Raport opóźniony/);
  });

  it('is found in the archive by a phrase of a remark summary', async () => {
    const found = await Promise.all((await pagefind.search('przejście dla pieszych przy żłobku')).results.map((r) => r.data()));
    expect(found[0]?.url.replace(server.url, '')).toBe('/konsultacje/zielen-zablocie/');
    const folded = await Promise.all((await pagefind.search('lawek i cienia na skwerze')).results.map((r) => r.data()));
    expect(folded[0]?.url.replace(server.url, '')).toBe('/konsultacje/zielen-zablocie/');
  });
});

describe('a consultation long over with neither a report nor remarks, built', () => {
  it('says by how many days its report is late, on its page and in the register', async () => {
    const days = expectedLateDays();
    expect(days).toBeGreaterThan(300);
    const own = await readFile(join(site.dist, 'konsultacje/plac-zabaw-bronowice/index.html'), 'utf8');
    expect(own).toMatch(new RegExp(`data-report-overdue="${days}"[^>]*>Raport opóźniony o ${days} dni<`));
    expect(register).toMatch(new RegExp(`data-report-overdue="${days}"[^>]*>Raport opóźniony o ${days} dni<`));
    // The consultation with remarks is not late, and the project's own one has no end day.
    expect(register.match(/Raport opóźniony/g)).toHaveLength(1);
  });

  it('asks the live site for a rebuild at the next Warsaw midnight', async () => {
    const file = JSON.parse(await readFile(join(site.dist, 'dane/wydarzenia.json'), 'utf8')) as { daily?: { from: string; what: string }[] };
    expect(file.daily).toEqual([{ from: expect.stringMatching(/^2025-02-\d\dT2[23]:00:00\.000Z$/), what: 'raport opóźniony: Plac zabaw w Bronowicach' }]);
  });
});

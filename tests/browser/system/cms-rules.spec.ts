/**
 * In the real Decap UI (Chromium), a field a rule may require does not say
 * "(opcjonalne)": its label carries the rule's note and its hint the rule,
 * while a truly optional field keeps Decap's word. The admin is the built
 * Decap bundle from node_modules with the working tree's own script and
 * config, as the integration assembles them, so it needs no site build.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { parseFrontmatter } from 'astro/markdown';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { configYaml, copyDecapBundle } from '../../../src/integrations/decap.ts';
import { plainReference } from '../../../src/schemas/common.ts';
import { contentSchemas } from '../../../src/schemas/index.ts';
import { startDecapServer, type DecapServer } from '../../../src/server/decap-server.ts';
import { startServer } from '../../../src/server/server.ts';
import { createFixtureSite, projectRoot, type FixtureSite } from '../../support/fixture-site.ts';
import { freePort } from '../../support/free-port.ts';

const second = 1000;
let site: FixtureSite | undefined;
let decap: DecapServer | undefined;
let server: Server | undefined;
let adminRoot: string | undefined;
let browser: Browser | undefined;
let adminUrl = '';

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(120_000);
  browser = launched;
  site = await createFixtureSite(undefined, 'wspolnie-cms-notes-');
  decap = await startDecapServer({ repository: site.root, port: await freePort(), stdio: 'ignore' });
  adminRoot = await mkdtemp(join(tmpdir(), 'wspolnie-cms-notes-admin-'));
  // The admin as the integration writes it (src/integrations/decap.ts), assembled here from the working tree: no build needed.
  await mkdir(join(adminRoot, 'admin'), { recursive: true });
  await cp(join(projectRoot, 'public/admin/index.html'), join(adminRoot, 'admin/index.html'));
  await copyDecapBundle(projectRoot, join(adminRoot, 'admin/decap'));
  const script = await esbuild.build({ entryPoints: [join(projectRoot, 'src/cms/browser/main.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  await writeFile(join(adminRoot, 'admin/wspolnie-cms.js'), script.outputFiles[0]!.text);
  server = await startServer({ root: adminRoot, port: 0, host: '127.0.0.1', cmsLocalBackend: decap.apiUrl });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await writeFile(join(adminRoot, 'admin/config.yml'), configYaml({ site: origin, localBackendUrl: decap.apiUrl }));
  adminUrl = `${origin}/admin/`;
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  }
  await decap?.stop();
  if (adminRoot) await rm(adminRoot, { recursive: true, force: true });
  await site?.remove();
});

/** The text of every field label on screen. */
const labels = (page: Page) => page.locator('label[for]').allTextContents();

async function openNew(page: Page, collection: string): Promise<void> {
  await page.goto(`${adminUrl}#/collections/${collection}/new`);
  const login = page.getByRole('button', { name: 'Zaloguj się' });
  // Decap keeps the local session for the page's lifetime: only the first visit asks.
  await expect.poll(async () => (await login.isVisible()) || (await page.locator('label[for]').count()) > 0, { timeout: 30 * second }).toBe(true);
  if (await login.isVisible()) await login.click();
  await expect.poll(() => page.locator('label[for]').count(), { timeout: 30 * second }).toBeGreaterThan(3);
}

test.describe('the CMS form', () => {
  test('says when a lottery field is required instead of calling it optional', async () => {
    const page = await browser!.newPage();
    try {
      await openNew(page, 'programmes');
      const enrolment = await page.locator('label', { hasText: /^Zapisy( \(opcjonalne\))?$/ }).getAttribute('for');
      await page.locator(`[id="${enrolment}"] [data-testid="expand-button"]`).first().click();
      await expect.poll(() => labels(page)).toContain('Liczba miejsc (wymagane przy losowaniu i przy kolejności zgłoszeń)');
      const shown = await labels(page);
      expect(shown).toContain('Początek naboru (wymagane, jeśli wypełniasz „Zapisy”)');
      expect(shown).toContain('Koniec naboru (wymagane, jeśli wypełniasz „Zapisy”)');
      expect(shown).toContain('Źródła losowości (dla losowania) (wymagane przy losowaniu)');
      expect(shown).toContain('Data losowania (wymagane przy losowaniu)');
      // Truly optional fields keep Decap's word; always-required ones have none.
      expect(shown).toContain('Edycja (opcjonalne)');
      expect(shown).toContain('Tytuł');
      expect(shown.filter((l) => /^(Liczba miejsc|Początek naboru|Koniec naboru|Data losowania|Źródła losowości)/.test(l) && l.endsWith('(opcjonalne)'))).toEqual([]);
      // The rule in words, under the field.
      await expect.poll(() => page.getByText('Wymagana przy losowaniu i przy kolejności zgłoszeń; przy naborze bez limitu miejsc zostaw puste.').isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  test('says an event needs a programme or a consultation', async () => {
    const page = await browser!.newPage();
    try {
      await openNew(page, 'events');
      await expect.poll(() => labels(page)).toContain('Program (wymagane, jeśli nie wybrano konsultacji)');
      const shown = await labels(page);
      expect(shown).toContain('Konsultacje (wymagane, jeśli nie wybrano programu)');
      expect(shown).toContain('Telefon (wymagane przy dyżurze telefonicznym)');
      expect(shown).toContain('Liczba miejsc (opcjonalne)');
      // The inputs are named by the new labels too (what a screen reader reads).
      await expect.poll(() => page.getByLabel('Program (wymagane, jeśli nie wybrano konsultacji)').count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  test('lets an editor add seat quotas to a lottery, refuses minima over the capacity in Polish, and saves them once fixed', async () => {
    test.setTimeout(90_000);
    // A lottery announced for later (its enrolment not yet open, so its announcement is not locked), asking district and age band.
    const slug = 'panel-przed-naborem';
    const path = join(site!.root, 'src/content/programy', `${slug}.md`);
    const original = `---
title: Panel mieszkańców przed naborem
summary: Dziesięć miejsc, losowanie z kwotami dzielnic; przygotowane na potrzeby testów panelu redakcji.
year: 2030
status: announced
organisers:
  - name: Urząd Miasta Krakowa
period:
  start: 2030-05-01
enrolment:
  opens: "2030-05-01T10:00:00+02:00"
  closes: "2030-05-20T23:59:00+02:00"
  mode: lottery
  capacity: 10
  fields: [name, district, age-band]
  drawSources:
    - description: Wyniki losowania Lotto z 22 maja 2030 r. (6 liczb)
      kind: numbers
  drawDate: "2030-05-23T12:00:00+02:00"
---

Opis panelu.
`;
    await writeFile(path, original);
    const page = await browser!.newPage();
    try {
      await page.goto(`${adminUrl}#/collections/programmes/entries/${slug}`);
      const login = page.getByRole('button', { name: 'Zaloguj się' });
      await expect.poll(async () => (await login.isVisible()) || (await page.locator('label[for]').count()) > 3, { timeout: 30 * second }).toBe(true);
      if (await login.isVisible()) await login.click();
      await expect.poll(() => page.locator('label[for]').count(), { timeout: 30 * second }).toBeGreaterThan(3);
      const enrolment = await page.locator('label', { hasText: /^Zapisy( \(opcjonalne\))?$/ }).getAttribute('for');
      await page.locator(`[id="${enrolment}"] [data-testid="expand-button"]`).first().click();

      await page.getByRole('button', { name: 'Dodaj kategorię kwot' }).click();
      await choose(page, page.getByLabel(/^Kategoria/).last(), 'Dzielnica');
      for (const [i, [district, min]] of ([['Dzielnica I Stare Miasto', '6'], ['Dzielnica XVIII Nowa Huta', '6']] as const).entries()) {
        await page.getByRole('button', { name: 'Dodaj wartość' }).click();
        await choose(page, page.getByLabel(/^Wartość/).nth(i), district);
        await page.getByLabel(/^Najmniej miejsc/).nth(i).fill(min);
      }
      await publish(page);
      // 6 + 6 minimum places of 10: refused where the editor is, in Polish, and nothing written.
      const refusal = page.getByRole('alert').filter({ hasText: 'Nie zapisano' });
      await expect(refusal).toContainText('Minima jednej kategorii sumują się do więcej niż liczba miejsc: żaden skład nie spełniłby ich wszystkich. Zmniejsz minima albo zwiększ liczbę miejsc.');
      expect(await readFile(path, 'utf8')).toBe(original);

      await page.getByLabel(/^Najmniej miejsc/).nth(1).fill('3');
      await page.getByLabel(/^Najwięcej miejsc/).nth(1).fill('5');
      await publish(page);
      await expect(page.getByText('Pozycja zapisana')).toBeVisible({ timeout: 15 * second });
      await expect(refusal).toHaveCount(0);
      await expect.poll(() => readFile(path, 'utf8'), { timeout: 10 * second }).toContain('quotas:');
      const data = parseFrontmatter(await readFile(path, 'utf8'), { frontmatter: 'empty-with-spaces' }).frontmatter;
      const parsed = contentSchemas(plainReference).programmes.safeParse(data);
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
      expect(parsed.data?.enrolment?.quotas).toEqual([{ field: 'district', values: [{ value: 'I', min: 6 }, { value: 'XVIII', min: 3, max: 5 }] }]);
    } finally {
      await page.close();
    }
  });
});

/** Picks `option` in a Decap select (react-select) whose input is `control`. */
async function choose(page: Page, control: Locator, option: string): Promise<void> {
  await control.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Clicks "Opublikuj", then "Opublikuj teraz". */
async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Opublikuj' }).click();
  await page.getByRole('menuitem', { name: 'Opublikuj teraz' }).click();
}

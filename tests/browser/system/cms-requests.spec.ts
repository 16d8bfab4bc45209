/**
 * Requests for a consultation and the annual plan in the real Decap UI
 * (Chromium, issue 16): the CMS refuses to save a request accepted below the
 * threshold of its filing day's rules, in Polish, writing nothing, and saves
 * it once the verified supporters reach it; a new plan is saved as
 * `<rok>.md` (the year is its identifier) with a citizens' panel among the
 * methods, and passes the schema. The admin is assembled from the working
 * tree as in cms-rules.spec.ts: no site build needed.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { parseFrontmatter } from 'astro/markdown';
import type { z } from 'astro/zod';
import { expect, test, type Browser, type Page } from '@playwright/test';
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

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(120_000);
  browser = launched;
  site = await createFixtureSite(undefined, 'wspolnie-cms-requests-');
  decap = await startDecapServer({ repository: site.root, port: await freePort(), stdio: 'ignore' });
  adminRoot = await mkdtemp(join(tmpdir(), 'wspolnie-cms-requests-admin-'));
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

/** Opens `hash` of the admin, logging in to the local backend on the first visit, and waits for the form's `labels` fields. */
async function open(page: Page, hash: string, labels: number): Promise<void> {
  await page.goto(`${adminUrl}#${hash}`);
  const login = page.getByRole('button', { name: 'Zaloguj się' });
  await expect.poll(async () => (await login.isVisible()) || (await page.locator('label[for]').count()) >= labels, { timeout: 30 * second }).toBe(true);
  if (await login.isVisible()) await login.click();
  await expect.poll(() => page.locator('label[for]').count(), { timeout: 30 * second }).toBeGreaterThanOrEqual(labels);
}

async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Opublikuj' }).click();
  await page.getByRole('menuitem', { name: 'Opublikuj teraz' }).click();
}

const schemas = contentSchemas(plainReference);
/** A saved file read back as the build reads it: its data, or the schema's refusals. */
function parsed<S extends z.ZodType>(schema: S, markdown: string): { data: z.output<S> | undefined; issues: string[] } {
  const result = schema.safeParse(parseFrontmatter(markdown, { frontmatter: 'empty-with-spaces' }).frontmatter);
  return result.success ? { data: result.data, issues: [] } : { data: undefined, issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

test('refuses a request accepted below the threshold of its filing day, and saves it once enough supporters are verified', async () => {
  test.setTimeout(90_000);
  const slug = 'zielen-na-wolnicy';
  const path = join(site!.root, 'src/content/wnioski', `${slug}.md`);
  // As an editor would leave it mid-way: the acceptance typed, the verified count not yet updated (200 needed in 2026).
  const original = `---
title: Zieleń na placu Wolnica
applicant:
  kind: residents
district: XIII
procedure: standard
filedOn: 2026-02-02
supportersVerified: 150
history:
  - status: filed
    date: 2026-02-02
  - status: verification
    date: 2026-02-10
  - status: accepted
    date: 2026-02-25
answer: Miasto przeprowadzi konsultacje.
---

Uzasadnienie wniosku.
`;
  await writeFile(path, original);
  const page = await browser!.newPage();
  try {
    await open(page, `/collections/requests/entries/${slug}`, 10);
    await expect(page.getByText('Przyjąć można wniosek, który ma co najmniej tyle poparć, ile wymagają zasady z dnia złożenia', { exact: false }).first()).toBeVisible();
    // The office verified a few more, still one short of 200.
    await page.getByLabel(/^Zweryfikowane poparcia/).fill('199');
    await publish(page);
    const refusal = page.getByRole('alert').filter({ hasText: 'Nie zapisano' });
    await expect(refusal).toContainText('Wniosku nie można przyjąć: ma mniej zweryfikowanych poparć, niż wymagają zasady obowiązujące w dniu jego złożenia.');
    expect(await readFile(path, 'utf8')).toBe(original);

    await page.getByLabel(/^Zweryfikowane poparcia/).fill('200');
    await publish(page);
    await expect(page.getByText('Pozycja zapisana')).toBeVisible({ timeout: 15 * second });
    await expect.poll(() => readFile(path, 'utf8'), { timeout: 10 * second }).toContain('supportersVerified: 200');
    const saved = parsed(schemas.requests, await readFile(path, 'utf8'));
    expect(saved.issues).toEqual([]);
    expect(saved.data?.history.map((h) => h.status)).toEqual(['filed', 'verification', 'accepted']);
  } finally {
    await page.close();
  }
});

test("saves a new year's plan under the year, with a citizens' panel", async () => {
  test.setTimeout(90_000);
  const page = await browser!.newPage();
  try {
    // Rok, Planowane konsultacje, Treść.
    await open(page, '/collections/plans/new', 3);
    await page.getByLabel(/^Rok/).fill('2031');
    await page.getByRole('button', { name: 'Dodaj pozycję planu' }).click();
    await page.getByLabel(/^Temat/).fill('Zieleń osiedlowa');
    await page.getByLabel(/^Jednostka odpowiedzialna/).fill('Zarząd Zieleni Miejskiej');
    await page.getByLabel(/^Kwartał/).fill('2');
    await page.getByLabel(/^Forma/).click();
    await page.getByRole('option', { name: 'Panel obywatelski', exact: true }).click();
    await publish(page);
    await expect(page.getByText('Pozycja zapisana')).toBeVisible({ timeout: 15 * second });
    const path = join(site!.root, 'src/content/plany-konsultacji/2031.md');
    await expect.poll(async () => readFile(path, 'utf8').catch(() => ''), { timeout: 10 * second }).toContain('citizens-panel');
    const saved = parsed(schemas.plans, await readFile(path, 'utf8'));
    expect(saved.issues).toEqual([]);
    expect(saved.data).toEqual({ year: 2031, items: [{ topic: 'Zieleń osiedlowa', unit: 'Zarząd Zieleni Miejskiej', quarter: 2, method: 'citizens-panel' }] });
  } finally {
    await page.close();
  }
});

/**
 * A real `astro build` of a throw-away copy of the project refuses a time
 * that can mean two instants and a day that does not exist, however the
 * YAML is written, naming the file and the field in Polish: in the build's
 * own log and in the explanation staff read in the panel. Without the
 * content loader's check, js-yaml would turn the unquoted values into
 * Dates (10:00 UTC; 2021-02-14) and the build would pass.
 */
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainBuildFailure } from '../../src/site/build-failure.ts';
import { plainOutputEnv } from '../../src/site/build-output.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixture-site.ts';
import { eventWithTimes } from '../support/content-files.ts';

const event = eventWithTimes;

function build(root: string, outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: root,
      env: { ...process.env, ...plainOutputEnv, ASTRO_TELEMETRY_DISABLED: '1', WSPOLNIE_ASTRO_CACHE_DIR: join(root, '.astro-cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('a build with an ambiguous time or an impossible day in an event', { timeout: 300_000 }, () => {
  let site: FixtureSite;
  const entry = 'src/content/wydarzenia/warsztat-grudniowy.md';

  beforeAll(async () => {
    site = await createFixtureSite(undefined, 'wspolnie-times-');
  });
  afterAll(async () => {
    await site?.remove();
  });

  async function refused(markdown: string, outDir: string) {
    await writeFile(join(site.root, entry), markdown);
    const { code, output } = await build(site.root, join(site.root, outDir));
    await rm(join(site.root, entry));
    expect(code, output.slice(-3000)).not.toBe(0);
    return { output, failure: explainBuildFailure(output, site.root) };
  }

  const noOffset =
    'Brak przesunięcia strefy czasowej: „2026-12-05 10:00:00” nie mówi, według której strefy liczyć godzinę. W Polsce obowiązuje wtedy czas zimowy: wpisz 2026-12-05T10:00:00+01:00.';

  it.each([
    ['unquoted', '2026-12-05 10:00:00'],
    ['quoted', '"2026-12-05 10:00:00"'],
  ])('refuses a time without an offset (%s), naming the file and the field', async (name, start) => {
    const { output, failure } = await refused(event(start), `dist-${name}`);
    expect(output).toContain(`Plik ${entry}, pole „Początek”: ${noOffset}`);
    expect(failure.file).toBe(entry);
    expect(failure.field).toBe('Początek');
    expect(failure.summary).toContain(`Plik ${entry}, pole „Początek”: brak przesunięcia strefy czasowej`);
  });

  it('refuses a day that does not exist instead of rolling it over', async () => {
    const { output, failure } = await refused(event('"2026-12-05T10:00:00+01:00"', '2020-13-45'), 'dist-impossible');
    expect(output).toContain(`Plik ${entry}, pole „Data decyzji”: Taki dzień nie istnieje: 2020-13-45. Sprawdź miesiąc (01–12) i dzień miesiąca.`);
    expect(failure.file).toBe(entry);
    expect(failure.field).toBe('Data decyzji');
    expect(failure.summary).toContain('taki dzień nie istnieje: 2020-13-45');
  });

  it('builds the same event written as the CMS writes it', async () => {
    await writeFile(join(site.root, entry), event('2026-12-05T10:00:00+01:00', '2026-11-20'));
    const { code, output } = await build(site.root, join(site.root, 'dist-valid'));
    await rm(join(site.root, entry));
    expect(code, output.slice(-3000)).toBe(0);
  });
});

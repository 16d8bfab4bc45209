/**
 * The explanation of a failed build, read from a real `astro build` of a
 * throw-away copy of the project with one programme broken on purpose: the
 * file and the field, in Polish, as staff will see them in the panel.
 */
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainBuildFailure } from '../../src/site/build-failure.ts';
import { plainOutputEnv } from '../../src/site/build-output.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixture-site.ts';

/** A programme that builds; each test breaks one thing in it. */
const programme = `---
title: Nowy program
summary: Krótki opis nowego programu.
year: 2026
status: announced
organisers:
  - name: Urząd Miasta Krakowa
period:
  start: 2026-03-01
enrolment:
  opens: "2026-03-01T00:00:00+01:00"
  closes: "2026-03-27T23:59:00+01:00"
  mode: first-come
  capacity: 60
---

Treść.
`;

/** `astro build --outDir <fresh folder>` as the server runs it; resolves with the exit code and everything printed. */
function build(root: string, outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: root,
      // CI=1 turns Astro's colours on even in a pipe; plainOutputEnv must win over it (and over an inherited FORCE_COLOR).
      // A content cache of the copy's own: node_modules (and so Astro's default cache) is shared with other copies building at once.
      env: { ...process.env, CI: '1', ...plainOutputEnv, ASTRO_TELEMETRY_DISABLED: '1', WSPOLNIE_ASTRO_CACHE_DIR: join(root, '.astro-cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('explanation of a build broken by a programme entry', () => {
  let site: FixtureSite;
  const entry = 'src/content/programy/nowy-program.md';

  beforeAll(async () => {
    site = await createFixtureSite(undefined, 'wspolnie-build-failure-');
  });
  afterAll(async () => {
    await site?.remove();
  });

  async function explainBroken(markdown: string, outDir: string) {
    await writeFile(join(site.root, entry), markdown);
    const { code, output } = await build(site.root, join(site.root, outDir));
    expect(code, output.slice(-2000)).not.toBe(0);
    // Plain text as the server gets it (ANSI codes would be stripped anyway, but the log shows the raw output).
    expect(output).not.toMatch(/\u001b\[/);
    await rm(join(site.root, entry));
    return explainBuildFailure(output, site.root);
  }

  it('names the file and the missing required field by its CMS label', async () => {
    const failure = await explainBroken(programme.replace(/^summary: .*\n/m, ''), 'dist-missing');
    expect(failure.file).toBe(entry);
    expect(failure.field).toBe('Streszczenie');
    expect(failure.summary).toBe(`Plik ${entry}, pole „Streszczenie”: to pole jest wymagane; popraw to w panelu redakcji i zapisz wpis ponownie.`);
    expect(failure.detail).toContain('programmes → nowy-program data does not match collection schema');
  });

  it("names the file and the field of a refine() failure, with the schema's Polish message", async () => {
    const failure = await explainBroken(programme.replace(/closes: .*/, 'closes: "2026-02-01T00:00:00+01:00"'), 'dist-refine');
    expect(failure.file).toBe(entry);
    expect(failure.field).toBe('Zapisy › Koniec naboru');
    expect(failure.summary).toBe(`Plik ${entry}, pole „Zapisy › Koniec naboru”: koniec naboru musi być później niż jego początek; popraw to w panelu redakcji i zapisz wpis ponownie.`);
  });
});

/**
 * The hand-over between `astro build` and the steps `npm run build` runs
 * after Astro's process has ended (scripts/build.ts, finish-build.ts):
 * the search index and the compressed copies.
 *
 * Inside `astro build` those steps would run in its `astro:build:done` hooks,
 * while Astro still holds its content store and module graph (2.3–2.7 GB at
 * 50,000 archive entries), so their memory would add to Astro's. The build
 * script sets `WSPOLNIE_AFTER_BUILD` to a file path; the two integrations
 * (pagefind.ts, precompress.ts) then skip their work, and the
 * search integration writes the output folder into that file, which the
 * script reads once Astro has exited. Without the variable (a plain
 * `astro build`, the test fixtures' builds) the hooks do everything, as
 * before; the live server's builds skip both anyway (live-build.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';

export const afterBuildVariable = 'WSPOLNIE_AFTER_BUILD';

/** The hand-over file when the build's last steps are left to the build script, else undefined. */
export function afterBuildFile(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return env[afterBuildVariable] || undefined;
}

/** What the build hands over: the folder Astro wrote (absolute path). */
export interface AfterBuild {
  dir: string;
}

/** Writes the hand-over (called from `astro:build:done`). */
export async function handOver(file: string, handover: AfterBuild): Promise<void> {
  await writeFile(file, JSON.stringify(handover));
}

/** Reads the hand-over; rejects in Polish when the build wrote none (it failed, or no integration ran). */
export async function takeOver(file: string): Promise<AfterBuild> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error('Astro nie przekazał folderu zbudowanej strony: czy integracja wyszukiwarki jest w astro.config.mjs?');
  });
  const parsed = JSON.parse(text) as Partial<AfterBuild>;
  if (typeof parsed.dir !== 'string' || parsed.dir === '') throw new Error('Nieprawidłowe przekazanie po budowaniu: brak folderu strony.');
  return { dir: parsed.dir };
}

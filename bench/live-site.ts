/**
 * `npm run bench -- --live`: save-to-visible time of the self-hosted live
 * site (src/site/): a file written into src/content/ → the new page answers
 * 200 from the server, with the watcher, the coalescing, `astro build` into a
 * fresh folder and the atomic switch all in the way, as after a save in the
 * CMS. On the project's own content and on a copy with 10,000 archive
 * entries (issue 10's targets: ≤ 5 s and ≤ 20 s).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server/server.ts';
import { openLiveSite } from '../src/site/live-site.ts';
import { createFixtureSite } from '../tests/support/fixture-site.ts';
import { programmeWithEnrolment } from '../tests/support/live-site.ts';
import { generateReports } from './generate-reports.ts';

type Table = (head: string[], rows: string[][]) => string;

interface Measured {
  label: string;
  target: number;
  firstBuildMs: number;
  savesMs: number[];
  /** Of each save's time, the `astro build` itself (the rest: watcher, quiet time, links, switch, polling). */
  buildsMs: number[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function measure(label: string, target: number, saves: number, reports?: Map<string, string>): Promise<Measured> {
  const site = await createFixtureSite(reports, 'wspolnie-bench-live-');
  const siteDir = await mkdtemp(join(tmpdir(), 'wspolnie-bench-live-builds-'));
  let origin = '';
  const live = await openLiveSite({ projectRoot: site.root, siteDir, buildEnv: () => ({ SITE_URL: origin }), log: () => {} });
  const server: Server = await startServer({ root: live.generations, port: 0, host: '127.0.0.1', log: () => {} });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const started = performance.now();
    await live.start();
    const firstBuildMs = performance.now() - started;
    const savesMs: number[] = [];
    const buildsMs: number[] = [];
    for (let i = 1; i <= saves; i++) {
      const id = `zapis-${i}`;
      const content = programmeWithEnrolment({ title: `Program zapisany nr ${i}`, opens: new Date(Date.now() - 3_600_000), closes: new Date(Date.now() + 86_400_000) });
      const written = performance.now();
      await writeFile(join(site.root, `src/content/programy/${id}.md`), content);
      for (;;) {
        const response = await fetch(`${origin}/programy/${id}/`);
        await response.arrayBuffer();
        if (response.status === 200) break;
        if (performance.now() - written > 300_000) throw new Error(`${label}: the saved page did not appear within 5 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      savesMs.push(performance.now() - written);
      buildsMs.push(live.rebuilder.status().published?.durationMs ?? Number.NaN);
      // The next save starts from a quiet server, as an editor's next save would.
      await live.rebuilder.idle();
      await live.generations.settled();
    }
    return { label, target, firstBuildMs, savesMs, buildsMs };
  } finally {
    await live.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(siteDir, { recursive: true, force: true });
    await site.remove();
  }
}

export async function benchLiveSite(table: Table, options: { saves: number; large: number }): Promise<boolean> {
  console.log('\n## Live site: save to visible (file written → page answers 200)\n');
  const results = [await measure('project content', 5_000, options.saves)];
  if (options.large > 0) results.push(await measure(`${options.large.toLocaleString('en')} archive entries`, 20_000, options.saves, generateReports(options.large)));
  let ok = true;
  const rows = results.map((r) => {
    const sorted = [...r.savesMs].sort((a, b) => a - b);
    const worst = sorted.at(-1)!;
    const pass = worst <= r.target;
    ok &&= pass;
    return [r.label, seconds(r.firstBuildMs), r.savesMs.map(seconds).join(', '), r.buildsMs.map(seconds).join(', '), seconds(sorted[Math.floor(sorted.length / 2)]!), `${pass ? 'ok' : 'MISSED'} (worst ≤ ${seconds(r.target)})`];
  });
  console.log(table(['site', 'first build', 'save → 200, in order', 'of which astro build', 'median', 'target'], rows));
  return ok;
}

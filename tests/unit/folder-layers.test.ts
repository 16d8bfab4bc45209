/**
 * The top-level folders of src/ form layers (docs/architecture.md,
 * "Dependency rules"): a folder imports from its own layer or an earlier
 * one, never a later one; no two folders import each other, directly or
 * through others; the features keep apart as the page says. Imports are read with TypeScript's own scanner
 * (`ts.preProcessFile`): static, type-only, re-exports and dynamic
 * `import()` alike, from .ts files and from the front matter and scripts of
 * .astro files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'content' && folder === src ? [] : sourceFiles(path);
    return /\.(ts|mts|js|mjs|astro)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The code of a file TypeScript's scanner can read: an .astro file's front matter and its <script> blocks. */
function codeOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.astro')) return text;
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [frontMatter, ...scripts].join('\n');
}

/** The folder of src/ a path lies in ('.' for files at src/'s top), or undefined outside src/. */
function topFolder(path: string): string | undefined {
  const rel = relative(src, path);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : '.';
}

/** folder → folder → the imports that make the edge ("file → specifier"). */
function folderGraph(files: readonly string[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = topFolder(file)!;
    const { importedFiles } = ts.preProcessFile(codeOf(file), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = topFolder(resolve(dirname(file), fileName));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${relative(src, file)} → ${fileName}`]);
    }
  }
  return graph;
}

/** The strongly connected components with more than one folder (Tarjan): each is a set of folders importing each other. */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** Each folder of a cycle with the imports that lead to another folder of it, for the failure message. */
function explain(graph: Map<string, Map<string, string[]>>, component: readonly string[]): string[] {
  return component.flatMap((from) =>
    component.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to}: ${graph.get(from)!.get(to)!.slice(0, 3).join('; ')}`),
  );
}

/** docs/architecture.md's layers, in order; a new folder must be placed there and here. */
const layers: Record<string, number> = {
  data: 1, styles: 1,
  lib: 2, schemas: 2,
  db: 3, mail: 3, calendar: 3, search: 3, draw: 3, catalogue: 3, forms: 3, ideas: 3,
  http: 4,
  enrolment: 5, panel: 5, staff: 5, lottery: 5, notices: 5, requests: 5, remarks: 5, follow: 5,
  cms: 6, integrations: 6, fonts: 6, site: 6, server: 6, netlify: 6,
  collections: 7, components: 7, layouts: 7, pages: 7, '.': 7,
};

/** Features that must not import these others (docs/architecture.md, layer 5). */
const apart: Record<string, readonly string[]> = {
  enrolment: ['panel', 'staff', 'lottery', 'notices'],
  panel: ['enrolment', 'staff', 'lottery', 'notices'],
  staff: ['lottery', 'notices'],
  lottery: ['staff', 'notices'],
  requests: ['enrolment', 'staff', 'lottery', 'notices', 'remarks', 'follow'],
  remarks: ['enrolment', 'staff', 'lottery', 'notices', 'requests', 'follow'],
  follow: ['enrolment', 'staff', 'lottery', 'notices', 'requests', 'remarks'],
};

/** The one import a layer-3 or layer-6 integration may make into src/integrations/ from outside it. */
const liveBuild = /(^|\/)integrations\/live-build\.ts$/;

/** Every import against the layers: "from → to: file → specifier". */
function layerBreaches(graph: Map<string, Map<string, string[]>>): string[] {
  const breaches: string[] = [];
  for (const [from, edges] of graph) {
    for (const [to, imports] of edges) {
      const allowed = imports.filter((i) => to === 'integrations' && liveBuild.test(i));
      const rest = imports.filter((i) => !allowed.includes(i));
      if (!rest.length) continue;
      if (layers[to]! > layers[from]! || apart[from]?.includes(to)) breaches.push(...rest.map((i) => `${from} → ${to}: ${i}`));
    }
  }
  return breaches.sort();
}

describe('the folders of src/', () => {
  it('import each other in no cycle, direct or through other folders', () => {
    const graph = folderGraph(sourceFiles(src));
    expect(graph.size).toBeGreaterThan(10);
    expect(cycles(graph).map((component) => explain(graph, component))).toEqual([]);
  });

  it('each sit in a layer of docs/architecture.md, and import none of a later layer or a feature they must keep apart from', () => {
    const folders = readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'content').map((e) => e.name);
    expect(folders.filter((f) => !(f in layers))).toEqual([]);
    const graph = folderGraph(sourceFiles(src));
    expect(layerBreaches(graph)).toEqual([]);
    // The check itself: a helper importing a feature, staff importing the lottery, an integration import beyond live-build.
    const probe = new Map([
      ['calendar', new Map([['enrolment', ['calendar/x.ts → ../enrolment/applications.ts']]])],
      ['staff', new Map([['lottery', ['staff/y.ts → ../lottery/results.ts']]])],
      ['search', new Map([['integrations', ['search/pagefind.ts → ../integrations/live-build.ts', 'search/z.ts → ../integrations/decap.ts']]])],
    ]);
    expect(layerBreaches(probe)).toEqual([
      'calendar → enrolment: calendar/x.ts → ../enrolment/applications.ts',
      'search → integrations: search/z.ts → ../integrations/decap.ts',
      'staff → lottery: staff/y.ts → ../lottery/results.ts',
    ]);
  });

  it('the check finds a cycle where there is one, through a third folder and through .astro code', () => {
    const graph = new Map([
      ['a', new Map([['b', ['a/x.ts → ../b/y.ts']]])],
      ['b', new Map([['c', ['b/y.ts → ../c/z.ts']]])],
      ['c', new Map([['a', ['c/Z.astro → ../a/x.ts']]])],
      ['d', new Map([['a', ['d/w.ts → ../a/x.ts']]])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(codeOf(join(src, 'layouts', readdirSync(join(src, 'layouts')).find((f) => f.endsWith('.astro'))!))).toMatch(/import /);
  });
});

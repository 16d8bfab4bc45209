/**
 * The top-level folders of src/ form layers: a folder may import from
 * folders below it, never the other way round, so no two folders import each
 * other, directly or through others (docs/architecture.md, "Dependency
 * rules"). Imports are read with TypeScript's own scanner
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

describe('the folders of src/', () => {
  it('import each other in no cycle, direct or through other folders', () => {
    const graph = folderGraph(sourceFiles(src));
    expect(graph.size).toBeGreaterThan(10);
    expect(cycles(graph).map((component) => explain(graph, component))).toEqual([]);
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

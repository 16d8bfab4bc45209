/**
 * No source module over 300 lines (issue 12, "Done when"): a module that
 * long mixes concerns a newcomer has to untangle. Counted: *.ts, *.mts,
 * *.cts, *.tsx, *.astro, *.js, *.mjs and *.cjs under src/, functions/,
 * scripts/ and bench/, except tests (*.test.*) and content (src/content/). Lines are counted as `wc -l`
 * does: a final line without a newline still counts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 300;
const root = fileURLToPath(new URL('../../', import.meta.url));
const folders = ['src', 'functions', 'scripts', 'bench'];

const isModule = (path: string) => /\.([mc]?ts|tsx|astro|[mc]?js|jsx)$/.test(path) && !/\.test\.[^.]+$/.test(path) && !path.startsWith('src/content/');

async function modules(): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true });
    for (const e of entries) {
      const path = relative(root, join(e.parentPath, e.name)).split('\\').join('/');
      if (e.isFile() && !path.split('/').includes('node_modules') && isModule(path)) found.push(path);
    }
  }
  return found.sort();
}

function lineCount(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

describe('module size', () => {
  it('counts lines as wc -l does', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb'), lineCount('a\n\n')]).toEqual([0, 1, 1, 2, 2]);
  });

  it('checks source modules only: not tests, content or stylesheets', () => {
    expect(['src/site/build.ts', 'src/pages/index.astro', 'src/cms/browser/preview.js', 'scripts/tool.mjs', 'src/lib/x.mts'].map(isModule)).toEqual([true, true, true, true, true]);
    expect(['src/site/build.test.ts', 'src/content/config.ts', 'src/styles/fonts.css', 'functions/README.md'].map(isModule)).toEqual([false, false, false, false]);
  });

  it('finds modules in each of src/, functions/ and scripts/', async () => {
    const found = await modules();
    expect(folders.filter((folder) => !found.some((p) => p.startsWith(`${folder}/`)))).toEqual([]);
  });

  it(`has no source module over ${MAX_LINES} lines`, async () => {
    const tooLong: string[] = [];
    for (const path of await modules()) {
      const lines = lineCount(await readFile(join(root, path), 'utf8'));
      if (lines > MAX_LINES) tooLong.push(`${path}: ${lines} lines`);
    }
    expect(tooLong, `split these by what they do (at most ${MAX_LINES} lines each)`).toEqual([]);
  });
});

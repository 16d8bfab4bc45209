/**
 * The documents a newcomer reads, in layers (issue 12): README.md stays
 * short and leads to every other document; no relative link or anchor in
 * README.md, CONTRIBUTING.md or docs/ is broken; the repository paths they
 * name exist; and docs/architecture.md describes exactly the top-level
 * folders src/ has (read at test time, so a folder added or moved without
 * its description fails here).
 *
 * Anchors are GitHub's: the heading's text, slugged by github-slugger, the
 * library GitHub's own algorithm is published as (and Astro uses).
 */
import { existsSync, globSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** README.md at most 8 kB, as issue 12 asks ("Starlight's 1.4 kB README is the model"). */
const readmeLimitBytes = 8192;

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** Every Markdown document of the developer documentation, relative to the root. */
const docsFiles = globSync('docs/**/*.md', { cwd: root }).sort();
const checked = ['README.md', 'CONTRIBUTING.md', ...docsFiles];

/** The lines of a Markdown text with fenced code blocks blanked out (same line count). */
function withoutFences(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker?.startsWith(fence)) fence = undefined;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line;
  });
}

const codeSpan = /(`+)(?:(?!\1).)+?\1/g;

/** The lines outside code: fenced blocks and code spans blanked out, where no link or heading is. */
const prose = (markdown: string) => withoutFences(markdown).map((line) => line.replace(codeSpan, (span) => ' '.repeat(span.length)));

/** Inline link and image destinations, and reference definitions, outside code. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown).join('\n');
  const inline = [...text.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g)].map((m) => m[1]!.replace(/^<|>$/g, ''));
  const definitions = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]!.replace(/^<|>$/g, ''));
  return [...inline, ...definitions];
}

const isRelative = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('//');

/** A relative link resolved against the document it is in: the file and the anchor, both decoded. */
function resolveLink(from: string, target: string): { file: string; anchor: string | undefined } {
  const hash = target.indexOf('#');
  const path = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const file = path === '' ? join(root, from) : resolve(dirname(join(root, from)), decodeURIComponent(path));
  return { file, anchor };
}

/** The anchors GitHub gives a Markdown file: one per heading (duplicates numbered), plus explicit HTML ids. */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
  for (const line of withoutFences(markdown)) {
    const text = heading.exec(line)?.[1];
    if (text !== undefined) anchors.add(slugger.slug(renderedText(text)));
  }
  for (const m of markdown.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  return anchors;
}

/** A heading's text as GitHub renders it: code spans keep their content, links their text, emphasis markers go. */
const renderedText = (text: string) =>
  text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\*+/g, '');

/** Documents reachable from README.md through relative links to Markdown files. */
function reachableFromReadme(): Set<string> {
  const seen = new Set<string>(['README.md']);
  const queue = ['README.md'];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const target of linkTargets(read(from)).filter(isRelative)) {
      const { file } = resolveLink(from, target);
      const path = relative(root, file);
      if (!path.endsWith('.md') || path.startsWith('..') || !isFile(file) || seen.has(path)) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  return seen;
}

describe('the documentation', () => {
  it('README.md is at most 8 kB', () => {
    expect(Buffer.byteLength(read('README.md'), 'utf8')).toBeLessThanOrEqual(readmeLimitBytes);
  });

  it('README.md names every npm script of package.json', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const readme = read('README.md');
    // npm's own shorthands: `npm start`, `npm test`.
    const named = (script: string) => readme.includes(`npm run ${script}`) || (['start', 'test'].includes(script) && readme.includes(`npm ${script}`));
    expect(Object.keys(scripts).filter((script) => !named(script))).toEqual([]);
  });

  it('has the pages issue 12 asks for', () => {
    const pages = ['architecture', 'netlify', 'self-hosting', 'configuration', 'enrolment', 'lottery', 'panel', 'notices', 'live-site', 'cms', 'benchmark'];
    expect(pages.filter((page) => !docsFiles.includes(`docs/${page}.md`))).toEqual([]);
    expect(existsSync(join(root, 'CONTRIBUTING.md'))).toBe(true);
  });

  it('reaches every document from README.md by relative links', () => {
    const reachable = reachableFromReadme();
    expect(['CONTRIBUTING.md', ...docsFiles].filter((path) => !reachable.has(path))).toEqual([]);
  });

  it('has no broken relative link or anchor', () => {
    const broken: string[] = [];
    for (const from of checked) {
      for (const target of linkTargets(read(from)).filter(isRelative)) {
        const { file, anchor } = resolveLink(from, target);
        if (!existsSync(file)) {
          broken.push(`${from}: ${target} (no such file)`);
        } else if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${from}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('names only repository paths that exist', () => {
    // A code span that is nothing but a path under these folders; globs allowed, placeholders (<…>) not checked.
    // public/ and dist/ are left out: the build writes part of them.
    const pathSpan = /`((?:src|functions|scripts|tests|bench|docs)\/[^`\s<>]*)`/g;
    const missing: string[] = [];
    for (const from of checked) {
      for (const [, path] of withoutFences(read(from)).join('\n').matchAll(pathSpan)) {
        const found = path!.includes('*') ? globSync(path!, { cwd: root }).length > 0 : existsSync(join(root, path!));
        if (!found) missing.push(`${from}: ${path}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  const architecture = read('docs/architecture.md');
  const folders = readdirSync(join(root, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('describes every top-level folder of src/ in a heading or a list item', () => {
    const described = (folder: string) =>
      architecture.split('\n').some((line) => /^\s*(?:#{1,6}|[-*+]|\d+\.)\s/.test(line) && line.includes(`\`src/${folder}/\``));
    expect(folders.filter((folder) => !described(folder))).toEqual([]);
  });

  it('names no top-level folder of src/ that does not exist', () => {
    const named = new Set([...architecture.matchAll(/\bsrc\/([A-Za-z0-9_.-]+)\//g)].map((m) => m[1]!));
    expect([...named].filter((folder) => !folders.includes(folder)).sort()).toEqual([]);
  });
});

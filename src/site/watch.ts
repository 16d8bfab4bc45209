/**
 * Watches what the build reads — src/ (content, data, pages, components,
 * schemas), public/ (uploaded files in public/pliki/ among them) and
 * astro.config.mjs — and asks for a rebuild on every change: a save in the
 * CMS (decap-server writes into src/content/ and public/pliki/), a `git
 * pull`, an edit by hand.
 *
 * Left out: what the build itself writes (public/fonts/, the generated part
 * of public/admin/, src/styles/fonts.css — a change there would rebuild
 * forever), tests, and editors' temporary files.
 */
import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface SourceWatcher {
  /** Resolves once the initial scan is done: changes after it are reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const watchedSources = ['src', 'public', 'astro.config.mjs'];

/** Paths (relative, with `/`) whose changes the build does not depend on, or that the build writes. */
export function ignoredSource(path: string): boolean {
  return (
    /(^|\/)(node_modules|\.astro|\.git)(\/|$)/.test(path) ||
    /^public\/fonts(\/|$)/.test(path) ||
    (path.startsWith('public/admin/') && path !== 'public/admin/index.html') ||
    path === 'src/styles/fonts.css' ||
    /\.test\.ts$/.test(path) ||
    /(~|\.swp|\.swx|\.tmp|\.DS_Store)$/.test(path) ||
    // sed -i's and similar tools' temporary files, before they are renamed over the real one.
    /(^|\/)sed[A-Za-z0-9]{6}$/.test(path) ||
    /(^|\/)\.#/.test(path)
  );
}

/** Calls `changed` with a Polish reason for every change under the project's sources; `ignore`: absolute folders never followed. */
export function watchSources(projectRoot: string, changed: (reason: string) => void, ignore: readonly string[] = []): SourceWatcher {
  const relativePath = (path: string) => relative(projectRoot, path).split(sep).join('/');
  const inside = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
  const watcher: FSWatcher = watch(
    watchedSources.map((path) => `${projectRoot}/${path}`),
    { ignoreInitial: true, ignored: (path) => ignore.some((folder) => inside(path, folder)) || ignoredSource(relativePath(path)) },
  );
  const wording: Record<string, string> = { add: 'nowy plik', change: 'zmiana pliku', unlink: 'usunięty plik', addDir: 'nowy folder', unlinkDir: 'usunięty folder' };
  watcher.on('all', (event, path) => changed(`${wording[event] ?? event} ${relativePath(path)}`));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { ready, close: () => watcher.close() };
}

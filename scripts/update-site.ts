/**
 * `npm run site:update`: what the push webhook does, by hand. Fast-forwards
 * the checkout from origin/<CONTENT_BRANCH> (src/site/git.ts: refused, with
 * nothing changed, when there are uncommitted edits, another branch or a
 * rewritten history), says in Polish what came in, then builds the site.
 *   --no-build          only update the checkout
 *   --checkout <dir>    update another checkout than this project's folder
 *                       (the build still runs in this project)
 *   CONTENT_BRANCH      the branch to follow (default main)
 * Exits 1 with a Polish sentence when the update fails, with the build's own
 * code when the build does.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommandLineError, parseCommandLine } from '../src/lib/command-line.ts';
import { plural } from '../src/lib/plural.ts';
import { commitSummaries, countCommits, fastForward, GitUpdateError } from '../src/site/git.ts';
import { pushWebhookSettings } from '../src/site/webhook.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const remote = 'origin';

let args: { 'no-build'?: boolean; checkout?: string; help?: boolean };
try {
  args = parseCommandLine({ 'no-build': { type: 'boolean' }, checkout: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, 'npm run site:update');
} catch (error) {
  if (!(error instanceof CommandLineError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (args.help) {
  console.log(
    [
      'npm run site:update — pobiera nowe commity gałęzi CONTENT_BRANCH (domyślnie main) z origin i przebudowuje stronę.',
      '  --no-build          tylko aktualizuje kopię, bez budowania',
      '  --checkout <folder> aktualizuje kopię w innym folderze niż ten projekt',
    ].join('\n'),
  );
  process.exit(0);
}

const checkout = resolve(args.checkout ?? projectRoot);
const { branch } = pushWebhookSettings(process.env);

console.log(`Aktualizuję ${checkout} z ${remote}/${branch}…`);
try {
  const { before, after, changed } = await fastForward({ checkout, remote, branch });
  if (changed) {
    const count = await countCommits(checkout, before, after);
    console.log(`Zaktualizowano ${before.slice(0, 7)}..${after.slice(0, 7)}: ${plural(count, 'nowy commit', 'nowe commity', 'nowych commitów')}.`);
    for (const line of await commitSummaries(checkout, before, after)) console.log(`  ${line}`);
    if (count > 10) console.log(`  … i ${plural(count - 10, 'starszy', 'starsze', 'starszych')}.`);
  } else {
    console.log(`Nic nowego: kopia jest aktualna (${after.slice(0, 7)}).`);
  }
} catch (error) {
  if (error instanceof GitUpdateError) {
    console.error(`Nie zaktualizowano strony. ${error.message}`);
    if (error.detail) console.error(`(git: ${error.detail})`);
  } else {
    console.error(`Nie zaktualizowano strony: nie udało się uruchomić git (${error instanceof Error ? error.message : 'nieznany błąd'}).`);
  }
  process.exit(1);
}

console.log('Jeśli na tym komputerze działa `npm start`, serwer sam zauważy zmienione pliki i przebuduje stronę (wtedy wystarczy --no-build).');
if (args['no-build']) {
  console.log('Pominięto budowanie (--no-build).');
  process.exit(0);
}

console.log(`Buduję stronę w ${projectRoot}…`);
const build = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url)), 'build'], { cwd: projectRoot, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('Budowanie strony nie powiodło się — popraw błędy wypisane powyżej i uruchom `npm run site:update` ponownie.');
  process.exit(build.status ?? 1);
}
console.log('Strona zbudowana w dist/.');

/**
 * Child process of search-index.ts: indexes the built site in argv[2] with
 * the same code as the build's integration (src/integrations/pagefind.ts)
 * and prints `{"pages":…,"milliseconds":…}`. In a process of its own so that
 * reading and folding thousands of pages never holds up the server's requests.
 */
import { indexSite } from '../integrations/pagefind.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('Podaj folder zbudowanej strony.');
  process.exit(2);
}
console.log(JSON.stringify(await indexSite(dir)));

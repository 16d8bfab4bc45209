/**
 * Child process of search-index.ts: indexes the built site in argv[2] into
 * the folder argv[3] with the same code as the build's integration
 * (src/search/pagefind.ts) and prints `{"pages":…,"milliseconds":…,"notes":[…]}`
 * (notes: the attachments' lines the build log shows, finish-build.ts). In a process of its own so that
 * reading and folding thousands of pages never holds up the server's requests.
 */
import { indexWithAttachments } from '../integrations/finish-build.ts';

const [dir, output] = process.argv.slice(2);
if (!dir || !output) {
  console.error('Podaj folder zbudowanej strony i folder indeksu.');
  process.exit(2);
}
// With the stored attachments' text, as the build indexes; their lines go back with the result, for the server's log.
const notes: string[] = [];
console.log(JSON.stringify({ ...(await indexWithAttachments(dir, output, (line) => notes.push(line))), notes }));

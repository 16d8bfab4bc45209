/**
 * `npm run build`: `astro build` (its arguments passed on, e.g. `--outDir`),
 * then the search index and the compressed copies once Astro's process has
 * ended, so that their memory does not add to Astro's
 * (src/integrations/finish-build.ts, src/integrations/after-build.ts). Exits with
 * Astro's code when the build fails, 1 when a later step does.
 */
import { buildSite } from '../src/integrations/finish-build.ts';

process.exitCode = await buildSite(process.argv.slice(2));

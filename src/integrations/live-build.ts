/**
 * Set to `1` in the environment of the live server's rebuilds
 * (src/site/build.ts). Those publish the pages first and do the slow
 * whole-site passes after: the search index (src/site/search-index.ts)
 * and, not at all, the developers' font-coverage report. `npm run build`
 * and Netlify's builds leave it unset and do everything at once.
 */
export const liveBuildVariable = 'WSPOLNIE_LIVE_BUILD';

export const isLiveBuild = (env: Readonly<Record<string, string | undefined>> = process.env) => env[liveBuildVariable] === '1';

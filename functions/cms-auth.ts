/**
 * Netlify Function (v2): the GitHub login of the CMS at /admin/, for sites
 * that do not use Netlify's own OAuth provider. The flow is in
 * src/cms/oauth.ts; `npm start` mounts this same handler.
 */
import type { Config } from '@netlify/functions';
import { handleCmsAuth } from '../src/cms/oauth.ts';

export default (request: Request): Promise<Response> => handleCmsAuth(request, { env: process.env });

// Literal paths: Netlify reads this object statically when it deploys.
export const config: Config = { path: ['/api/cms-auth', '/api/cms-auth/callback'] };

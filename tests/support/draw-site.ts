/**
 * A built copy of the site with test pages holding the draw verifier
 * (src/draw/verifier/DrawVerifier.astro), published protocols beside them (a genuine one and a
 * tampered one), served with the site's real security headers, CSP included.
 * Stands in for the results page until the database side publishes real
 * protocols. src/content is never touched.
 */
import { createServer } from 'node:http';
import { serializeProtocol, type DrawProtocol } from '../../src/draw/protocol.ts';
import { securityHeaders } from '../../src/lib/security-headers.ts';
import { serveStatic } from '../../src/server/static-files.ts';
import { builtFixtureSite, type FixtureSite } from './fixture-site.ts';

export const verifierPages = {
  genuine: '/test-losowania/',
  tampered: '/test-losowania/podmieniony/',
  missing: '/test-losowania/bez-protokolu/',
};

const page = (protocolUrl: string, poolSha256?: string) => `---
import BaseLayout from '../../layouts/BaseLayout.astro';
import DrawVerifier from '../../draw/verifier/DrawVerifier.astro';
---
<BaseLayout title="Wyniki losowania (test)" noindex>
  <h1>Wyniki losowania (test)</h1>
  <DrawVerifier protocolUrl="${protocolUrl}"${poolSha256 ? ` poolSha256="${poolSha256}"` : ''} />
</BaseLayout>
`;

/** The project with the verifier pages and protocols added, built (once per test run, see builtFixtureSite); the caller's own copy of `dist`. */
export function buildDrawSite(genuine: DrawProtocol, tampered: DrawProtocol): Promise<FixtureSite> {
  return builtFixtureSite(
    {
      'src/pages/test-losowania/index.astro': page('/test-losowania/protokol.json', genuine.pool.sha256),
      'src/pages/test-losowania/podmieniony/index.astro': page('/test-losowania/podmieniony.json').replaceAll("'../../", "'../../../"),
      'src/pages/test-losowania/bez-protokolu/index.astro': page('/test-losowania/nie-ma.json').replaceAll("'../../", "'../../../"),
      'public/test-losowania/protokol.json': serializeProtocol(genuine),
      'public/test-losowania/podmieniony.json': JSON.stringify(tampered, null, 2),
    },
    'wspolnie-draw-',
  );
}

/** Serves a built site with the headers production sends (CSP without 'unsafe-inline'). */
export async function serveWithHeaders(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    for (const [name, value] of Object.entries(securityHeaders(pathname))) response.setHeader(name, value);
    void serveStatic(root, request, response).then((served) => {
      if (!served) response.writeHead(405).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    // A browser page still open keeps a keep-alive connection; server.close() alone would wait for it.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

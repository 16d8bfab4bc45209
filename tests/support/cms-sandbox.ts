/**
 * A place where the CMS browser test can save for real without touching the
 * project: a throw-away copy of the project (fixture-site.ts), decap-server
 * writing into that copy, and the admin of the project's build (dist/admin/)
 * served on its own port with a config.yml pointing at that decap-server.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configYaml } from '../../src/integrations/decap.ts';
import { startDecapServer, type DecapServer } from '../../src/server/decap-server.ts';
import { startServer } from '../../src/server/server.ts';
import { createFixtureSite, projectRoot, type FixtureSite } from './fixture-site.ts';
import { freePort } from './free-port.ts';

export interface CmsSandbox {
  site: FixtureSite;
  /** http://127.0.0.1:PORT/admin/ */
  adminUrl: string;
  decap: DecapServer;
  close(): Promise<void>;
}

/** `files` (path under the copy → content) are written into the copy before the CMS starts. */
export async function createCmsSandbox(files: Record<string, string> = {}): Promise<CmsSandbox> {
  const builtAdmin = join(projectRoot, 'dist/admin');
  if (!existsSync(join(builtAdmin, 'decap/decap-cms.js'))) throw new Error('Brak dist/admin/: zbuduj stronę (npm run build) przed testami przeglądarkowymi.');
  const site = await createFixtureSite(undefined, 'wspolnie-cms-');
  for (const [path, content] of Object.entries(files)) await writeFile(join(site.root, path), content);
  const decap = await startDecapServer({ repository: site.root, port: await freePort(), stdio: 'ignore' });

  const adminRoot = await mkdtemp(join(tmpdir(), 'wspolnie-cms-admin-'));
  await cp(builtAdmin, join(adminRoot, 'admin'), { recursive: true });
  // The preview pane uses the site's fonts.
  await cp(join(projectRoot, 'dist/fonts'), join(adminRoot, 'fonts'), { recursive: true });
  // The admin runs under the site's real Content Security Policy, which lets it reach this decap-server.
  const server = await startServer({ root: adminRoot, port: 0, host: '127.0.0.1', cmsLocalBackend: decap.apiUrl, uploadsRoot: join(site.root, 'public') });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await writeFile(join(adminRoot, 'admin/config.yml'), configYaml({ site: origin, localBackendUrl: decap.apiUrl }));

  return {
    site,
    adminUrl: `${origin}/admin/`,
    decap,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await decap.stop();
      await rm(adminRoot, { recursive: true, force: true });
      await site.remove();
    },
  };
}

/** A one-page PDF small enough to read: valid header, objects, xref table and trailer. */
export function tinyPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '', // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 14 Tf 20 50 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

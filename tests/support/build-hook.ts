/**
 * For the Netlify clock's tests: a stand-in for Netlify's build hook (a real
 * HTTP server on 127.0.0.1 that records every request and answers with the
 * status the test chooses), and a writer of the two public files a deploy
 * publishes (dane/zapisy.json, dane/wydarzenia.json) with the build time the
 * test chooses, so a test "deploys" a new build by writing them again.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { CatalogueFile } from '../../src/catalogue/catalogue.ts';
import type { EventsFileInput } from '../../src/notices/events-file.ts';

export interface HookRequest {
  method: string;
  /** Path and query, e.g. `/build_hooks/abc?trigger_title=…`. */
  url: string;
  contentType: string | undefined;
  body: string;
}

export interface BuildHook {
  /** `http://127.0.0.1:<port>/build_hooks/<id>`, shaped like Netlify's. */
  url: string;
  requests: HookRequest[];
  /** The status the next requests get (200 at first; Netlify answers 200 with an empty body). */
  answer(status: number): void;
  close(): Promise<void>;
}

export async function startBuildHook(id = '5c23354f454e1350f8543e78'): Promise<BuildHook> {
  const requests: HookRequest[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/build_hooks/${id}`,
    requests,
    answer: (next) => void (status = next),
    // A browser page still open keeps a keep-alive connection; server.close() alone would wait for it.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Entry = CatalogueFile['entries'][number];
type Event = EventsFileInput['events'][number];

/** A first-come programme entry whose window is [opens, closes]. */
export function programmeEntry(id: string, title: string, opens: Date, closes: Date, drawDate?: Date): Entry {
  return {
    id,
    kind: 'programme',
    title,
    page: `/programy/${id}/`,
    closedEarly: false,
    enrolment: { opens: opens.toISOString(), closes: closes.toISOString(), mode: drawDate ? 'lottery' : 'first-come', capacity: 60, drawDate: drawDate?.toISOString() },
  };
}

/** A planned workshop of `programme` from `start` to `end`. */
export function workshop(id: string, programme: string, start: Date, end: Date): Event {
  return {
    id,
    title: `Warsztat ${id}`,
    programme,
    kind: 'workshop',
    start: start.toISOString(),
    end: end.toISOString(),
    status: 'planned',
    place: { address: 'ul. Wielicka 28a, Kraków' },
    page: `/wydarzenia/${id}/`,
  };
}

/** Writes both files as one build made at `builtAt` would. */
export async function writePublicFiles(root: string, builtAt: Date, entries: Entry[], events: Event[] = []): Promise<void> {
  await mkdir(join(root, 'dane'), { recursive: true });
  const programmes = entries.map((e) => ({ id: e.id, title: e.title }));
  const catalogue: CatalogueFile = { generatedAt: builtAt.toISOString(), entries };
  const eventsFile: EventsFileInput = { generatedAt: builtAt.toISOString(), events, programmes };
  await writeFile(join(root, 'dane', 'zapisy.json'), JSON.stringify(catalogue));
  await writeFile(join(root, 'dane', 'wydarzenia.json'), JSON.stringify(eventsFile));
}

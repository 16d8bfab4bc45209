/**
 * GitHub's push webhook for a self-hosted server: a push to the content
 * branch fast-forwards the server's checkout (git.ts) and asks for a
 * rebuild. Only a delivery signed with GITHUB_WEBHOOK_SECRET (HMAC-SHA256 of
 * the raw body, X-Hub-Signature-256) does anything; without a secret the
 * endpoint is off. A replay — a delivery id already taken, or a signed
 * payload whose commit the checkout already has — is refused, so an old
 * captured request cannot trigger work. A request can at most make the
 * server fetch the branch it already follows: the payload never chooses
 * what is checked out. The server mounts this with its rate limiter
 * (`pushWebhookRateLimit`), counted before the signature is looked at.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'astro/zod';
import { containsCommit, fastForward, GitUpdateError } from './git.ts';

export const pushWebhookPath = '/api/github/push';

/** Per client address, as functions' `config.rateLimit` (Netlify's shape; src/server/rate-limit.ts counts it). */
export const pushWebhookRateLimit = { windowLimit: 30, windowSize: 60 } as const;

/** GitHub caps payloads at 25 MB; a push payload is a few kB, so a few MB is already generous. */
const pushWebhookBodyLimit = 5 * 1024 * 1024;

export type { Env } from '../lib/env.ts';
import type { Env } from '../lib/env.ts';

export interface PushWebhookSettings {
  /** GITHUB_WEBHOOK_SECRET; undefined (the endpoint refuses everything) when unset or blank. */
  secret: string | undefined;
  /** CONTENT_BRANCH, default `main`: the branch the checkout follows. */
  branch: string;
}

export function pushWebhookSettings(env: Env): PushWebhookSettings {
  return { secret: env['GITHUB_WEBHOOK_SECRET']?.trim() || undefined, branch: env['CONTENT_BRANCH']?.trim() || 'main' };
}

/** Delivery ids already taken; bounded, the oldest forgotten first. */
interface DeliveryMemory {
  has(id: string): boolean;
  add(id: string): void;
  delete(id: string): void;
}

function createDeliveryMemory(limit = 1000): DeliveryMemory {
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    add(id) {
      ids.add(id);
      // A Set iterates in insertion order: the first one is the oldest.
      while (ids.size > limit) ids.delete(ids.values().next().value as string);
    },
    delete: (id) => void ids.delete(id),
  };
}

export interface PushWebhookOptions {
  secret: string | undefined;
  checkout: string;
  branch: string;
  remote?: string;
  /** Called once per push that moved the checkout, with e.g. "webhook: 1a2b3c4". */
  rebuild: (reason: string) => void;
  log: (line: string) => void;
  seenDeliveries?: DeliveryMemory;
  bodyLimit?: number;
}

/** The parts of GitHub's push payload used here. */
const pushPayloadSchema = z.object({
  ref: z.string(),
  after: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  deleted: z.boolean().optional(),
});

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });

async function readBody(request: Request, limit: number): Promise<Buffer | undefined> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return undefined;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

/** Constant-time comparison of the HMAC of the exact bytes received. */
function signedWith(secret: string, body: Buffer, header: string | null): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (!given) return false;
  return timingSafeEqual(createHmac('sha256', secret).update(body).digest(), Buffer.from(given, 'hex'));
}

/** GitHub sends JSON, or `payload=<json>` when the hook's content type is x-www-form-urlencoded. */
function parsePayload(request: Request, body: Buffer): unknown {
  const raw = body.toString('utf8');
  const json = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded') ? (new URLSearchParams(raw).get('payload') ?? '') : raw;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

export function createPushWebhook(options: PushWebhookOptions): (request: Request) => Promise<Response> {
  const { checkout, branch, remote = 'origin', rebuild, bodyLimit = pushWebhookBodyLimit } = options;
  const secret = options.secret?.trim() || undefined;
  const seen = options.seenDeliveries ?? createDeliveryMemory();
  const log = (line: string) => options.log(`webhook GitHub: ${line}`);
  const short = (sha: string) => sha.slice(0, 7);

  return async (request) => {
    if (request.method !== 'POST') return text(405, 'Ten adres przyjmuje tylko zdarzenia wysyłane przez GitHuba (POST).', { Allow: 'POST' });
    if (!secret) {
      log('odrzucono żądanie — nie ustawiono GITHUB_WEBHOOK_SECRET, więc aktualizacja przez webhook jest wyłączona.');
      return text(403, 'Webhooki nie są skonfigurowane na tym serwerze (brak sekretu GITHUB_WEBHOOK_SECRET). Nic nie zostało zmienione.');
    }
    const body = await readBody(request, bodyLimit);
    if (!body) return text(413, 'Treść zdarzenia jest za duża.');
    if (!signedWith(secret, body, request.headers.get('x-hub-signature-256'))) {
      log('odrzucono żądanie bez prawidłowego podpisu X-Hub-Signature-256.');
      return text(401, 'Brak podpisu albo podpis nieprawidłowy (X-Hub-Signature-256). Sprawdź, czy sekret webhooka w GitHubie zgadza się z GITHUB_WEBHOOK_SECRET.');
    }

    const event = request.headers.get('x-github-event') ?? '';
    if (event === 'ping') return text(200, 'pong — webhook działa, podpis się zgadza.');
    if (event !== 'push') return text(202, `Zdarzenie „${event.slice(0, 40)}” pominięte: ten adres obsługuje tylko zdarzenia push.`);

    const parsed = pushPayloadSchema.safeParse(parsePayload(request, body));
    if (!parsed.success) return text(400, 'Nieczytelna treść zdarzenia push (brak pól ref i after).');
    const { ref, after, deleted } = parsed.data;
    if (ref !== `refs/heads/${branch}` || deleted) return text(202, `Push do ${ref.slice(0, 200)} pominięty: strona jest budowana z gałęzi ${branch}.`);

    const delivery = request.headers.get('x-github-delivery')?.trim() ?? '';
    if (!/^[\w-]{1,100}$/.test(delivery)) return text(400, 'Brak nagłówka X-GitHub-Delivery.');
    if (seen.has(delivery)) {
      log(`odrzucono powtórzone zdarzenie ${delivery}.`);
      return text(403, 'To zdarzenie zostało już przyjęte; powtórzenie odrzucone. Nic nie zostało zmienione.');
    }
    seen.add(delivery);
    if (await containsCommit(checkout, after)) {
      log(`odrzucono zdarzenie ${delivery}: commit ${short(after)} już jest w kopii (powtórzenie albo wcześniejsze zdarzenie go przyniosło).`);
      return text(403, `Commit ${short(after)} już jest w kopii na serwerze; zdarzenie odrzucone jako powtórzenie. Nic nie zostało zmienione.`);
    }

    try {
      const result = await fastForward({ checkout, remote, branch });
      if (!result.changed) return text(200, `Kopia na serwerze jest aktualna (${short(result.after)}); nie ma czego przebudować.`);
      log(`zdarzenie ${delivery}: kopia przesunięta ${short(result.before)}..${short(result.after)}; przebudowa strony.`);
      try {
        rebuild(`webhook: ${short(result.after)}`);
      } catch (error) {
        log(`nie udało się zlecić przebudowy (${error instanceof Error ? error.name : 'błąd'}).`);
      }
      return text(202, `Zaktualizowano ${short(result.before)}..${short(result.after)}; strona jest przebudowywana.`);
    } catch (error) {
      // Not taken after all: GitHub's "Redeliver" (same delivery id) may try again once the operator has fixed it.
      seen.delete(delivery);
      const message = error instanceof GitUpdateError ? error.message : 'Nie udało się zaktualizować kopii na serwerze (git).';
      const detail = error instanceof GitUpdateError ? error.detail : error instanceof Error ? error.message : '';
      log(`zdarzenie ${delivery} nie zaktualizowało kopii: ${message}${detail ? ` [git: ${detail}]` : ''}`);
      return text(409, message);
    }
  };
}

/**
 * Property-based fuzzing of POST /api/zapisy (fast-check) against the real
 * server, on PGlite and PostgreSQL: whatever arrives — a valid form broken
 * in one to three ways, any bytes, any content type, any Accept — the answer
 * is never a 5xx, and no invalid submission ever leaves a row or an email.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/databases.ts';
import { startEnrolmentApp, testCatalogue, workshopForm, type EnrolmentApp } from '../support/enrolment-app.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

type Form = [string, string][];

/** Ways to make the workshop form invalid; each alone must be refused. */
const breakages: fc.Arbitrary<(form: Form) => Form>[] = [
  fc.constant((f: Form) => f.filter(([k]) => k !== 'consent')),
  fc.string().filter((s) => s !== 'tak').map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'consent' ? v : x])),
  fc.string({ maxLength: 80 }).filter((s) => !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(s.trim())).map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'email' ? v : x])),
  fc.constant((f: Form) => f.filter(([k]) => k !== 'email')),
  fc.constant((f: Form) => f.filter(([k]) => k !== 'declarations')),
  fc.string({ minLength: 1 }).map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'website' ? v : x])),
  fc.string().filter((s) => !/^(?:[IVX]+)$/.test(s)).map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'district' ? v : x])),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /[^\d\s().+-]/.test(s)).map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'phone' ? `600 ${v}` : x])),
  fc.string({ unit: 'grapheme', minLength: 501, maxLength: 700 }).filter((s) => [...s.trim().replace(/\r\n?/g, '\n')].length > 500).map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'message' ? v : x])),
  // PostgreSQL cannot store U+0000 at all: a NUL anywhere must be a 4xx, never a failed insert.
  fc.tuple(fc.constantFrom('email', 'name', 'organisation', 'message', 'phone'), fc.nat()).map(([field, at]) => (f: Form) =>
    f.map(([k, x]): [string, string] => [k, k === field ? `${x.slice(0, at % (x.length + 1))}\u0000${x.slice(at % (x.length + 1))}` : x]),
  ),
  fc.constantFrom('', '   ', '\u0000', 'a\u0007b').map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'name' ? v : x])),
  fc.constantFrom('juz-po', 'jeszcze-nie', 'odwolany', '', 'nie-ma', '../programy/x').map((v) => (f: Form) => f.map(([k, x]): [string, string] => [k, k === 'programme' ? v : x])),
];

/** Noise that never makes an invalid form valid: unknown fields, repeated fields, odd names. */
const noise = fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 })), { maxLength: 4 });

type Encoding = 'urlencoded' | 'json' | 'multipart' | 'urlencoded-latin2' | 'text' | 'none';

function encode(form: Form, encoding: Encoding): { body: BodyInit; headers: Record<string, string> } {
  switch (encoding) {
    case 'json': {
      const object: Record<string, string | string[]> = {};
      for (const [k, v] of form) object[k] = k in object ? [object[k]!, v].flat() : v;
      return { body: JSON.stringify(object), headers: { 'Content-Type': 'application/json' } };
    }
    case 'multipart': {
      const data = new FormData();
      for (const [k, v] of form) data.append(k, v);
      return { body: data, headers: {} };
    }
    case 'urlencoded-latin2':
      return { body: new URLSearchParams(form).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=iso-8859-2' } };
    case 'text':
      return { body: new URLSearchParams(form).toString(), headers: { 'Content-Type': 'text/plain' } };
    case 'none':
      return { body: new URLSearchParams(form).toString(), headers: { 'Content-Type': '' } };
    default:
      return { body: new URLSearchParams(form), headers: {} };
  }
}

let sink: SmtpSink;
beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
});
afterAll(() => sink?.dispose());

describe.each(engines)('fuzzing the sign-up endpoint on $name', (engine) => {
  let t: EnrolmentApp;
  beforeAll(async () => {
    t = await startEnrolmentApp(engine, sink, { workerIntervalMs: 3_600_000 });
    t.app.runtime.mailQueued = () => undefined;
  });
  afterAll(() => t?.close());

  const counts = async () => {
    const { rows } = await t.database.db.query<{ a: number; o: number }>('SELECT (SELECT count(*)::int FROM applications) AS a, (SELECT count(*)::int FROM outbox) AS o');
    return rows[0];
  };
  const send = (body: BodyInit, headers: Record<string, string>, json: boolean) =>
    fetch(`${t.origin}/api/zapisy`, { method: 'POST', body, redirect: 'manual', headers: { Origin: t.origin, ...(json ? { Accept: 'application/json' } : {}), ...headers } });

  it('never answers 5xx, and never stores a broken form', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(...breakages), { minLength: 1, maxLength: 3 }),
        noise,
        fc.constantFrom<Encoding>('urlencoded', 'json', 'multipart', 'urlencoded-latin2', 'text', 'none'),
        fc.boolean(),
        async (breaks, extra, encoding, json) => {
          let form: Form = [...workshopForm(`fuzz${n++}.${engine.name}@example.pl`)];
          for (const brk of breaks) form = brk(form);
          form = [...form, ...extra.filter(([k]) => !['programme', 'email', 'consent', 'website', 'declarations', 'name', 'district', 'phone', 'ageBand', 'organisation', 'message'].includes(k))];
          const before = await counts();
          const { body, headers } = encode(form, encoding);
          const response = await send(body, headers, json);
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
          expect(await counts()).toEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to any bytes under any content type, and stores nothing', async () => {
    const before = await counts();
    const contentTypes = ['application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x', 'multipart/form-data', 'text/html', 'application/json; charset=utf-16', ''];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 2_000 }), fc.string({ unit: 'binary', maxLength: 500 }).map((s) => new TextEncoder().encode(s)), fc.json().map((s) => new TextEncoder().encode(s))),
        fc.constantFrom(...contentTypes),
        fc.boolean(),
        async (bytes, contentType, json) => {
          const response = await send(bytes, contentType ? { 'Content-Type': contentType } : {}, json);
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect(await counts()).toEqual(before);
  });

  it('stores a valid form once (the fuzzing above is not refusing everything)', async () => {
    const before = await counts();
    const response = await send(workshopForm(`wazny.${engine.name}@example.pl`), {}, true);
    expect(response.status).toBe(202);
    expect((await counts())?.a).toBe((before?.a ?? 0) + 1);
    expect(testCatalogue.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { bodyKind, isCrossSite, readFields, wantsJson } from './request.ts';

const site = 'https://wspolnie.example';
const post = (headers: Record<string, string>, body: BodyInit = 'a=1') => new Request(`${site}/api/zapisy`, { method: 'POST', headers, body });

describe('request guards', () => {
  it('refuse cross-site posts by Sec-Fetch-Site or Origin, and let same-site and non-browser ones through', () => {
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'cross-site' }), [])).toBe(true);
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'same-site' }), [])).toBe(true);
    expect(isCrossSite(post({ Origin: 'https://zly.example' }), [])).toBe(true);
    expect(isCrossSite(post({ Origin: 'null' }), [])).toBe(true);
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'same-origin', Origin: site }), [])).toBe(false);
    expect(isCrossSite(post({ Origin: 'http://wspolnie.example' }), [])).toBe(false); // behind a TLS proxy
    expect(isCrossSite(post({ Origin: 'https://portal.krakow.pl' }), ['https://portal.krakow.pl'])).toBe(false);
    expect(isCrossSite(post({}), [])).toBe(false);
    // A same-origin form on a no-referrer page: the browser sends Origin: null, and Sec-Fetch-Site decides.
    expect(isCrossSite(post({ 'Sec-Fetch-Site': 'same-origin', Origin: 'null' }), [])).toBe(false);
  });

  it('accept forms and JSON in UTF-8 only', () => {
    expect(bodyKind(post({ 'Content-Type': 'application/x-www-form-urlencoded' }))).toBe('urlencoded');
    expect(bodyKind(post({ 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' }))).toBe('urlencoded');
    expect(bodyKind(post({ 'Content-Type': 'multipart/form-data; boundary=x' }))).toBe('multipart');
    expect(bodyKind(post({ 'Content-Type': 'Application/JSON' }))).toBe('json');
    expect(bodyKind(post({ 'Content-Type': 'application/json; charset=latin1' }))).toBeUndefined();
    expect(bodyKind(post({ 'Content-Type': 'text/plain' }))).toBeUndefined();
  });

  it('read a body within the limit and refuse a longer one, declared or not', async () => {
    expect(await readFields(post({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'imie=%C5%81ucja'))).toMatchObject({ fields: new URLSearchParams('imie=Łucja') });
    expect(await readFields(post({ 'Content-Type': 'application/json' }, 'x'.repeat(50)), 10)).toMatchObject({ refusal: { status: 413 } });
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('y'.repeat(50))), c.close()) });
    const chunked = new Request(`${site}/api/zapisy`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(await readFields(chunked, 10)).toMatchObject({ refusal: { status: 413 } });
    for (const bad of ['[1]', 'null', '{', '"x"']) expect(await readFields(post({ 'Content-Type': 'application/json' }, bad))).toMatchObject({ refusal: { status: 400 } });
    expect(await readFields(post({ 'Content-Type': 'application/json' }, new Uint8Array([0x7b, 0xff, 0x7d])))).toMatchObject({ refusal: { status: 400 } });
  });

  it('answer JSON only to a client that asks for it first', () => {
    expect(wantsJson(post({ Accept: 'application/json' }))).toBe(true);
    expect(wantsJson(post({ Accept: 'text/html,application/xhtml+xml,application/json;q=0.9' }))).toBe(false);
    expect(wantsJson(post({}))).toBe(false);
  });
});

import { expect, it } from 'vitest';
import { cookieValue } from './cookies.ts';
import { decodedOrUndefined } from './percent-decoding.ts';

it('decodes a well-formed percent-encoding and answers undefined for a malformed one', () => {
  expect(decodedOrUndefined('/programy/%C5%82%C3%B3d%C5%BA/')).toBe('/programy/łódź/');
  for (const bad of ['%zz', '%E2%82', '%', 'a%2']) expect(decodedOrUndefined(bad)).toBeUndefined();
});

it('finds one cookie among several, as sent', () => {
  const request = new Request('http://x/', { headers: { Cookie: 'a=1; wspolnie-formularz=spacer%2Dbadawczy ;b=2' } });
  expect(cookieValue(request, 'wspolnie-formularz')).toBe('spacer%2Dbadawczy');
  expect(cookieValue(request, 'brak')).toBeUndefined();
  expect(cookieValue(new Request('http://x/'), 'a')).toBeUndefined();
});

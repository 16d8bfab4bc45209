/** The build log's agreement line counts records through the plural helper (issue 11 §7). */
import { describe, expect, it } from 'vitest';
import { agreementLine } from './announcement-lock.ts';

describe('agreementLine', () => {
  it.each([
    [1, 'treść zgodna z 1 zapisanym ogłoszeniem (PostgreSQL).'],
    [2, 'treść zgodna z 2 zapisanymi ogłoszeniami (PostgreSQL).'],
    [5, 'treść zgodna z 5 zapisanymi ogłoszeniami (PostgreSQL).'],
    [22, 'treść zgodna z 22 zapisanymi ogłoszeniami (PostgreSQL).'],
    [0, 'nie ma jeszcze zapisanych ogłoszeń, nie ma z czym porównać treści (PostgreSQL).'],
  ])('%i records', (count, text) => {
    expect(agreementLine(count, 'PostgreSQL')).toBe(`Ogłoszenia losowań: ${text}`);
  });
});

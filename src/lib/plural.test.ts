import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it.each([
    [0, '0 znaków'], [1, '1 znak'], [2, '2 znaki'], [4, '4 znaki'], [5, '5 znaków'], [12, '12 znaków'],
    [14, '14 znaków'], [22, '22 znaki'], [25, '25 znaków'], [101, '101 znaków'], [254, '254 znaki'], [1000, '1000 znaków'],
  ])('%i', (n, expected) => {
    expect(plural(n, 'znak', 'znaki', 'znaków')).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { countsSentence, thresholdSentence, type SupportCounts } from './counts.ts';

const counts = (needed: number, online: number, paper: number): SupportCounts => ({ needed, online, paper, gathered: online + paper, reached: needed > 0 && online + paper >= needed });

describe('the public wording of support counts', () => {
  it('counts in Polish plural forms and says what is missing', () => {
    expect(countsSentence(counts(200, 1, 0))).toBe('Zebrano 1 poparcie z wymaganych 200 (online 1, na papierze 0).');
    expect(countsSentence(counts(200, 20, 2))).toBe('Zebrano 22 poparcia z wymaganych 200 (online 20, na papierze 2).');
    expect(countsSentence(counts(200, 100, 12))).toBe('Zebrano 112 poparć z wymaganych 200 (online 100, na papierze 12).');
    expect(thresholdSentence(counts(200, 100, 12))).toBe('Do wymaganej liczby brakuje jeszcze 88 poparć.');
    expect(thresholdSentence(counts(3, 1, 0))).toBe('Do wymaganej liczby brakuje jeszcze 2 poparć.');
  });

  it('changes the wording once online and paper supports together reach the threshold', () => {
    expect(thresholdSentence(counts(50, 49, 0))).toBe('Do wymaganej liczby brakuje jeszcze 1 poparcia.');
    expect(thresholdSentence(counts(50, 40, 10))).toBe('Zebrano wymaganą liczbę poparć — wniosek czeka na weryfikację podpisów przez urząd.');
    expect(thresholdSentence(counts(0, 0, 0))).toBe('Wniosek nie wymaga poparcia mieszkańców.');
  });
});

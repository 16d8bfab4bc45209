import { describe, expect, it } from 'vitest';
import { byChannel, byDecision, totalRemarks, undecidedLabel } from './tally.ts';

const remarks = [
  { channel: 'form', count: 3, decision: 'accepted' },
  { channel: 'letter', count: 1, decision: 'rejected' },
  { channel: 'form', count: 2 },
  { channel: 'duty-phone', count: 1, decision: 'accepted' },
] as const;

describe('the counts of remarks', () => {
  it('counts an entry for identical remarks as many times as it stands for', () => {
    expect(totalRemarks(remarks)).toBe(7);
  });

  it('lists every decision, even at 0, then the undecided', () => {
    expect(byDecision(remarks).map((r) => [r.label, r.count])).toEqual([
      ['Uwzględniona', 4],
      ['Częściowo uwzględniona', 0],
      ['Nieuwzględniona', 1],
      ['Poza zakresem', 0],
      [undecidedLabel, 2],
    ]);
    expect(byDecision(remarks.filter((r) => 'decision' in r)).map((r) => r.key)).not.toContain('undecided');
  });

  it('lists only the channels remarks came by, in the enumeration order', () => {
    expect(byChannel(remarks).map((r) => [r.label, r.count])).toEqual([
      ['Formularz uwag', 5],
      ['Dyżur telefoniczny', 1],
      ['List', 1],
    ]);
  });
});

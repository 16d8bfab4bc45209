import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'astro/zod';
import { remark } from '../schemas/remarks.ts';
import { remarkItems, remarksYaml } from './content.ts';

const at = new Date('2026-05-02T08:00:00Z');
const decided = (topic: string, summary: string, decision?: 'accepted' | 'rejected', justification = '') => ({ code: 'X', sentAt: at, message: 'm', decided: { topic, summary, decision, justification } });

describe('the decided remarks as content', () => {
  it('groups identical remarks into one entry with their count, keeps the undecided, skips those without a summary', () => {
    const items = remarkItems([
      decided('Cień', 'Za mało drzew.', 'accepted', 'Posadzimy.'),
      { code: 'Y', sentAt: at, message: 'm', decided: undefined },
      decided('Cień', 'Za mało drzew.', 'accepted', 'Posadzimy.'),
      decided('Cień', 'Za mało drzew.', 'rejected', 'Nie ma miejsca.'),
      decided('Hałas', 'Dostawy nocą.'),
    ]);
    expect(items).toEqual([
      { topic: 'Cień', channel: 'form', count: 2, summary: 'Za mało drzew.', decision: 'accepted', justification: 'Posadzimy.' },
      { topic: 'Cień', channel: 'form', count: 1, summary: 'Za mało drzew.', decision: 'rejected', justification: 'Nie ma miejsca.' },
      { topic: 'Hałas', channel: 'form', count: 1, summary: 'Dostawy nocą.' },
    ]);
  });

  it('writes YAML the consultation schema accepts, quoting what YAML would misread', () => {
    const items = remarkItems([decided('Inne: różne', '=2+2 # nie komentarz', 'accepted', '- tak, bo: tak')]);
    const yaml = remarksYaml(items);
    expect(yaml.startsWith('remarks:\n')).toBe(true);
    expect(z.array(remark).parse((parse(yaml) as { remarks: unknown }).remarks)).toEqual(items);
    expect(remarksYaml([])).toBe('');
  });
});

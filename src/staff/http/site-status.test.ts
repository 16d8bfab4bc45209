import { describe, expect, it } from 'vitest';
import { siteStatusSection } from './site-status.ts';

const failure = { summary: 'Pole „Rok” musi być liczbą.', detail: 'year: expected number', file: 'src/content/programy/zepsuty.md', field: 'Rok', at: new Date('2026-11-30T12:00:00Z'), reason: 'zmiana pliku src/content/programy/zepsuty.md' };
const published = { at: new Date('2026-11-30T11:00:00Z'), durationMs: 5_000, reason: 'uruchomienie serwera' };

describe('the panel’s "Publikacja strony" section', () => {
  it('keeps saying the last build failed, and which file, while the next build runs', () => {
    const text = String(siteStatusSection({ state: 'building', published, failure }));
    expect(text).toContain('Ostatnie budowanie strony nie powiodło się');
    expect(text).toContain('src/content/programy/zepsuty.md');
    expect(text).toContain('Trwa budowanie nowej wersji strony.');
  });

  it('says nothing of a failure once a build has published', () => {
    const text = String(siteStatusSection({ state: 'published', published }));
    expect(text).not.toContain('nie powiodło się');
    expect(text).toContain('Strona w obecnej wersji opublikowana');
  });
});

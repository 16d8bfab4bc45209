import { describe, expect, it } from 'vitest';
import { withdrawnPage, withdrawQuestionPage } from './pages.ts';

describe('withdrawal pages of a programme no longer published', () => {
  it('name the code without putting a link text where the programme’s title was', () => {
    const done = withdrawnPage(undefined, 'YP72-28KJ', false);
    expect(done).toContain('Zgłoszenie <strong>YP72-28KJ</strong> jest wycofane.');
    expect(done).not.toContain('lista programów');
    const question = withdrawQuestionPage(undefined, 'YP72-28KJ', 'token');
    expect(question).toContain('Zgłoszenie <strong class="code">YP72-28KJ</strong>. Programu nie ma już na stronie.');
    expect(question).not.toContain('„');
  });
});

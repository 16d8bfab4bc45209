import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedHtml, unescapeHtml } from './html.ts';

/** Strings HTML can carry: no control characters other than tab, LF, FF and CR. */
const text = fc.string().filter((value) => !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(value));

describe('the HTML escaper and the html template', () => {
  it('escape every interpolated value but keep nested templates', () => {
    const name = `<script>alert("x")</script> & 'Łucja'`;
    const out = html`<p>${name}</p>${html`<b>${'ok'}</b>`}${[1, html`<i></i>`]}`.value;
    expect(out).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Łucja&#39;</p><b>ok</b>1<i></i>');
  });

  it('never let a value open a tag or leave an attribute', () => {
    fc.assert(
      fc.property(text, (value) => {
        const escaped = escapeHtml(value);
        expect(escaped).not.toMatch(/[<>"']/);
        const decoded = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' } as Record<string, string>;
        expect(escaped.replace(/&(lt|gt|quot|#39|amp);/g, (entity) => decoded[entity] ?? entity)).toBe(value);
      }),
    );
  });

  it('read back exactly what it escaped, leaving other entities alone', () => {
    fc.assert(fc.property(text, (value) => unescapeHtml(escapeHtml(value)) === value));
    expect(unescapeHtml('Zabłocie &amp;amp; &#8202;&nbsp;')).toBe('Zabłocie &amp; &#8202;&nbsp;');
  });

  it('replace control characters HTML may not carry (a NUL typed into a URL) with U+FFFD, keeping tab and newlines', () => {
    expect(escapeHtml('AB\u0000CD\u0007\u007F\t\n\r')).toBe('AB\uFFFDCD\uFFFD\uFFFD\t\n\r');
    expect(html`<p>${'kod\u0000'}</p>`.value).toBe('<p>kod\uFFFD</p>');
  });

  it('drop null and undefined, print numbers, and pass trusted markup through', () => {
    expect(html`${null}${undefined}${0}${trustedHtml('<br>')}${'<br>'}`.value).toBe('0<br>&lt;br&gt;');
  });
});

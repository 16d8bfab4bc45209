import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedHtml, unescapeHtml } from './html.ts';

describe('the HTML escaper and the html template', () => {
  it('escape every interpolated value but keep nested templates', () => {
    const name = `<script>alert("x")</script> & 'Łucja'`;
    const out = html`<p>${name}</p>${html`<b>${'ok'}</b>`}${[1, html`<i></i>`]}`.value;
    expect(out).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Łucja&#39;</p><b>ok</b>1<i></i>');
  });

  it('never let a value open a tag or leave an attribute', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const escaped = escapeHtml(value);
        expect(escaped).not.toMatch(/[<>"']/);
        const decoded = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' } as Record<string, string>;
        expect(escaped.replace(/&(lt|gt|quot|#39|amp);/g, (entity) => decoded[entity] ?? entity)).toBe(value);
      }),
    );
  });

  it('read back exactly what it escaped, leaving other entities alone', () => {
    fc.assert(fc.property(fc.string(), (value) => unescapeHtml(escapeHtml(value)) === value));
    expect(unescapeHtml('Zabłocie &amp;amp; &#8202;&nbsp;')).toBe('Zabłocie &amp; &#8202;&nbsp;');
  });

  it('drop null and undefined, print numbers, and pass trusted markup through', () => {
    expect(html`${null}${undefined}${0}${trustedHtml('<br>')}${'<br>'}`.value).toBe('0<br>&lt;br&gt;');
  });
});

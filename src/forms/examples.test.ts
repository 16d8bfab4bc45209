/**
 * Every example of the forms kit (examples.ts), rendered in both variants
 * (the public sign-up form, the staff panel), read back tag by tag: the
 * summary links to controls that exist, every aria reference resolves, each
 * mistake is shown once in the summary and once above its control, and
 * nothing typed can become markup.
 */
import { describe, expect, it } from 'vitest';
import { errorSummaryTitle } from './error-summary.ts';
import { examples, renderExample, type ExampleControl } from './examples.ts';
import { panelForm, publicForm, type FormVariant } from './variants.ts';
import { unescapeHtml } from '../lib/html.ts';

interface Element {
  tag: string;
  attrs: Record<string, string>;
  /** Where the start tag begins and ends in the markup. */
  start: number;
  end: number;
}

/** The start tags with their attributes (values unescaped), as a browser would read this markup. */
function parse(markup: string) {
  const elements: Element[] = [...markup.matchAll(/<([a-z0-9]+)((?:\s[^>]*)?)>/g)].map((m) => ({
    tag: m[1]!,
    attrs: Object.fromEntries([...m[2]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k!, unescapeHtml(v ?? '')])),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const byId = (id: string) => elements.find((e) => e.attrs['id'] === id);
  /** An element's text: what lies up to its closing tag, without tags, unescaped. */
  const text = (e: Element) => unescapeHtml(markup.slice(e.end, markup.indexOf(`</${e.tag}>`, e.end)).replace(/<[^>]+>/g, ''));
  return { elements, byId, text };
}

const variants: [string, FormVariant][] = [['the public form', publicForm], ['the panel', panelForm]];
const controlTags: Record<ExampleControl['kind'], string> = { text: 'input', textarea: 'textarea', select: 'select', checkbox: 'input' };
const classKinds: Record<ExampleControl['kind'], keyof FormVariant['classes']> = { text: 'input', textarea: 'textarea', select: 'select', checkbox: 'checkbox' };
const kitTags = new Set(['div', 'h2', 'h3', 'p', 'span', 'ul', 'li', 'a', 'form', 'label', 'input', 'select', 'option', 'textarea', 'button']);

describe.each(variants)('the forms kit in %s', (_, variant) => {
  describe.each(examples.map((example) => [example.name, example] as const))('%s', (_name, example) => {
    const { summary, form } = renderExample(example, variant);
    const markup = summary.value + form.value;
    const { elements, byId, text } = parse(markup);

    it('writes only its own tags: nothing typed becomes markup', () => {
      for (const e of elements) expect(kitTags, e.tag).toContain(e.tag);
      expect(markup).not.toMatch(/\son[a-z]+=|\sstyle=/i);
    });

    it('has unique ids, and every label, aria reference and summary link points at one', () => {
      const ids = elements.map((e) => e.attrs['id']).filter((id): id is string => id !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of elements) {
        const refs = [...(e.attrs['aria-describedby']?.split(' ') ?? []), ...(e.attrs['aria-labelledby']?.split(' ') ?? []), e.attrs['for'], e.attrs['href']?.replace(/^#/, '')];
        for (const ref of refs.filter((r): r is string => r !== undefined)) expect(ids, `${e.tag} → ${ref}`).toContain(ref);
      }
    });

    it('lists every mistake in a GOV.UK error summary, linking each to its control', () => {
      const id = example.summary?.id ?? variant.summaryId;
      if (example.errors.length === 0 && example.summary?.description === undefined) {
        expect(summary.value).toBe('');
        return;
      }
      const box = byId(id)!;
      expect(box.attrs).toMatchObject({ class: 'error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': `${id}-title` });
      expect('autofocus' in box.attrs).toBe(example.summary?.autofocus !== false);
      const heading = byId(`${id}-title`)!;
      expect(heading.tag).toBe(`h${variant.headingLevel}`);
      expect(text(heading)).toBe(example.summary?.title ?? errorSummaryTitle(example.errors.length));
      const description = elements.find((e) => e.tag === 'p' && e.start > heading.start && e.end <= summary.value.length);
      expect(description && text(description)).toBe(example.summary?.description);
      const items = elements.filter((e) => e.tag === 'li');
      expect(items.map(text)).toEqual(example.errors.map((e) => e.message));
      example.errors.forEach((error, i) => {
        const link = elements.find((e) => e.tag === 'a' && e.start > items[i]!.start && e.start < (items[i + 1]?.start ?? markup.length));
        if (error.field === '') {
          expect(link, error.message).toBeUndefined();
          return;
        }
        expect(link!.attrs['href']).toBe(`#${error.field}`);
        expect(['input', 'select', 'textarea'], error.field).toContain(byId(error.field)!.tag);
      });
    });

    it.each(example.controls.map((c) => [c.options.id, c] as const))('shows %s with its hint, its mistake above it and the value typed', (id, c) => {
      const control = byId(id)!;
      const error = example.errors.find((e) => e.field === id)?.message;
      const hint = 'hint' in c.options ? c.options.hint : undefined;
      expect(control.tag).toBe(controlTags[c.kind]);
      expect(control.attrs['name']).toBe(c.options.name);
      expect(elements.filter((e) => e.tag === 'label' && e.attrs['for'] === id)).toHaveLength(1);
      const describedBy = control.attrs['aria-describedby']?.split(' ') ?? [];
      expect(describedBy).toEqual([...(hint ? [`${id}-hint`] : []), ...(error ? [`${id}-error`] : [])]);
      if (hint) expect(text(byId(`${id}-hint`)!)).toBe(hint);
      const group = elements.filter((e) => e.tag === 'div' && e.attrs['class']?.startsWith('form-group') && e.start < control.start).at(-1)!;
      const classes = control.attrs['class']?.split(' ') ?? [];
      const expected = variant.classes[classKinds[c.kind]];
      if (expected) expect(classes).toContain(expected);
      if (error) {
        const message = byId(`${id}-error`)!;
        expect(message.tag).toBe('p');
        expect(message.attrs['class']).toBe('field-error');
        expect(text(message)).toBe(`Błąd: ${error}`);
        expect(markup.slice(message.end, message.end + 50)).toMatch(/^<span class="visually-hidden">Błąd:<\/span> /);
        expect(message.start).toBeGreaterThan(group.start);
        expect(message.start).toBeLessThan(control.start);
        expect(control.attrs['aria-invalid']).toBe('true');
        expect(group.attrs['class']).toBe('form-group form-group-error');
        if (c.kind !== 'checkbox') expect(classes).toContain('form-input-error');
      } else {
        expect(byId(`${id}-error`)).toBeUndefined();
        expect(control.attrs).not.toHaveProperty('aria-invalid');
        expect(group.attrs['class']).toBe('form-group');
        expect(classes).not.toContain('form-input-error');
      }
      if (c.kind === 'textarea') {
        // The parser drops the newline right after <textarea>; the value's own first line break survives.
        const content = markup.slice(control.end, markup.indexOf('</textarea>', control.end));
        expect(content).not.toMatch(/[<>"']/);
        expect(unescapeHtml(content)).toBe(`\n${c.options.value}`);
      } else if (c.kind === 'select') {
        const selected = elements.filter((e) => e.tag === 'option' && e.start > control.start && 'selected' in e.attrs && e.start < markup.indexOf('</select>', control.start));
        expect(selected.map((e) => e.attrs['value'])).toEqual(c.options.options.some((o) => o.value === c.options.value) ? [c.options.value] : []);
      } else {
        expect(control.attrs['value']).toBe(c.options.value);
        if (c.kind === 'checkbox') expect('checked' in control.attrs).toBe(c.options.checked);
      }
    });
  });
});

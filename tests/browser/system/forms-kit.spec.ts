/**
 * The forms kit's examples (src/forms/examples.ts) in Chromium, as GOV.UK
 * Frontend tests its components: every example rendered in both variants
 * (the public sign-up form, whose summary sits under the "Zapisy" h2; the
 * panel, whose summary comes first in <main>) on a page of its own with the
 * variant's stylesheets, then
 * - axe, with the tags the site's accessibility test uses, finds nothing;
 * - the summary has the focus on load (its autofocus; then the panel's script
 *   as the build ships it, src/panel/browser/panel.ts, focuses it too);
 * - each of its links moves the focus to its control and brings the control's
 *   label (a box's whole group) into view, though the form starts a screen
 *   lower (the shared behaviour, src/forms/browser/error-summary.ts).
 * No server: the pages are set as content.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { examples, renderExample, type FormExample } from '../../../src/forms/examples.ts';
import { panelForm, publicForm, type FormVariant } from '../../../src/forms/variants.ts';
import { bundlePanelScript } from '../../../src/panel/browser/integration.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const variants: [string, FormVariant, string[]][] = [
  ['the public form', publicForm, ['public/zapisy/zapisy.css']],
  ['the panel', panelForm, ['public/zapisy/zapisy.css', 'public/panel/panel.css']],
];

let script: string;
test.beforeAll(async () => {
  script = await bundlePanelScript(root);
});

/** A page as the variant's pages place the kit, with a screen of space before the form so following a link has to scroll. */
async function pageFor(example: FormExample, variant: FormVariant, stylesheets: string[]): Promise<string> {
  const css = (await Promise.all(stylesheets.map((path) => readFile(`${root}${path}`, 'utf8')))).join('\n');
  const { summary, form } = renderExample(example, variant);
  const spacer = '<div style="height: 120vh"></div>';
  const body = variant.headingLevel === 2
    ? `${summary.value}<h1>Formularz przykładowy</h1>${spacer}${form.value}`
    : `<h1>Program przykładowy</h1><section aria-labelledby="zapisy"><h2 id="zapisy">Zapisy</h2>${summary.value}${spacer}${form.value}</section>`;
  const title = `${example.errors.length > 0 ? 'Błąd: ' : ''}Formularz przykładowy — Wspólnie`;
  return `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${css}</style></head><body><main>${body}</main></body></html>`;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

for (const [label, variant, stylesheets] of variants) {
  test.describe(`the forms kit in ${label}`, () => {
    for (const example of examples) {
      test(example.name, async ({ page }) => {
        await page.setContent(await pageFor(example, variant, stylesheets));
        const results = await new AxeBuilder({ page } as never).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);

        const summaryId = example.summary?.id ?? variant.summaryId;
        const hasSummary = example.errors.length > 0 || example.summary?.description !== undefined;
        await expect(page.locator('.error-summary')).toHaveCount(hasSummary ? 1 : 0);
        if (example.summary?.autofocus !== false && hasSummary) await expect.poll(() => focusedId(page)).toBe(summaryId);

        await page.addScriptTag({ content: script });
        if (hasSummary) await expect.poll(() => focusedId(page)).toBe(summaryId);
        for (const error of example.errors.filter((e) => e.field !== '')) {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.locator(`.error-summary a[href="#${error.field}"]`).click();
          await expect.poll(() => focusedId(page), error.field).toBe(error.field);
          const control = page.locator(`#${error.field}`);
          const isCheckbox = (await control.getAttribute('type')) === 'checkbox';
          const shown = isCheckbox ? page.locator('.form-group', { has: control }) : page.locator(`label[for="${error.field}"]`);
          await expect(shown, error.field).toBeInViewport();
          await expect(page.locator(`#${error.field}-error`)).toHaveText(`Błąd: ${error.message}`);
          await expect(control).toHaveAccessibleDescription(new RegExp(`Błąd: ${error.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        }
      });
    }
  });
}

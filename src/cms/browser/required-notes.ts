/**
 * Decap CMS 3.x writes "(opcjonalne)" after the label of every field with
 * `required: false` and has no conditional requirement (decap-cms#565; the
 * `condition` option of decap-cms#7664 is not released). A field a rule may
 * require (Liczba miejsc in a lottery, Adres inside Miejsce) must stay
 * `required: false` for Decap, or it would refuse every entry that rightly
 * leaves it empty, so its label would call it optional. The generated config
 * gives such fields a `required_note` (src/cms/fields.ts, from the rules in
 * src/schemas); this script shows that note in place of "(opcjonalne)":
 * "Liczba miejsc (wymagane przy losowaniu i przy kolejności zgłoszeń)".
 * The hint under the field and the check before saving say the same rule.
 *
 * DOM contract (decap-cms-core EditorControl, 3.16): a field's control is a
 * container whose first child holds `<label for=…>Label<span> (opcjonalne)</span></label>`;
 * nested fields' containers sit inside their object's or list's container.
 */
import type { CollectionName } from '../../schemas/common.ts';
import { collectionFields } from '../config.ts';
import type { DecapField } from '../fields.ts';

const SEPARATOR = ' › ';

/**
 * The notes of one collection's fields, keyed by the labels from the entry
 * down to the field ("Zapisy › Liczba miejsc"); a list's item fields follow
 * the list's label.
 */
export function requiredNotesOf(fields: readonly DecapField[], above: readonly string[] = []): Map<string, string> {
  const notes = new Map<string, string>();
  for (const field of fields) {
    const labels = [...above, field.label];
    if (field.required_note) notes.set(labels.join(SEPARATOR), field.required_note);
    const inner = field['fields'] as DecapField[] | undefined;
    if (Array.isArray(inner)) for (const [key, note] of requiredNotesOf(inner, labels)) notes.set(key, note);
  }
  return notes;
}

const notesByCollection = new Map<string, Map<string, string>>();
function notesFor(collection: string): Map<string, string> | undefined {
  if (!notesByCollection.has(collection)) {
    try {
      notesByCollection.set(collection, requiredNotesOf(collectionFields(collection as CollectionName)));
    } catch {
      notesByCollection.set(collection, new Map());
    }
  }
  return notesByCollection.get(collection);
}

/** The label's own words, without the "(opcjonalne)" span. */
const ownText = (label: Element) => (label.firstChild?.nodeType === 3 ? label.firstChild.nodeValue ?? '' : label.textContent ?? '').trim();

/** The label of a field's container: its first child's `label[for]`. */
const containerLabel = (element: Element) => element.firstElementChild?.querySelector(':scope > label[for]') ?? null;

/** The labels from the entry down to this one, read from the containers around it. */
export function labelChain(label: Element): string[] {
  const chain = [ownText(label)];
  const own = label.parentElement?.parentElement ?? null;
  for (let element = own?.parentElement ?? null; element; element = element.parentElement) {
    const outer = containerLabel(element);
    if (outer && outer !== label) chain.unshift(ownText(outer));
  }
  return chain;
}

/** The collection of the editor on screen, from Decap's address (#/collections/<name>/new or /entries/<slug>). */
export const collectionOnScreen = (hash: string) => /^#\/collections\/([^/?]+)\/(?:new|entries\/)/.exec(hash)?.[1];

/**
 * Replaces "(opcjonalne)" by the field's note on every label under `root`
 * that has one; returns how many it changed. The span's text node is changed
 * in place, so React, which rendered it, keeps its own node.
 */
export function applyRequiredNotes(root: ParentNode, collection: string | undefined): number {
  const notes = collection ? notesFor(collection) : undefined;
  if (!notes || notes.size === 0) return 0;
  let changed = 0;
  for (const span of root.querySelectorAll('label[for] > span')) {
    const label = span.parentElement!;
    const text = span.firstChild;
    if (!text || text.nodeType !== 3) continue;
    const note = notes.get(labelChain(label).join(SEPARATOR));
    if (!note) continue;
    const wanted = ` (${note})`;
    if (text.nodeValue !== wanted) {
      text.nodeValue = wanted;
      changed += 1;
    }
  }
  return changed;
}

/** Keeps the notes on screen as Decap renders, opens and collapses fields. */
export function watchRequiredNotes(): void {
  const apply = () => applyRequiredNotes(document, collectionOnScreen(window.location.hash));
  new MutationObserver(apply).observe(document.body, { childList: true, subtree: true });
  window.addEventListener('hashchange', apply);
  apply();
}

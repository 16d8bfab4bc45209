/**
 * What a person can follow: a programme, a consultation, a district (or the
 * whole city) or a topic (a tag of the content). A target is written
 * `<kind>:<value>` in the database, the form and the public file; the value
 * is an id, a district value of src/data/districts.ts or 'city', or a tag
 * folded to lower case (tags are free text: "Zieleń" and "zieleń" are one).
 */
import { districts } from '../data/districts.ts';

export const targetKinds = ['programme', 'consultation', 'district', 'topic'] as const;
export type TargetKind = (typeof targetKinds)[number];

/** The shape every stored target has (the migration's CHECK says the same). */
export const targetPattern = /^(programme|consultation|district|topic):.{1,200}$/s;

/** Requests for a consultation concern one district or the whole city. */
export const cityDistrict = 'city';

/** The districts one may follow, with 'city' last. */
export const districtChoices: readonly { value: string; label: string }[] = [
  ...districts.options.map((o) => ({ value: o.value, label: o.label })),
  { value: cityDistrict, label: 'Całe miasto (sprawy ogólnomiejskie)' },
];

/** A tag as a topic: trimmed, spaces joined, lower case (Polish rules). */
export const topicOf = (tag: string) => tag.trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');

export const target = {
  programme: (id: string) => `programme:${id}`,
  consultation: (id: string) => `consultation:${id}`,
  district: (value: string) => `district:${value}`,
  topic: (tag: string) => `topic:${topicOf(tag)}`,
} as const;

/** The kind and value of a stored target, or undefined for anything else. */
export function parseTarget(text: string): { kind: TargetKind; value: string } | undefined {
  if (!targetPattern.test(text)) return undefined;
  const colon = text.indexOf(':');
  return { kind: text.slice(0, colon) as TargetKind, value: text.slice(colon + 1) };
}

/** The district's label, or undefined when the value is none of them. */
export const districtLabel = (value: string) => districtChoices.find((d) => d.value === value)?.label;

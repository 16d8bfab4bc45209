/** One choice of an enumeration: the stored value (English, stable) and its Polish label. */
export interface Option<V extends string = string> {
  value: V;
  label: string;
}

/**
 * Builds an enumeration once so that the zod schema (`values`), the pages
 * (`label`) and the CMS config (`options`) all read the same list.
 */
export function enumeration<const V extends string>(options: readonly Option<V>[]) {
  const values = options.map((o) => o.value) as [V, ...V[]];
  const labels = new Map<string, string>(options.map((o) => [o.value, o.label]));
  return {
    options,
    values,
    label(value: V): string {
      return labels.get(value) ?? value;
    },
  };
}

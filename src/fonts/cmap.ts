/**
 * The code points a font maps to a glyph, read from its `cmap` table.
 *
 * Source of the layout: the OpenType specification, "cmap — Character to
 * Glyph Index Mapping Table" (https://learn.microsoft.com/typography/opentype/spec/cmap)
 * and the table directory of "The OpenType Font File". Only the Unicode
 * subtables are read (platform 0; platform 3 encodings 1 and 10), format 12
 * preferred over format 4; glyph 0 (.notdef) counts as unmapped.
 */

/**
 * The code points `sfnt` (an uncompressed OpenType/TrueType font, not WOFF2)
 * maps to a glyph other than .notdef.
 *
 * @throws Error when the font has no cmap table, or no Unicode subtable of
 *   format 4 or 12.
 */
export function parseCmap(sfnt: Uint8Array): Set<number> {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  let cmap = -1;
  for (let i = 0, n = view.getUint16(4); i < n; i++) {
    const record = 12 + 16 * i;
    if (String.fromCharCode(...sfnt.subarray(record, record + 4)) === 'cmap') cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) throw new Error('fonts: no cmap table');
  let table = -1;
  let format = 0;
  for (let i = 0, n = view.getUint16(cmap + 2); i < n; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const offset = cmap + view.getUint32(record + 4);
    const f = view.getUint16(offset);
    if ((f === 12 && format !== 12) || (f === 4 && format === 0)) [table, format] = [offset, f];
  }
  const codepoints = new Set<number>();
  if (format === 12) {
    for (let g = 0, n = view.getUint32(table + 12); g < n; g++) {
      const group = table + 16 + 12 * g;
      const start = view.getUint32(group);
      const end = view.getUint32(group + 4);
      const glyph = view.getUint32(group + 8);
      for (let c = start; c <= end; c++) if (glyph + c - start !== 0) codepoints.add(c);
    }
  } else if (format === 4) {
    const segments = view.getUint16(table + 6) / 2;
    const ends = table + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const end = view.getUint16(ends + 2 * s);
      const start = view.getUint16(starts + 2 * s);
      const delta = view.getInt16(deltas + 2 * s);
      const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph = rangeOffset === 0 ? c : view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
        if (rangeOffset !== 0 && glyph === 0) continue;
        glyph = (glyph + delta) & 0xffff;
        if (glyph !== 0) codepoints.add(c);
      }
    }
  } else {
    throw new Error('fonts: no Unicode cmap subtable of format 4 or 12');
  }
  return codepoints;
}

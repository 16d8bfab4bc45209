/**
 * Shorter page names in Pagefind's metadata file, the one file every search
 * loads in full before its first query.
 *
 * Pagefind 1.x names each page by a hash of its content ("pl_1b6f87c": seven
 * random hex digits) and lists every page by that name in
 * `pagefind.<hash>.pf_meta`, gzip-compressed CBOR. Random digits do not
 * compress: at 50,000 pages that list alone is 323 kB, over the archive's
 * whole first-search budget (300 kB). Pagefind has no option for it (its
 * `maxFragments` adds a group name per page and makes the file larger).
 *
 * This step renames the pages to one index-wide tag and their position in
 * hexadecimal ("p_9f86d08100000", "p_9f86d08100001", …), in the metadata and
 * in the fragment file names (`fragment/<name>.pf_fragment`, the only other
 * place Pagefind's browser code uses them; index and filter files refer to
 * pages by position). Consecutive names differ in their last characters
 * only, so gzip stores most of each as a back-reference: 176 kB instead of
 * 323 kB at 50,000 entries (with the position first, 199 kB). The tag is a hash of the original metadata, which holds every
 * page's content hash, so a changed index never reuses a name for other
 * content: fragment files stay safe to cache as `immutable` (netlify.toml,
 * src/server/static-files.ts, whose pattern the names keep).
 *
 * It reads only the start of the CBOR it knows (Pagefind's `MetaIndex`:
 * version, then pages as [hash, word count, fragment group]) and copies
 * the rest as it is. Anything else, such as grouped fragments or another
 * layout, leaves the index untouched and says why.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const signature = 'pagefind_dcd';
// Renames at once: enough to keep the disk busy, few enough for the open-file limit.
const renameBatch = 256;

export type CompactOutcome = { compacted: true; pages: number; bytesBefore: number; bytesAfter: number } | { compacted: false; reason: string };

interface Head {
  major: number;
  value: number;
  /** Offset after the head. */
  end: number;
}

/** Reads a CBOR item head at `at` (RFC 8949 §3): major type and argument. Indefinite lengths are not expected here. */
function head(bytes: Uint8Array, at: number): Head {
  if (at >= bytes.length) throw new Error('koniec danych');
  const major = bytes[at]! >> 5;
  const info = bytes[at]! & 31;
  if (info < 24) return { major, value: info, end: at + 1 };
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
  if (size === 0 || at + 1 + size > bytes.length) throw new Error(`nieobsługiwany nagłówek CBOR ${bytes[at]}`);
  let value = 0;
  for (let i = 1; i <= size; i++) value = value * 256 + bytes[at + i]!;
  return { major, value, end: at + 1 + size };
}

/** A CBOR text string head for `length` bytes. */
function textHead(length: number): Buffer {
  if (length < 24) return Buffer.from([0x60 | length]);
  if (length < 256) return Buffer.from([0x78, length]);
  throw new Error('za długa nazwa');
}

/** Copies one item that holds no nested items (unsigned integer, text or byte string). */
function plainItem(bytes: Uint8Array, at: number): { end: number; text?: string } {
  const h = head(bytes, at);
  if (h.major === 0) return { end: h.end };
  if (h.major === 2 || h.major === 3) {
    const end = h.end + h.value;
    if (end > bytes.length) throw new Error('koniec danych');
    return { end, ...(h.major === 3 ? { text: Buffer.from(bytes.subarray(h.end, end)).toString('utf8') } : {}) };
  }
  throw new Error(`nieoczekiwany typ CBOR ${h.major}`);
}

/**
 * The metadata with its pages renamed (`rename(hash, position)` gives the new
 * name) and the old → new names, or the reason it was left alone.
 * `meta` is the uncompressed file (signature + CBOR).
 */
export function renamePages(meta: Uint8Array, newName: (position: number) => string): { meta: Buffer; names: [string, string][] } | { reason: string } {
  if (Buffer.from(meta.subarray(0, signature.length)).toString('latin1') !== signature) return { reason: 'brak sygnatury Pagefind' };
  try {
    const outer = head(meta, signature.length);
    if (outer.major !== 4 || outer.value < 2) return { reason: 'nieznany układ metadanych' };
    const version = plainItem(meta, outer.end);
    const pages = head(meta, version.end);
    if (pages.major !== 4) return { reason: 'nieznany układ listy stron' };
    const parts: Buffer[] = [Buffer.from(meta.subarray(0, pages.end))];
    const names: [string, string][] = [];
    let at = pages.end;
    for (let position = 0; position < pages.value; position++) {
      const page = head(meta, at);
      if (page.major !== 4 || page.value < 2 || page.value > 3) return { reason: 'nieznany układ strony' };
      const hash = plainItem(meta, page.end);
      if (hash.text === undefined) return { reason: 'nazwa strony nie jest tekstem' };
      let end = plainItem(meta, hash.end).end;
      if (page.value === 3) {
        const group = plainItem(meta, end);
        if (group.text !== '') return { reason: 'fragmenty w grupach (maxFragments)' };
        end = group.end;
      }
      const name = newName(position);
      names.push([hash.text, name]);
      parts.push(Buffer.from(meta.subarray(at, page.end)), textHead(Buffer.byteLength(name)), Buffer.from(name), Buffer.from(meta.subarray(hash.end, end)));
      at = end;
    }
    parts.push(Buffer.from(meta.subarray(at)));
    return { meta: Buffer.concat(parts), names };
  } catch (error) {
    return { reason: `nieczytelne metadane (${(error as Error).message})` };
  }
}

/** Renames the pages of the index in `outputPath` (one Pagefind bundle), in place. */
export async function compactPageIds(outputPath: string): Promise<CompactOutcome> {
  const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
  const languages = Object.values(entry.languages);
  if (languages.length !== 1) return { compacted: false, reason: `${languages.length} języki w indeksie` };
  const metaPath = join(outputPath, `pagefind.${languages[0]!.hash}.pf_meta`);
  const compressed = await readFile(metaPath);
  const meta = gunzipSync(compressed);
  const tag = createHash('sha256').update(meta).digest('hex').slice(0, 8);
  const renamed = renamePages(meta, (position) => `p_${tag}${position.toString(16).padStart(5, '0')}`);
  if ('reason' in renamed) return { compacted: false, reason: renamed.reason };
  for (let i = 0; i < renamed.names.length; i += renameBatch) {
    await Promise.all(
      renamed.names.slice(i, i + renameBatch).map(([from, to]) => rename(join(outputPath, 'fragment', `${from}.pf_fragment`), join(outputPath, 'fragment', `${to}.pf_fragment`))),
    );
  }
  const rewritten = gzipSync(renamed.meta, { level: 9 });
  await writeFile(metaPath, rewritten);
  return { compacted: true, pages: renamed.names.length, bytesBefore: compressed.length, bytesAfter: rewritten.length };
}

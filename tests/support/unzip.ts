/**
 * Just enough of the ZIP format (PKWARE APPNOTE 6.3) to open the function
 * archives Netlify's build writes (.netlify/functions/<name>.zip): stored and
 * deflated entries, Unix modes (a symbolic link is an entry whose mode says
 * so, its target the entry's data). No ZIP64, no encryption: an archive
 * using either is refused rather than misread.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated; a folder's ends with `/`. */
  name: string;
  /** Uncompressed bytes; for a symbolic link, its target. */
  data: Buffer;
  symlink: boolean;
}

const endOfCentralDirectory = 0x06054b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;

export function readZip(archive: Buffer): ZipEntry[] {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== endOfCentralDirectory) end--;
  if (end < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error('ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== centralHeader) throw new Error(`bad central directory header at ${offset}`);
    const flags = archive.readUInt16LE(offset + 8);
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const mode = archive.readUInt32LE(offset + 38) >>> 16;
    const local = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (flags & 1) throw new Error(`${name} is encrypted`);
    if (archive.readUInt32LE(local) !== localHeader) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(start, start + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method} is not supported`);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw), symlink: (mode & 0o170000) === 0o120000 });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Writes the entries under `folder`, symbolic links as links; refuses a path leaving it. */
export async function extractZip(archive: Buffer, folder: string): Promise<void> {
  for (const entry of readZip(archive)) {
    const target = normalize(join(folder, entry.name));
    if (!target.startsWith(normalize(folder + '/'))) throw new Error(`${entry.name} leaves the folder`);
    if (entry.name.endsWith('/')) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    if (entry.symlink) await symlink(entry.data.toString('utf8'), target);
    else await writeFile(target, entry.data);
  }
}

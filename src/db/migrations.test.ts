import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrationsDir, readMigrations } from './migrations.ts';

const root = mkdtempSync(join(tmpdir(), 'wspolnie-migrations-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the migrations folder', () => {
  it('is found beside the module, in order: 0001 (sign-ups), 0002 (withdrawal), 0003 (staff), 0004 (notices)', async () => {
    expect(migrationsDir()).toBe(defaultMigrationsDir);
    const names = (await readMigrations()).map((m) => `${m.version}_${m.name}`);
    expect(names.slice(0, 4)).toEqual(['0001_enrolment', '0002_withdrawal', '0003_staff', '0004_notices']);
    expect(names).toEqual([...names].sort());
  });

  it('reads a folder given by path, as a bundled function reads its task root (netlify.toml included_files)', async () => {
    mkdirSync(join(root, 'src/db/migrations'), { recursive: true });
    writeFileSync(join(root, 'src/db/migrations/0001_x.sql'), 'SELECT 1;');
    expect((await readMigrations(join(root, 'src/db/migrations'))).map((m) => m.version)).toEqual(['0001']);
  });
});

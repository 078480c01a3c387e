import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openContext } from '../../../src/main/context';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps the database file readable by this OS user only, even one created world-readable', async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-private-'));
  const dbPath = join(dir, 'copied.sqlite');
  writeFileSync(dbPath, '');
  chmodSync(dbPath, 0o644);
  const ctx = await openContext({ shell: 'cli', dataDir: dir, dbPath });
  try {
    expect(statSync(dbPath).mode & 0o777).toBe(0o600);
  } finally {
    await ctx.close();
  }
});

import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImportFile, type ReadOptions } from '../../../src/main/import';
import type { EventRecord, ParsedRecord } from '../../../src/main/import/types';

export const FIXTURES = join(__dirname, '../../fixtures/import');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** Reads a whole file; returns the reader (format, counts) and every record it yielded. */
export async function readAll(path: string, options: ReadOptions = {}) {
  const reader = await readImportFile(path, options);
  const records: ParsedRecord[] = [];
  for await (const record of reader) records.push(record);
  return { reader, records, events: records.filter((r): r is EventRecord => r.kind === 'event') };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mfa-import-'));
}

/** A copy of a fixture under another name (detection must not care). */
export function copyAs(name: string, as: string, dir = tempDir()): string {
  const target = join(dir, as);
  copyFileSync(fixture(name), target);
  return target;
}

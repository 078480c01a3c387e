import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../support/run-cli';
import { fixture } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-cli-import-'));
  process.env.MFA_CONSOLE_DATA_DIR = dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('mfa-console import', () => {
  it('answers the JSON shape of the issue, creating the workspace; a second run finds only duplicates', async () => {
    const ws = join(dir, 'q3.sqlite');
    const args = ['import', fixture('duo-auth-v2.json'), fixture('twilio-messages.csv'), '--db', ws, '--json'];
    const first = await cli(args);
    expect(first.code).toBe(0);
    const value = first.json<{ ok: true; value: Record<string, unknown> }>().value;
    expect(Object.keys(value)).toEqual(['files', 'imported', 'duplicates']);
    const files = value.files as Record<string, unknown>[];
    expect(Object.keys(files[0])).toEqual([
      'path',
      'format',
      'records',
      'imported',
      'duplicates',
      'rejected',
      'byType',
    ]);
    expect(files.map((f) => f.format)).toEqual(['duo-auth-v2-json', 'twilio-messages-csv']);
    const again = (await cli(args)).json<{ value: { imported: number; duplicates: number } }>().value;
    expect(again).toMatchObject({ imported: 0, duplicates: value.imported });
  });

  it('a bad record exits non-zero with IMPORT_INVALID, the file, line and column', async () => {
    const run = await cli([
      'import',
      fixture('broken/twilio-wrong-field-count.csv'),
      '--db',
      join(dir, 'w.sqlite'),
      '--json',
    ]);
    expect(run.code).toBe(1);
    const error = run.json<{ ok: false; error: { code: string; message: string; details: Record<string, unknown> } }>()
      .error;
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.details).toMatchObject({ file: 'twilio-wrong-field-count.csv', line: expect.any(Number) });
    expect(error.message).toContain(`line ${String(error.details.line)}`);
    // The workspace did not exist: none is left, nor the file it was being built in.
    expect(readdirSync(dir).filter((name) => name.includes('w.sqlite'))).toEqual([]);
  });

  it('refuses the live database as a workspace, and lists the formats', async () => {
    const live = await cli(['import', fixture('duo-auth-v2.json'), '--db', join(dir, 'mfa-console.sqlite'), '--json']);
    expect(live.json<{ error: { code: string } }>().error.code).toBe('WORKSPACE_IS_LIVE');
    const formats = await cli(['import', 'formats', '--json']);
    expect(formats.json<{ value: { id: string }[] }>().value).toHaveLength(13);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/run-cli';
import { MIGRATIONS } from '../../../src/main/db/migrations';

const dir = mkdtempSync(join(tmpdir(), 'mfa-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mfa-console info and migrate', () => {
  it('migrate creates the database and reports what it applied, then that it is up to date', async () => {
    const db = join(dir, 'fresh.sqlite');
    const first = await cli(['migrate', '--db', db, '--json']);
    expect(first.code).toBe(0);
    expect(first.json<{ value: { applied: string[]; schemaVersion: number } }>().value.applied).toHaveLength(
      MIGRATIONS.length,
    );
    const second = await cli(['migrate', '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is up to date');
  });

  it('info --json prints valid JSON with the schema version and counts', async () => {
    const db = join(dir, 'info.sqlite');
    const run = await cli(['info', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const body = run.json<{ ok: boolean; value: { dbPath: string; schemaVersion: number; counts: object } }>();
    expect(body.ok).toBe(true);
    expect(body.value.dbPath).toBe(db);
    expect(body.value.schemaVersion).toBe(MIGRATIONS.length);
    expect(body.value.counts).toEqual({ users: 0, staff: 0, events: 0 });
  });

  it('info prints aligned human text without --json', async () => {
    const run = await cli(['info', '--db', join(dir, 'human.sqlite')]);
    expect(run.stdout).toMatch(/^Schema version +\d+ \(/m);
  });

  it('fails with a non-zero exit and one line naming the file it could not open', async () => {
    const run = await cli(['info', '--db', dir]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`Cannot open the database ${dir}`);
  });

  it('under --json a failure is the error envelope on stdout', async () => {
    const run = await cli(['info', '--db', dir, '--json']);
    expect(run.code).not.toBe(0);
    expect(run.json<{ ok: boolean; error: { code: string } }>()).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_UNAVAILABLE' },
    });
  });
});

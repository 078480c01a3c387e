import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliProcess } from '../../support/processes';
import { cliSignIn } from '../../support/cli-sign-in';
import { ADA } from '../../support/operators';

const CLI = resolve(__dirname, '../../../bin/mfa-console.cjs');
let dir: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-interrupt-'));
  db = join(dir, 'mfa-console.sqlite');
  // This test's terminal: its session file lives here, never in the user's own data directory.
  process.env.MFA_CONSOLE_DATA_DIR = dir;
});

/** The administrator at this terminal, signed in: a seed and a write need an operator. */
const signedIn = () => cliSignIn(db, ADA, { bootstrap: true, dataDir: dir });
const counts = () => sql('SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM events) AS events');
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sql<T>(query: string): Promise<T[]> {
  return new Promise((resolvePromise, reject) => {
    const connection = new Sqlite(db);
    connection.all(query, (error, rows) => {
      connection.close();
      if (error) reject(error);
      else resolvePromise(rows as T[]);
    });
  });
}

const eventIndexes = async () =>
  (
    await sql<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name`,
    )
  ).map((row) => row.name);

/** Waits (without a fixed sleep) until the seed has written a few MB of its transaction. */
async function whenWriting(wal: string, bytes: number): Promise<void> {
  for (;;) {
    if (existsSync(wal) && statSync(wal).size > bytes) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a seed that is killed or interrupted', () => {
  for (const signal of ['SIGKILL', 'SIGINT'] as const) {
    it(`leaves the database as it was, every index in place (${signal})`, async () => {
      await signedIn();
      const before = await eventIndexes();
      const stored = await counts();
      expect(before.length).toBeGreaterThanOrEqual(7);
      const seed = spawn(process.execPath, [CLI, 'seed', '--users', '2000', '--events', '300000', '--db', db], {
        stdio: 'ignore',
      });
      const exited = new Promise((r) => seed.once('exit', r));
      await whenWriting(`${db}-wal`, 8 * 1024 * 1024);
      seed.kill(signal);
      await exited;

      expect(await eventIndexes()).toEqual(before);
      expect(await counts()).toEqual(stored);
      const migrate = await runCliProcess(['migrate', '--db', db, '--json']);
      expect(JSON.parse(migrate.stdout)).toMatchObject({ ok: true, value: { applied: [], repaired: [] } });
    }, 120_000);
  }
});

describe('an export that is killed', () => {
  it('leaves a hidden .part file with its rows, which the next start removes', async () => {
    await signedIn();
    expect((await runCliProcess(['seed', '--users', '300', '--events', '200000', '--db', db])).code).toBe(0);
    const out = join(dir, 'all.csv');
    const temp = join(dir, '.all.csv.part');
    const exporter = spawn(process.execPath, [CLI, 'events', 'export', '--format', 'csv', '--out', out, '--db', db], {
      env: { ...process.env, MFA_CONSOLE_DATA_DIR: dir },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => exporter.once('exit', r));
    await whenWriting(temp, 1024 * 1024);
    exporter.kill('SIGKILL');
    await exited;
    expect(existsSync(temp)).toBe(true);
    expect(existsSync(out)).toBe(false);

    const info = await runCliProcess(['info', '--db', db], { MFA_CONSOLE_DATA_DIR: dir });
    expect(info.code).toBe(0);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});

describe('a database an older build damaged', () => {
  it('migrate reports the lost indexes and rebuilds them; the next start finds nothing to repair', async () => {
    expect((await runCliProcess(['migrate', '--db', db])).code).toBe(0);
    const all = await eventIndexes();
    // What an older build left after a killed seed: only the time index.
    for (const name of all.filter((n) => n !== 'idx_events_time')) await sql(`DROP INDEX ${name}`);
    const migrate = await runCliProcess(['migrate', '--db', db]);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('The schema was damaged');
    expect(migrate.stdout).toContain('idx_events_user_time');
    expect(await eventIndexes()).toEqual(all);
    const again = await runCliProcess(['migrate', '--db', db]);
    expect(again.stdout).not.toContain('damaged');
  }, 60_000);

  it('any start rebuilds lost indexes before the console is used', async () => {
    expect((await runCliProcess(['migrate', '--db', db])).code).toBe(0);
    const all = await eventIndexes();
    await sql('DROP INDEX idx_events_type_time');
    expect((await runCliProcess(['info', '--db', db])).code).toBe(0);
    expect(await eventIndexes()).toEqual(all);
  }, 60_000);

  it('a lost table is reported as damage that cannot be repaired, naming it', async () => {
    expect((await runCliProcess(['migrate', '--db', db])).code).toBe(0);
    await sql('DROP TABLE saved_event_filters');
    const migrate = await runCliProcess(['migrate', '--db', db, '--json']);
    expect(migrate.code).not.toBe(0);
    expect(JSON.parse(migrate.stdout).error).toMatchObject({ code: 'SCHEMA_DAMAGED' });
    expect(JSON.parse(migrate.stdout).error.message).toContain('saved_event_filters');
  }, 60_000);
});

describe('a database from a newer version', () => {
  it('is refused for writes, saying which version it needs; reads still work', async () => {
    await signedIn();
    const stored = await counts();
    await sql(`INSERT INTO migrations (timestamp, name) VALUES (1899999999999, 'FutureThing1899999999999')`);
    await sql(
      `INSERT INTO schema_migration_versions (name, app_version, applied_at) VALUES ('FutureThing1899999999999', '3.1.0', 0)`,
    );
    const migrate = await runCliProcess(['migrate', '--db', db, '--json']);
    expect(migrate.code).not.toBe(0);
    const error = JSON.parse(migrate.stdout).error;
    expect(error.code).toBe('SCHEMA_TOO_NEW');
    expect(error.message).toContain('MFA Support Console 3.1.0 or newer');
    expect(error.message).toContain('FutureThing1899999999999');

    const add = await runCliProcess([
      'users',
      'add',
      '--reason',
      'New starter',
      '--name',
      'Ann',
      '--email',
      'ann@example.com',
      '--role',
      'employee',
      '--db',
      db,
    ]);
    expect(add.code).not.toBe(0);
    expect(add.stderr).toMatch(/^mfa-console: SCHEMA_TOO_NEW: .*3\.1\.0 or newer/);
    expect(await counts()).toEqual(stored);

    const info = await runCliProcess(['info', '--db', db, '--json']);
    expect(info.code).toBe(0);
  }, 60_000);
});

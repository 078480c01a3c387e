import { afterEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase, schemaState } from '../../../src/main/db/data-source';
import { MIGRATIONS } from '../../../src/main/db/migrations';

let dataSource: DataSource | undefined;
afterEach(async () => {
  await dataSource?.destroy();
  dataSource = undefined;
});

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await ds.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  return rows.map((r) => r.name);
}

describe('the migration chain', () => {
  it('builds every core table on an empty database and records each migration', async () => {
    dataSource = await openDatabase({ path: ':memory:' });
    const names = await tables(dataSource);
    for (const table of [
      'users',
      'verification_sessions',
      'verification_attempts',
      'backup_codes',
      'trusted_devices',
      'events',
      'settings',
    ]) {
      expect(names).toContain(table);
    }
    const state = await schemaState(dataSource);
    expect(state.schemaVersion).toBe(MIGRATIONS.length);
    expect(state.pending).toEqual([]);
    expect(state.latestMigration).toBe(new MIGRATIONS[MIGRATIONS.length - 1]().name);
  });

  it('reverts the whole chain and applies it again', async () => {
    dataSource = await openDatabase({ path: ':memory:' });
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables(dataSource)).toEqual(['migrations']);
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await schemaState(dataSource)).schemaVersion).toBe(MIGRATIONS.length);
  });

  it('reports pending migrations on a database opened without migrating', async () => {
    dataSource = await openDatabase({ path: ':memory:', migrate: false });
    const state = await schemaState(dataSource);
    expect(state.schemaVersion).toBe(0);
    expect(state.pending).toHaveLength(MIGRATIONS.length);
  });

  it('splits the old caller_verified events into passed and failed checks, counts included', async () => {
    dataSource = await openDatabase({ path: ':memory:' });
    // Back to just before the split (and any migration after it).
    const split = MIGRATIONS.findIndex((m) => new m().name === 'Approvals1795410000000');
    for (let i = split; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const day = 86_400_000;
    for (const [at, result] of [
      [day + 1, 'passed'],
      [day + 2, 'failed'],
      [2 * day, 'passed'],
    ] as const) {
      await dataSource.query(
        `INSERT INTO events (occurred_at, type, actor, details) VALUES (?, 'caller_verified', 'tim@example.com', ?)`,
        [at, JSON.stringify({ result })],
      );
    }
    await dataSource.query(`INSERT INTO event_daily_counts (day, type, carrier, country, provider_code, n)
      VALUES (1, 'caller_verified', '', '', '', 2), (2, 'caller_verified', '', '', '', 1)`);
    await dataSource.runMigrations({ transaction: 'each' });
    const types = await dataSource.query(`SELECT type FROM events ORDER BY id`);
    expect(types.map((t: { type: string }) => t.type)).toEqual([
      'caller_check_passed',
      'caller_check_failed',
      'caller_check_passed',
    ]);
    const counts = await dataSource.query(`SELECT day, type, n FROM event_daily_counts ORDER BY day, type`);
    expect(counts).toEqual([
      { day: 1, type: 'caller_check_failed', n: 1 },
      { day: 1, type: 'caller_check_passed', n: 1 },
      { day: 2, type: 'caller_check_passed', n: 1 },
    ]);
    // And the log is append-only again.
    await expect(dataSource.query(`UPDATE events SET type = 'wrong_code'`)).rejects.toThrow(/append-only/);
  });

  it('keeps the event log append-only', async () => {
    dataSource = await openDatabase({ path: ':memory:' });
    await dataSource.query(`INSERT INTO events (occurred_at, type) VALUES (1, 'account_lock')`);
    await expect(dataSource.query(`UPDATE events SET type = 'wrong_code'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM events`)).rejects.toThrow(/append-only/);
  });

  it('refuses a second user with the same email in another case', async () => {
    dataSource = await openDatabase({ path: ':memory:' });
    const insert = `INSERT INTO users (name, email, role, created_at, updated_at) VALUES ('A', ?, 'employee', 0, 0)`;
    await dataSource.query(insert, ['ann@example.com']);
    await expect(dataSource.query(insert, ['ANN@example.com'])).rejects.toThrow(/UNIQUE/);
  });
});

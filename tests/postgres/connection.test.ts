import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaState } from '../../src/main/db/data-source';
import { DomainError } from '../../src/main/core/domain-error';
import { freePort } from '../support/postgres-server';
import { testDatabase } from '../support/test-database';
import { POSTGRES_MIGRATIONS } from '../../src/main/db/postgres/migrations';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'opened';
}

describe('a team database on PostgreSQL', () => {
  const opened: { destroy(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(opened.map((ds) => ds.destroy())));

  it('is migrated by the PostgreSQL chain, with nothing pending', async () => {
    const ds = await openDatabase({ path: await testDatabase() });
    opened.push(ds);
    const state = await schemaState(ds);
    expect(state.pending).toEqual([]);
    expect(state.latestMigration).toBe(POSTGRES_MIGRATIONS.at(-1)?.name);
  });

  it('runs no parallel workers on any of its connections, set after connecting (poolers refuse startup options)', async () => {
    const ds = await openDatabase({ path: await testDatabase() });
    opened.push(ds);
    // Four held at once: each its own pooled connection.
    const runners = [1, 2, 3, 4].map(() => ds.createQueryRunner());
    try {
      for (const runner of runners) await runner.connect();
      const answers = [];
      for (const runner of runners) {
        const [row] = (await runner.query(
          `SELECT current_setting('max_parallel_workers_per_gather') AS workers, pg_backend_pid() AS pid`,
        )) as { workers: string; pid: number }[];
        answers.push(row);
      }
      expect(new Set(answers.map((row) => row.pid)).size).toBe(4);
      expect(answers.map((row) => row.workers)).toEqual(['0', '0', '0', '0']);
    } finally {
      for (const runner of runners) await runner.release();
    }
  });

  it('two consoles starting together on a new database migrate it once', async () => {
    const url = await testDatabase();
    const empty = url.replace(/\/[^/]+$/, `/mfa_empty_${process.pid}`);
    const admin = await openDatabase({ path: url });
    opened.push(admin);
    await admin.query(`CREATE DATABASE mfa_empty_${process.pid}`);
    const both = await Promise.all([openDatabase({ path: empty }), openDatabase({ path: empty })]);
    opened.push(...both);
    const rows: { n: number }[] = await both[0].query('SELECT COUNT(*) AS n FROM migrations');
    expect(rows[0].n).toBe(POSTGRES_MIGRATIONS.length);
    expect((await schemaState(both[1])).pending).toEqual([]);
  });

  it('says which part of the address is wrong, never with the password in it', async () => {
    const url = new URL(await testDatabase());
    const wrongPassword = new URL(url);
    wrongPassword.password = 'not-the-password';
    const auth = await codeOf(openDatabase({ path: wrongPassword.toString() }));
    expect(auth).toMatch(/^DATABASE_AUTH_FAILED: .*refused the user name or password/);
    expect(auth).not.toContain('not-the-password');

    const missing = new URL(url);
    missing.pathname = '/no_such_database';
    expect(await codeOf(openDatabase({ path: missing.toString() }))).toMatch(/^DATABASE_MISSING: .*does not exist/);

    const unreachable = new URL(url);
    unreachable.port = String(await freePort());
    expect(await codeOf(openDatabase({ path: unreachable.toString() }))).toMatch(
      /^DATABASE_UNREACHABLE: .*ECONNREFUSED/,
    );
  });
});

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { openContext, type AppContext } from '../../src/main/context';
import { FakeClock } from '../../src/main/core/clock';
import { openDatabase } from '../../src/main/db/data-source';
import { Database } from '../../src/main/db/database';
import { COPY_PROGRESS_KEY } from '../../src/main/transfer/copy-database';
import { bootstrapAdmin } from '../support/operators';
import { runCliProcess } from '../support/processes';
import { testDatabase } from '../support/test-database';

/**
 * `mfa-console db copy` as its own process: killed with SIGKILL in the middle of the events it
 * leaves whole batches and a progress record, and the next run finishes with every count equal and
 * no event twice; a source the copy cannot read as it is (missing, older schema) is refused and
 * left exactly as it was.
 */
const CLI = resolve(__dirname, '../../bin/mfa-console.cjs');
const NOW = Date.UTC(2026, 10, 20, 12);
const dir = mkdtempSync(join(tmpdir(), 'mfa-copy-kill-'));
const file = join(dir, 'desk.sqlite');
let local: AppContext;

beforeAll(async () => {
  local = await openContext({ shell: 'cli', dataDir: join(dir, 'desk'), dbPath: file, clock: new FakeClock(NOW) });
  const ada = await bootstrapAdmin(createApi(local), local);
  await ada.value('loadDemoData', { users: 200, events: 20_000, seed: 5 });
}, 120_000);
afterAll(async () => {
  await local?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The URL without its password (the command refuses one) and the environment that supplies it. */
function commandLine(url: string): { bare: string; env: Record<string, string> } {
  const password = decodeURIComponent(new URL(url).password);
  return {
    bare: url.replace(/:[^:@/]+@/, '@'),
    env: { MFA_CONSOLE_DATA_DIR: join(dir, 'cli'), PGPASSWORD: password },
  };
}

/** Starts the copy and kills it with SIGKILL once it has committed its first batch of events. */
async function killDuringEvents(bare: string, env: Record<string, string>): Promise<string[]> {
  const child = spawn(process.execPath, [CLI, 'db', 'copy', '--from', file, '--to', bare, '--progress', '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seen: string[] = [];
  let buffered = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.stderr.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const table = (JSON.parse(line) as { progress: { table: string } }).progress.table;
      seen.push(table);
      if (table === 'events') child.kill('SIGKILL');
    }
  });
  await exited;
  return seen;
}

/** A copy of the desk's file at `path`, changed by `edit` (opened without migrating). */
async function copyOfTheDesk<T>(path: string, edit: (db: Database) => Promise<T>): Promise<T> {
  await local.db.query('PRAGMA wal_checkpoint(TRUNCATE)');
  copyFileSync(file, path);
  const db = new Database(await openDatabase({ path, migrate: false }));
  try {
    return await edit(db);
  } finally {
    await db.close();
  }
}

describe('db copy, a process', () => {
  it('killed with SIGKILL in the middle of the events: the next run finishes it, every count equal, no event twice', async () => {
    const url = await testDatabase();
    const { bare, env } = commandLine(url);
    const seen = await killDuringEvents(bare, env);
    expect(seen).toContain('events');

    const team = new Database(await openDatabase({ path: url }));
    try {
      const [{ n: partial }] = await team.query<{ n: number }>('SELECT COUNT(*) AS n FROM events');
      // Whole batches of 500 only, and not all 20,000 of them.
      expect(Number(partial) % 500).toBe(0);
      expect(Number(partial)).toBeLessThan(20_000);
      const progress = await team.query<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
        COPY_PROGRESS_KEY,
      ]);
      expect(progress).toHaveLength(1);

      const resumed = await runCliProcess(['db', 'copy', '--from', file, '--to', bare, '--json'], env);
      const answer = JSON.parse(resumed.stdout) as {
        ok: boolean;
        value: { resumed: boolean; tables: { table: string; source: number; target: number }[] };
      };
      expect(answer.ok).toBe(true);
      expect(answer.value.resumed).toBe(true);
      for (const t of answer.value.tables) expect(t.target, t.table).toBe(t.source);

      const ids = async (db: Database) =>
        (
          await db.query<{ n: number; distinct: number; total: string }>(
            'SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS "distinct", SUM(id) AS total FROM events',
          )
        ).map((r) => [Number(r.n), Number(r.distinct), String(r.total)]);
      expect(await ids(team)).toEqual(await ids(local.db));
      expect(await team.query('SELECT value FROM settings WHERE key = ?', [COPY_PROGRESS_KEY])).toHaveLength(0);
    } finally {
      await team.close();
    }
  }, 180_000);

  it('refuses a source file that is not there, and creates none', async () => {
    const { bare, env } = commandLine(await testDatabase());
    const missing = join(dir, 'not-there.sqlite');
    const run = await runCliProcess(['db', 'copy', '--from', missing, '--to', bare, '--json'], env);
    expect(JSON.parse(run.stdout).error.code).toBe('DATABASE_NOT_FOUND');
    expect(existsSync(missing)).toBe(false);
  }, 60_000);

  it('refuses a source at an older schema without migrating it: the source keeps its schema', async () => {
    const older = join(dir, 'older.sqlite');
    // As a file an older build wrote looks: the newest migration not applied yet.
    const newest = await copyOfTheDesk(older, async (db) => {
      const [row] = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
      await db.query('DELETE FROM migrations WHERE name = ?', [row.name]);
      return row;
    });

    const { bare, env } = commandLine(await testDatabase());
    const run = await runCliProcess(['db', 'copy', '--from', older, '--to', bare, '--json'], env);
    const answer = JSON.parse(run.stdout) as { ok: boolean; error: { code: string; message: string } };
    expect(answer.error.code).toBe('SOURCE_SCHEMA_OLDER');
    expect(answer.error.message).toContain('mfa-console migrate --db');

    const after = new Database(await openDatabase({ path: older, migrate: false }));
    try {
      expect(await after.query('SELECT name FROM migrations WHERE name = ?', [newest.name])).toHaveLength(0);
    } finally {
      await after.close();
    }
  }, 60_000);

  it('refuses a source a newer version upgraded, saying which version to install, and copies nothing', async () => {
    const newer = join(dir, 'newer.sqlite');
    await copyOfTheDesk(newer, (db) =>
      db.query(`INSERT INTO migrations (timestamp, name) VALUES (1899999999999, 'FromTheFuture1899999999999')`),
    );

    const url = await testDatabase();
    const { bare, env } = commandLine(url);
    const run = await runCliProcess(['db', 'copy', '--from', newer, '--to', bare, '--json'], env);
    const answer = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('SCHEMA_TOO_NEW');
    expect(answer.error.message).toContain('Nothing was copied');
    const team = new Database(await openDatabase({ path: url }));
    try {
      expect(Number((await team.query<{ n: number }>('SELECT COUNT(*) AS n FROM users'))[0].n)).toBe(0);
    } finally {
      await team.close();
    }
  }, 60_000);
});

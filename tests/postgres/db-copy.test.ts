import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { openContext, type AppContext } from '../../src/main/context';
import { FakeClock } from '../../src/main/core/clock';
import { openDatabase } from '../../src/main/db/data-source';
import { Database } from '../../src/main/db/database';
import { queryEvents } from '../../src/main/events/query';
import { COPIED_TABLES, copyDatabase } from '../../src/main/transfer/copy-database';
import { bootstrapAdmin, signIn } from '../support/operators';
import { runCliProcess } from '../support/processes';
import { testDatabase } from '../support/test-database';

/**
 * `mfa-console db copy`: a console's local file moved into an empty team database, interrupted and
 * resumed, verified table by table; the copy works as the console (sign-in, search, new ids), and a
 * team database copies back into a local snapshot.
 */
const NOW = Date.UTC(2026, 10, 20, 12);
const dir = mkdtempSync(join(tmpdir(), 'mfa-copy-'));
const file = join(dir, 'desk.sqlite');
let local: AppContext;

beforeAll(async () => {
  local = await openContext({ shell: 'cli', dataDir: join(dir, 'desk'), dbPath: file, clock: new FakeClock(NOW) });
  const api = createApi(local);
  const ada = await bootstrapAdmin(api, local);
  await ada.value('loadDemoData', { users: 120, events: 3000, seed: 11 });
  await ada.value('savedFilterSave', { name: 'Carrier failures', filters: { types: ['sms_failure'] } });
  const [first] = await local.db.query<{ id: number }>('SELECT id FROM events ORDER BY id LIMIT 1');
  await ada.value('eventStar', { id: Number(first.id), starred: true });
  await ada.value('eventTagsSet', { id: Number(first.id), tags: ['evidence'] });
}, 120_000);
afterAll(async () => {
  await local?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowsOf = async (db: Database, filters: object) =>
  (await queryEvents(db, { filters, limit: 50 })).rows.map((r) => [r.id, r.type, r.starred, r.tags]);

describe('db copy', () => {
  it('moves a local database into a team database: interrupted, resumed, every count equal, and it works as the console', async () => {
    const url = await testDatabase();
    const target = new Database(await openDatabase({ path: url }));
    try {
      const interrupted = await copyDatabase(local.db, target, {
        sourceName: file,
        targetName: 'the team database',
        stopAfterBatches: 4,
      }).catch((error: { code: string }) => error.code);
      expect(interrupted).toBe('COPY_INTERRUPTED');
      const partly = Number((await target.query<{ n: number }>('SELECT COUNT(*) AS n FROM events'))[0].n);
      const all = Number((await local.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM events'))[0].n);
      expect(partly).toBeLessThan(all);

      const done = await copyDatabase(local.db, target, { sourceName: file, targetName: 'the team database' });
      expect(done.resumed).toBe(true);
      for (const t of done.tables) expect(t.target, t.table).toBe(t.source);
      expect(done.tables.find((t) => t.table === 'events')?.target).toBe(all);
      // Search, filters and annotations read the same from the copy.
      for (const filters of [
        {},
        { search: 'sms' },
        { starred: true },
        { tags: ['evidence'] },
        { types: ['sms_failure'] },
      ]) {
        expect(await rowsOf(target, filters), JSON.stringify(filters)).toEqual(await rowsOf(local.db, filters));
      }
      // A second copy into it is refused: it is no longer empty.
      const again = await copyDatabase(local.db, target, { sourceName: file, targetName: 'it' }).catch(
        (error: { code: string }) => error.code,
      );
      expect(again).toBe('COPY_TARGET_NOT_EMPTY');
    } finally {
      await target.close();
    }

    // The console on the copy: Ada signs in with her password, and a new user gets a new id.
    const team = await openContext({
      shell: 'cli',
      dataDir: join(dir, 'team'),
      dbPath: url,
      clock: new FakeClock(NOW + 60_000),
    });
    try {
      const api = createApi(team);
      const ada = await signIn(api, team, 'ada@example.com');
      const added = await ada.value<{ user: { id: number } }>('addUser', {
        name: 'New Starter',
        email: 'new.starter@example.com',
        role: 'employee',
        reason: 'Joined after the move',
      });
      const [max] = await local.db.query<{ id: number }>('SELECT MAX(id) AS id FROM users');
      expect(added.user.id).toBe(Number(max.id) + 1);
      const saved = await ada.value<{ name: string }[]>('savedFiltersList');
      expect(saved.map((f) => f.name)).toContain('Carrier failures');
    } finally {
      await team.close();
    }
  }, 180_000);

  it('copies a team database back into a local snapshot, every table equal', async () => {
    const url = await testDatabase();
    const team = new Database(await openDatabase({ path: url }));
    const snapshotFile = join(dir, 'snapshot.sqlite');
    const snapshot = new Database(await openDatabase({ path: snapshotFile }));
    try {
      await copyDatabase(local.db, team, { sourceName: file, targetName: 'team' });
      const back = await copyDatabase(team, snapshot, { sourceName: 'team', targetName: snapshotFile });
      for (const t of back.tables) expect(t.target, t.table).toBe(t.source);
      expect(await rowsOf(snapshot, { search: 'sms' })).toEqual(await rowsOf(local.db, { search: 'sms' }));
      expect(back.tables.map((t) => t.table)).toEqual(COPIED_TABLES.map((t) => t.table));
    } finally {
      await team.close();
      await snapshot.close();
    }
  }, 180_000);

  it('the command: --to without a password (PGPASSWORD supplies it) copies; a password on the command line is refused', async () => {
    const url = await testDatabase();
    const password = decodeURIComponent(new URL(url).password);
    const bare = url.replace(/:[^:@/]+@/, '@');
    const env = { MFA_CONSOLE_DATA_DIR: join(dir, 'cli'), PGPASSWORD: password };
    const refused = await runCliProcess(['db', 'copy', '--from', file, '--to', url, '--json'], env);
    expect(JSON.parse(refused.stdout).error.code).toBe('DATABASE_URL_HAS_PASSWORD');
    const run = await runCliProcess(['db', 'copy', '--from', file, '--to', bare, '--json'], env);
    const answer = JSON.parse(run.stdout) as {
      ok: boolean;
      value: { to: string; tables: { table: string; target: number }[] };
    };
    expect(answer.ok).toBe(true);
    expect(answer.value.to).toBe(bare);
    expect(run.stdout + run.stderr).not.toContain(password);
  }, 120_000);
});

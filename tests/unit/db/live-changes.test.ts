import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { Database } from '../../../src/main/db/database';
import { LiveChanges } from '../../../src/main/db/live-changes';
import { appendEvent } from '../../../src/main/events/append';
import { onPostgres, testDatabase } from '../../support/test-database';

/**
 * Live across consoles: one console's LiveChanges hears what another appends (LISTEN/NOTIFY on a
 * team database, a look once a second at a local file), and a lost LISTEN connection comes back
 * by itself without missing what was appended meanwhile.
 */
let url: string;
let one: Database;
let other: Database;
let live: LiveChanges | null = null;

let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-live-'));
  // A file on SQLite (two connections to one ':memory:' would be two databases), a database on PostgreSQL.
  url = await testDatabase(join(dir, 'live.sqlite'));
  one = new Database(await openDatabase({ path: url }));
  other = new Database(await openDatabase({ path: url }));
});
afterEach(async () => {
  await live?.close();
  live = null;
  await one.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});

const append = (db: Database, message: string) =>
  db.transaction((manager) =>
    appendEvent(manager, { occurredAt: Date.now(), type: 'admin_lock', actor: 'ada@example.com', message }),
  );

/** Waits for a condition the code under test reaches (a reconnection), looking every 20 ms. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never: ${what}`);
}

describe('live changes between two consoles on one database', () => {
  it('a wait in one console ends with the id another console appended', async () => {
    live = await LiveChanges.start(one);
    expect(live.via).toBe(onPostgres ? 'notify' : 'poll');
    const before = live.version();
    const started = performance.now();
    const waiting = live.wait(before, 10_000);
    const id = await append(other, 'Locked by the other console');
    expect(await waiting).toBeGreaterThan(before);
    expect(live.latest()).toBe(id);
    console.log(`live change seen after ${(performance.now() - started).toFixed(0)} ms (${live.via})`);
  });

  it('nothing new: the wait ends at its time with the same id', async () => {
    live = await LiveChanges.start(one);
    const before = live.version();
    expect(await live.wait(before, 150)).toBe(before);
  });

  if (!onPostgres)
    console.log('Skipped on SQLite: a local file has no LISTEN connection to lose (the postgres project runs it).');
  it.runIf(onPostgres)('a lost LISTEN connection comes back, and what was appended meanwhile is seen', async () => {
    live = await LiveChanges.start(one);
    const watcher = live;
    expect(watcher.connected).toBe(true);
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      let before: number;
      let id: number;
      // Until the append commits while the console is not listening (it may come back first).
      do {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'mfa-console live' AND datname = current_database()`,
        );
        await until(() => !watcher.connected, 'the console notices the lost connection');
        before = watcher.version();
        id = await append(other, 'Appended while the console was not listening');
      } while (watcher.connected);
      await until(() => watcher.connected, 'the console listens again');
      expect(await watcher.wait(before, 5_000)).toBeGreaterThan(before);
      expect(watcher.latest()).toBe(id);
    } finally {
      await admin.end();
    }
  });
});

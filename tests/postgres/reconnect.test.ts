import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, USER, openEngine, outcome, userRow, withStaff, type Harness } from '../unit/engine/helpers';
import { testDatabase } from '../support/test-database';

/**
 * The team database's connections drop (a restart, a network cut, an administrator ending them):
 * a confirmed action caught in the middle is refused and leaves nothing half done, and the console
 * goes on by itself with new connections.
 */
const opened: Harness[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});
const why = { reason: 'Phone reported stolen' };

/** Each test's own database (testDatabase gives one per name). */
let name = '';
async function fresh(): Promise<Harness> {
  name = `reconnect-${opened.length}-${Date.now()}`;
  const h = await openEngine(name);
  opened.push(h);
  await withStaff(h);
  return h;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: await testDatabase(name) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Ends every connection of the console's pool, as a server restart would. */
const dropConsoleConnections = () =>
  admin((c) =>
    c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'mfa-console' AND pid <> pg_backend_pid()`),
  );

describe('a team database whose connections drop', () => {
  it('an action after the pool lost every connection works on new ones', async () => {
    const h = await fresh();
    await dropConsoleConnections();
    // The first statement on a dead connection may fail; the pool replaces it, and the next works.
    const first = await outcome(h.engine.lockUser({ email: USER, actor: ADMIN, ...why }));
    expect(['OK', 'DATABASE_DISCONNECTED']).toContain(first);
    if (first !== 'OK') expect(await outcome(h.engine.lockUser({ email: USER, actor: ADMIN, ...why }))).toBe('OK');
    expect((await userRow(h)).locked_at).not.toBeNull();
  });

  it('a lock whose connection is cut while it waits is refused as DATABASE_DISCONNECTED, and nothing of it is kept', async () => {
    const h = await fresh();
    const holder = new Client({ connectionString: await testDatabase(name) });
    await holder.connect();
    try {
      // Another session holds the user's row, so the lock waits inside its transaction.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM users WHERE email = $1 FOR UPDATE', [USER]);
      const locking = outcome(h.engine.lockUser({ email: USER, actor: ADMIN, ...why }));
      let cut = 0;
      for (let i = 0; i < 500 && cut === 0; i++) {
        await holder.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ n: number }>(
          `SELECT COUNT(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        cut = rows[0].n;
        // Looking again for the waiting transaction, not waiting for a time.
        if (cut === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(cut).toBe(1);
      expect(await locking).toBe('DATABASE_DISCONNECTED');
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    expect((await userRow(h)).locked_at).toBeNull();
    const [locks] = await h.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE type = 'admin_lock'`);
    expect(Number(locks.n)).toBe(0);
    // And the console goes on: the same action now succeeds.
    expect(await outcome(h.engine.lockUser({ email: USER, actor: ADMIN, ...why }))).toBe('OK');
  });
});

import type { EntityManager } from 'typeorm';
import { rollUpEventRange } from '../incidents/rollups';
import { dialectOf } from '../db/dialect';

/** Anything that can run a statement inside the current transaction. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  /** The connection behind it, when known: lets per-database caches tell databases apart. */
  scope?: object;
}

/**
 * Brings the search index, the phone list, the daily counts, the hourly incident rollups and the late-event list up to date for the
 * events with ids in [fromId, toId]. Called by appendEvent for one row and by bulk
 * loads once per batch of rows: one FTS insert per range is several times faster than
 * a trigger per row. Must run in the transaction that inserted the rows.
 */
export async function indexEventRange(runner: SqlRunner | EntityManager, fromId: number, toId: number): Promise<void> {
  if (toId < fromId) return;
  await runner.query(
    `INSERT INTO events_fts (rowid, user_name, user_email, phone, message)
     SELECT id, user_name, user_email, phone, message FROM events WHERE id BETWEEN ? AND ?`,
    [fromId, toId],
  );
  await runner.query(
    `INSERT INTO event_daily_counts (day, type, carrier, country, provider_code, n)
     SELECT occurred_at / 86400000, type, COALESCE(carrier, ''), COALESCE(country, ''), COALESCE(provider_code, ''), COUNT(*)
     FROM events WHERE id BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5
     ON CONFLICT (day, type, carrier, country, provider_code) DO UPDATE SET n = event_daily_counts.n + excluded.n`,
    [fromId, toId],
  );
  // The incident detector's hourly rollups, and the oldest hour it must look at again.
  await rollUpEventRange(runner, fromId, toId);
  await runner.query(
    `INSERT OR IGNORE INTO event_phones (phone)
     SELECT DISTINCT phone FROM events WHERE id BETWEEN ? AND ? AND phone IS NOT NULL`,
    [fromId, toId],
  );
  // An event older than the newest one logged before it is late (see the LateEvents migration): listed
  // apart, so the others keep ascending with time and text search can keep walking by id.
  await runner.query(
    `INSERT INTO late_events (id, occurred_at)
     SELECT id, occurred_at FROM (
       SELECT id, occurred_at,
         MAX(occurred_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
       FROM events WHERE id BETWEEN ? AND ?)
     WHERE occurred_at < MAX(COALESCE(before, 0), (SELECT value FROM event_log_state WHERE key = 'time_high_water'))`,
    [fromId, toId],
  );
  await runner.query(
    `INSERT INTO late_events_fts (rowid, user_name, user_email, phone, message)
     SELECT e.id, e.user_name, e.user_email, e.phone, e.message
     FROM late_events l JOIN events e ON e.id = l.id WHERE l.id BETWEEN ? AND ?`,
    [fromId, toId],
  );
  await runner.query(
    `UPDATE event_log_state
     SET value = MAX(value, COALESCE((SELECT MAX(occurred_at) FROM events WHERE id BETWEEN ? AND ?), value))
     WHERE key = 'time_high_water'`,
    [fromId, toId],
  );
}

/**
 * After a bulk load of history (a seed) into a console that already logged a few events of its own
 * (the operators' setup and sign-ins, minutes old): judged against those, every loaded event would
 * be late and text search would take its slow path for good. The loaded range [firstId, …] is
 * judged on its own instead, and the few earlier events newer than the loaded history are listed
 * late, so the events that are not late still ascend with time by id. Runs in the load's transaction.
 */
export async function relistLateAfterLoad(runner: SqlRunner | EntityManager, firstId: number): Promise<void> {
  if (!dialectOf(runner).searchRowsDeletedByCommand) {
    // A plain table there: its rows go as rows do.
    await runner.query('DELETE FROM late_events_fts WHERE rowid IN (SELECT id FROM late_events)');
  } else {
    // FTS5 forgets a row by being given its old values with the 'delete' command.
    const loaded = `SELECT 'delete', e.id, e.user_name, e.user_email, e.phone, e.message
       FROM late_events l JOIN events e ON e.id = l.id`;
    await runner.query(
      `INSERT INTO late_events_fts (late_events_fts, rowid, user_name, user_email, phone, message) ${loaded}`,
    );
  }
  await runner.query('DELETE FROM late_events WHERE id >= ?', [firstId]);
  await runner.query(
    `INSERT INTO late_events (id, occurred_at)
     SELECT id, occurred_at FROM (
       SELECT id, occurred_at,
         MAX(occurred_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
       FROM events WHERE id >= ?)
     WHERE occurred_at < COALESCE(before, 0)`,
    [firstId],
  );
  await runner.query(
    `INSERT OR IGNORE INTO late_events (id, occurred_at)
     SELECT id, occurred_at FROM events
     WHERE id < ? AND occurred_at > (SELECT MIN(occurred_at) FROM events WHERE id >= ?)`,
    [firstId, firstId],
  );
  await runner.query(
    `INSERT INTO late_events_fts (rowid, user_name, user_email, phone, message)
     SELECT e.id, e.user_name, e.user_email, e.phone, e.message FROM late_events l JOIN events e ON e.id = l.id`,
  );
}

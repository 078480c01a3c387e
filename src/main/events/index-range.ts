import type { EntityManager } from 'typeorm';

/** Anything that can run a statement inside the current transaction. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  /** The connection behind it, when known: lets per-database caches tell databases apart. */
  scope?: object;
}

/**
 * Brings the search index, the phone list, the daily counts and the id-order flag up to date for the
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
     ON CONFLICT (day, type, carrier, country, provider_code) DO UPDATE SET n = n + excluded.n`,
    [fromId, toId],
  );
  await runner.query(
    `INSERT OR IGNORE INTO event_phones (phone)
     SELECT DISTINCT phone FROM events WHERE id BETWEEN ? AND ? AND phone IS NOT NULL`,
    [fromId, toId],
  );
  // Once any event is older than the one before it, id order no longer equals time order.
  await runner.query(
    `UPDATE event_log_state SET value = 0 WHERE key = 'ids_follow_time' AND value = 1 AND EXISTS (
       SELECT 1 FROM (
         SELECT occurred_at < LAG(occurred_at) OVER (ORDER BY id) AS out_of_order FROM events
         WHERE id BETWEEN COALESCE((SELECT MAX(id) FROM events WHERE id < ?), ?) AND ?
       ) WHERE out_of_order)`,
    [fromId, fromId, toId],
  );
}

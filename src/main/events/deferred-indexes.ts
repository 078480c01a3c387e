import type { Database } from '../db/database';

/**
 * Runs a large load with the event table's secondary indexes dropped and rebuilds them
 * afterwards (also when the load fails). Rebuilding an index by sorting is several times
 * cheaper than maintaining it row by row over millions of scattered inserts. The
 * definitions are read back from sqlite_master, so the rebuilt indexes are exactly the
 * migrations' ones. The time index stays: inserts in time order only append to it.
 */
export async function withSecondaryIndexesDeferred<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const indexes = await db.query<{ name: string; sql: string }>(
    `SELECT name, sql FROM sqlite_master
     WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL AND name <> 'idx_events_time'`,
  );
  await db.transaction(async (manager) => {
    for (const index of indexes) await manager.query(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  });
  try {
    return await work();
  } finally {
    await db.transaction(async (manager) => {
      for (const index of indexes) await manager.query(index.sql);
    });
  }
}

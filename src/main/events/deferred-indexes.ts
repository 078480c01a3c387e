import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/dialect';

/**
 * Runs a large load with the event table's secondary indexes dropped and rebuilds them
 * afterwards. Rebuilding an index by sorting is several times cheaper than maintaining it row by
 * row over millions of scattered inserts. The definitions are read back from sqlite_master, so
 * the rebuilt indexes are exactly the migrations' ones. The time index stays: inserts in time
 * order only append to it.
 *
 * Runs inside the caller's transaction: SQLite's DDL is transactional, so if the load fails, or
 * the process is killed or interrupted part way, the DROPs roll back with the rows and the
 * indexes are still there. (Dropping them in a transaction of their own lost six of seven for
 * good when a seed was killed.)
 */
export async function withSecondaryIndexesDeferred<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  // A team database is shared: its indexes stay while other consoles read and write.
  if (!dialectOf(manager).defersIndexesForBulkLoads) return work();
  const indexes = (await manager.query(
    `SELECT name, sql FROM sqlite_master
     WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL AND name <> 'idx_events_time'`,
  )) as { name: string; sql: string }[];
  for (const index of indexes) await manager.query(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  const result = await work();
  for (const index of indexes) await manager.query(index.sql);
  return result;
}

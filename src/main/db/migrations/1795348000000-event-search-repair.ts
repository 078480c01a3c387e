import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `event_phones` and `idx_events_role_time` were added to EventSearch1795340000000 after a build
 * with TwilioProvider1795346000000 had shipped, so a database migrated by that build has neither
 * (and a national number typed into search fails with "no such table: event_phones"). Shipped
 * migrations are never edited again; this one brings such a database level and does nothing on
 * any other.
 */
export class EventSearchRepair1795348000000 implements MigrationInterface {
  name = 'EventSearchRepair1795348000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS event_phones (phone TEXT PRIMARY KEY) WITHOUT ROWID`);
    await q.query(
      `INSERT OR IGNORE INTO event_phones (phone) SELECT DISTINCT phone FROM events WHERE phone IS NOT NULL`,
    );
    await q.query(`CREATE INDEX IF NOT EXISTS idx_events_role_time ON events (user_role, occurred_at, id)`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: on every database the earlier migration owns these, and drops them itself.
  }
}

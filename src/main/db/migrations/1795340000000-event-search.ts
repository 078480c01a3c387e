import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the error-log explorer needs beyond the core indexes:
 * - `events_fts`: FTS5 over user name, email, phone digits and message, external content
 *   over `events`. The log is append-only, so the index never needs deletes; rows are added by
 *   `indexEventRange` (per append, or per id range after a bulk load) instead of a
 *   per-row trigger, which would slow bulk loads four- to tenfold.
 * - `event_phones`: the distinct phone numbers seen, for matching national numbers.
 * - `idx_events_role_time` for the role filter.
 * - `event_daily_counts`: UTC day x type x carrier x country x provider code, kept current
 *   on append, so facets and counts over large sets need no full scan.
 * - `event_log_state.ids_follow_time`: 1 while event ids ascend with occurred_at; lets
 *   text search walk the FTS index newest-first by rowid, which is much faster.
 */
export class EventSearch1795340000000 implements MigrationInterface {
  name = 'EventSearch1795340000000';

  public async up(q: QueryRunner): Promise<void> {
    // External content over events itself: the tokenizer reads "+447400123456" as the digits
    // 447400123456, so phone numbers are searchable without storing them twice.
    await q.query(`CREATE VIRTUAL TABLE events_fts USING fts5(
      user_name, user_email, phone, message,
      content='events', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2'
    )`);
    await q.query(`INSERT INTO events_fts(events_fts) VALUES ('rebuild')`);

    // Every phone number the log has seen (a few thousand rows): a national number typed into
    // the search box ("07400 123456") is matched here to the full numbers the FTS index holds.
    await q.query(`CREATE TABLE event_phones (phone TEXT PRIMARY KEY) WITHOUT ROWID`);
    await q.query(
      `INSERT OR IGNORE INTO event_phones (phone) SELECT DISTINCT phone FROM events WHERE phone IS NOT NULL`,
    );

    // The explorer's role filter; the core schema indexes the other filters already.
    await q.query(`CREATE INDEX idx_events_role_time ON events (user_role, occurred_at, id)`);

    // NULL dimensions are stored as '' so the primary key (and the upsert) treat them as one value.
    await q.query(`CREATE TABLE event_daily_counts (
      day INTEGER NOT NULL,
      type TEXT NOT NULL,
      carrier TEXT NOT NULL,
      country TEXT NOT NULL,
      provider_code TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (day, type, carrier, country, provider_code)
    ) WITHOUT ROWID`);
    await q.query(`INSERT INTO event_daily_counts (day, type, carrier, country, provider_code, n)
      SELECT occurred_at / 86400000, type, COALESCE(carrier, ''), COALESCE(country, ''), COALESCE(provider_code, ''), COUNT(*)
      FROM events GROUP BY 1, 2, 3, 4, 5`);

    await q.query(`CREATE TABLE event_log_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
    await q.query(`INSERT INTO event_log_state (key, value)
      SELECT 'ids_follow_time', NOT EXISTS (
        SELECT 1 FROM (SELECT occurred_at < LAG(occurred_at) OVER (ORDER BY id) AS out_of_order FROM events)
        WHERE out_of_order)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_log_state`);
    await q.query(`DROP TABLE event_daily_counts`);
    await q.query(`DROP TABLE events_fts`);
    await q.query(`DROP INDEX idx_events_role_time`);
    await q.query(`DROP TABLE event_phones`);
  }
}

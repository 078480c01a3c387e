import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Text search walks the FTS index newest-first by rowid, which is only time order while event ids
 * ascend with time. A Twilio delivery sync writes each failure at the time Twilio sent the message,
 * older than events already logged, and until now one such event switched that walk off for good
 * (free-text pages went from milliseconds to seconds on a million events).
 *
 * Instead, the events logged out of time order are listed in `late_events`, with a search index of
 * their own (`late_events_fts`): the rest still ascend with time, so the walk stays valid over them,
 * and the late matches are merged in. `event_log_state.time_high_water` is the newest occurred_at of the
 * events logged so far; an event older than it is late. (`ids_follow_time` is no longer read.)
 */
export class LateEvents1795349000000 implements MigrationInterface {
  name = 'LateEvents1795349000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE late_events (id INTEGER PRIMARY KEY, occurred_at INTEGER NOT NULL)`);
    await q.query(`CREATE INDEX idx_late_events_time ON late_events (occurred_at, id)`);
    await q.query(`INSERT INTO late_events (id, occurred_at)
      SELECT id, occurred_at FROM (
        SELECT id, occurred_at,
          MAX(occurred_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
        FROM events)
      WHERE occurred_at < before`);
    // Their own search index, so a page or a count finds the late matches without walking them all.
    await q.query(`CREATE VIRTUAL TABLE late_events_fts USING fts5(
      user_name, user_email, phone, message,
      content='events', content_rowid='id',
      tokenize='unicode61 remove_diacritics 2'
    )`);
    await q.query(`INSERT INTO late_events_fts (rowid, user_name, user_email, phone, message)
      SELECT e.id, e.user_name, e.user_email, e.phone, e.message FROM late_events l JOIN events e ON e.id = l.id`);
    await q.query(`INSERT INTO event_log_state (key, value)
      SELECT 'time_high_water', COALESCE(MAX(occurred_at), 0) FROM events`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM event_log_state WHERE key = 'time_high_water'`);
    await q.query(`DROP TABLE late_events_fts`);
    await q.query(`DROP TABLE late_events`);
  }
}

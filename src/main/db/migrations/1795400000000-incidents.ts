import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ROLLUP_FILL_SQL, ROLLUP_TYPES } from '../../incidents/rollups';

/**
 * Incident detection (issue 14).
 *
 * - `event_hourly_rollups`: UTC hour x carrier x country x provider x provider code x number prefix,
 *   with the sends, failed deliveries, provider failures and successful checks in it. Kept current by
 *   `indexEventRange` (every append, bulk load and delivery sync), so the detector reads at most a few
 *   hundred thousand small rows instead of the event log. Absent parts are '' (not NULL) so the
 *   primary key works as an upsert target in SQLite and PostgreSQL alike. The provider code is only
 *   kept on failure rows; sends and checks have ''.
 * - `incidents`: what the detector found, one row per key and episode; `incident_users`: the users who
 *   failed during one, and those locked or cooled down during it after failing.
 * - `event_log_state.incidents_dirty_from`: the oldest hour (ms) appended since the detector last ran
 *   (a Twilio sync back-fills old hours); `incidents_evaluated_to`: the end of the last hour evaluated.
 */
export class Incidents1795400000000 implements MigrationInterface {
  name = 'Incidents1795400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE event_hourly_rollups (
      hour INTEGER NOT NULL,
      carrier TEXT NOT NULL,
      country TEXT NOT NULL,
      provider TEXT NOT NULL,
      provider_code TEXT NOT NULL,
      prefix TEXT NOT NULL,
      sends INTEGER NOT NULL,
      delivery_failures INTEGER NOT NULL,
      provider_failures INTEGER NOT NULL,
      conversions INTEGER NOT NULL,
      PRIMARY KEY (hour, carrier, country, provider, provider_code, prefix)
    )`);
    await q.query(
      `${ROLLUP_FILL_SQL} WHERE type IN (${ROLLUP_TYPES.map((t) => `'${t}'`).join(', ')}) GROUP BY 1, 2, 3, 4, 5, 6`,
    );
    await q.query(`CREATE TABLE incidents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      key_kind TEXT NOT NULL,
      key TEXT NOT NULL,
      carrier TEXT,
      country TEXT,
      provider TEXT,
      provider_code TEXT,
      prefix TEXT,
      opened_at INTEGER NOT NULL,
      onset_at INTEGER NOT NULL,
      closed_at INTEGER,
      last_anomalous_at INTEGER NOT NULL,
      peak_rate REAL NOT NULL,
      baseline_rate REAL NOT NULL,
      failures INTEGER NOT NULL,
      sends INTEGER NOT NULL,
      conversions INTEGER,
      p_value REAL NOT NULL,
      affected_users INTEGER NOT NULL,
      top_code TEXT,
      detected_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_incidents_onset ON incidents (onset_at, id)`);
    await q.query(`CREATE INDEX idx_incidents_key ON incidents (kind, key, onset_at)`);
    await q.query(`CREATE TABLE incident_users (
      incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL,
      role TEXT NOT NULL,
      failures INTEGER NOT NULL,
      PRIMARY KEY (incident_id, user_id, role)
    )`);
    await q.query(`CREATE INDEX idx_incident_users_user ON incident_users (user_id, incident_id)`);
    await q.query(`INSERT INTO event_log_state (key, value) VALUES ('incidents_evaluated_to', 0)`);
    await q.query(`INSERT INTO event_log_state (key, value) VALUES ('incidents_dirty_from', 0)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM event_log_state WHERE key IN ('incidents_evaluated_to', 'incidents_dirty_from')`);
    await q.query(`DROP TABLE incident_users`);
    await q.query(`DROP TABLE incidents`);
    await q.query(`DROP TABLE event_hourly_rollups`);
  }
}

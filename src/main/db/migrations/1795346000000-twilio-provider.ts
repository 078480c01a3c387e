import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the Twilio provider keeps beyond the event log:
 * - `provider_delivery_failures`: one row per Twilio SID already written to the log as an SMS
 *   Failure. The sync re-reads an overlap window each run (delivery receipts arrive late), so the
 *   UNIQUE sid is what keeps a failure from being counted twice.
 * - `provider_sync_state`: per source (messages, attempts), the time the last successful sync
 *   covered up to, so the next run asks only for what is new.
 * - `provider_health_samples`: one row per provider call (ok or failed, with its code), for the
 *   recent failure rate and the last error in the status bar and Settings.
 * - `phone_lookups`: every Lookup answer, with its date, so the helpdesk sees what Twilio said.
 */
export class TwilioProvider1795346000000 implements MigrationInterface {
  name = 'TwilioProvider1795346000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE provider_delivery_failures (
      sid TEXT PRIMARY KEY,
      source TEXT NOT NULL CHECK (source IN ('message','attempt')),
      error_code TEXT,
      phone TEXT,
      event_id INTEGER,
      occurred_at INTEGER NOT NULL,
      synced_at INTEGER NOT NULL
    ) WITHOUT ROWID`);

    await q.query(`CREATE TABLE provider_sync_state (
      source TEXT PRIMARY KEY,
      synced_until INTEGER NOT NULL,
      last_run_at INTEGER NOT NULL,
      last_error TEXT
    )`);

    await q.query(`CREATE TABLE provider_health_samples (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      provider TEXT NOT NULL,
      operation TEXT NOT NULL,
      ok INTEGER NOT NULL,
      code TEXT,
      message TEXT,
      duration_ms INTEGER NOT NULL,
      occurred_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_health_provider_time ON provider_health_samples (provider, occurred_at)`);

    await q.query(`CREATE TABLE phone_lookups (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      phone TEXT NOT NULL,
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      line_type TEXT,
      carrier TEXT,
      country_code TEXT,
      mobile_country_code TEXT,
      mobile_network_code TEXT,
      error_code TEXT,
      looked_up_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_phone_lookups_phone ON phone_lookups (phone, looked_up_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'phone_lookups',
      'provider_health_samples',
      'provider_sync_state',
      'provider_delivery_failures',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}

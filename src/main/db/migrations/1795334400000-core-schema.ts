import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The core tables of the MFA engine. Shipped: never edit, add a new migration instead. */
export class CoreSchema1795334400000 implements MigrationInterface {
  name = 'CoreSchema1795334400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      email TEXT NOT NULL COLLATE NOCASE UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('administrator','employee','technician')),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','deactivated')),
      phone_e164 TEXT,
      phone_country TEXT,
      phone_type TEXT,
      phone_carrier TEXT,
      phone_looked_up_at INTEGER,
      two_factor TEXT NOT NULL DEFAULT 'not_enrolled'
        CHECK (two_factor IN ('enabled','disabled_until','disabled_permanently','not_enrolled')),
      two_factor_disabled_until INTEGER,
      failed_checks INTEGER NOT NULL DEFAULT 0,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      sends_without_success INTEGER NOT NULL DEFAULT 0,
      last_send_at INTEGER,
      cooldown_until INTEGER,
      locked_at INTEGER,
      lock_reason TEXT,
      not_my_number_at INTEGER,
      last_sign_in_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_users_name ON users (name COLLATE NOCASE)`);
    await q.query(`CREATE INDEX idx_users_phone ON users (phone_e164)`);

    await q.query(`CREATE TABLE verification_sessions (
      id TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose TEXT NOT NULL CHECK (purpose IN ('sign_in','caller_check')),
      status TEXT NOT NULL CHECK (status IN ('pending','verified','expired','ended','not_my_number')),
      provider TEXT NOT NULL,
      provider_ref TEXT,
      code_hash TEXT,
      code_sent_at INTEGER,
      code_expires_at INTEGER,
      actor TEXT,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      verified_at INTEGER
    )`);
    await q.query(`CREATE INDEX idx_sessions_user ON verification_sessions (user_id, created_at)`);

    await q.query(`CREATE TABLE verification_attempts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      session_id TEXT,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      outcome TEXT NOT NULL,
      occurred_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_attempts_user ON verification_attempts (user_id, occurred_at)`);

    await q.query(`CREATE TABLE backup_codes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      generation INTEGER NOT NULL,
      position INTEGER NOT NULL,
      code_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      used_at INTEGER,
      voided_at INTEGER
    )`);
    await q.query(`CREATE INDEX idx_backup_codes_user ON backup_codes (user_id, generation)`);

    await q.query(`CREATE TABLE trusted_devices (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      label TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      last_used_at INTEGER,
      revoked_at INTEGER
    )`);
    await q.query(`CREATE INDEX idx_trusted_devices_user ON trusted_devices (user_id)`);

    // The event log: append-only; indexes follow the explorer's filters (newest first).
    await q.query(`CREATE TABLE events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      occurred_at INTEGER NOT NULL,
      type TEXT NOT NULL,
      user_id INTEGER,
      user_name TEXT,
      user_email TEXT,
      user_role TEXT,
      phone TEXT,
      country TEXT,
      carrier TEXT,
      provider TEXT,
      provider_code TEXT,
      message TEXT,
      actor TEXT,
      reason TEXT,
      session_id TEXT,
      details TEXT
    )`);
    await q.query(`CREATE INDEX idx_events_time ON events (occurred_at, id)`);
    await q.query(`CREATE INDEX idx_events_type_time ON events (type, occurred_at, id)`);
    await q.query(`CREATE INDEX idx_events_user_time ON events (user_id, occurred_at, id)`);
    await q.query(`CREATE INDEX idx_events_carrier_time ON events (carrier, occurred_at, id)`);
    await q.query(`CREATE INDEX idx_events_country_time ON events (country, occurred_at, id)`);
    await q.query(`CREATE INDEX idx_events_code_time ON events (provider_code, occurred_at, id)`);
    await q.query(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);
    await q.query(`CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);

    // The simulated provider's handset: what it "sent", so demos and tests can read the SMS.
    await q.query(`CREATE TABLE simulated_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      phone TEXT NOT NULL,
      body TEXT NOT NULL,
      session_id TEXT,
      sent_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_outbox_phone ON simulated_outbox (phone, sent_at)`);

    await q.query(`CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'settings',
      'simulated_outbox',
      'events',
      'trusted_devices',
      'backup_codes',
      'verification_attempts',
      'verification_sessions',
      'users',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Safer changes for users (issue 12):
 * - phone_changes: a new number waiting for the code sent to it to be read back (an operator's
 *   change) or typed in (the user's own enrolment after "Reset 2FA"); 3 tries, the old number
 *   stays until it is confirmed.
 * - temporary_access_codes: a temporary access code (as Entra's Temporary Access Pass), stored
 *   hashed; `ended_at` is set when it is revoked, replaced or used up, so at most one per user is
 *   open (the partial unique index; expiry is checked against the clock).
 * - simulated_mail: the email the console would send (it has no mail server): the "your number
 *   was changed" notice to the user's address.
 */
export class SaferChanges1795420000000 implements MigrationInterface {
  name = 'SaferChanges1795420000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE phone_changes (
      id TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('operator_change','enrolment')),
      actor TEXT,
      reason TEXT,
      phone_e164 TEXT NOT NULL,
      phone_country TEXT,
      phone_type TEXT,
      provider TEXT NOT NULL,
      provider_ref TEXT,
      code_hash TEXT,
      code_sent_at INTEGER,
      code_expires_at INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL CHECK (status IN ('pending','confirmed','failed','ended')),
      created_at INTEGER NOT NULL,
      decided_at INTEGER
    )`);
    await q.query(`CREATE INDEX idx_phone_changes_user ON phone_changes (user_id, created_at)`);

    await q.query(`CREATE TABLE temporary_access_codes (
      id TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      reason TEXT NOT NULL,
      issued_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      single_use INTEGER NOT NULL,
      uses INTEGER NOT NULL DEFAULT 0,
      last_used_at INTEGER,
      ended_at INTEGER,
      end_reason TEXT,
      ended_by TEXT
    )`);
    await q.query(
      `CREATE UNIQUE INDEX idx_temporary_access_open ON temporary_access_codes (user_id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX idx_temporary_access_user ON temporary_access_codes (user_id, issued_at)`);

    await q.query(`CREATE TABLE simulated_mail (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      sent_at INTEGER NOT NULL
    )`);
    await q.query(`CREATE INDEX idx_simulated_mail_email ON simulated_mail (email, sent_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE simulated_mail`);
    await q.query(`DROP TABLE temporary_access_codes`);
    await q.query(`DROP TABLE phone_changes`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operators sign in (issue 12): administrators and technicians have a password (argon2id) and pass
 * the console's own second factor; the API takes the acting operator from a session.
 * - users.password_hash / password_set_at / password_must_change: the operator's password; a
 *   temporary one (given by an administrator) must be changed at the first sign-in.
 * - users.phone_changed_at / phone_changed_by: when and by whom the number last changed (shown for
 *   "It's not my phone number", and the 24-hour cool-off of temporary access).
 * - users.enrolment_required: after "Reset 2FA" the user enrols a number again at the next sign-in.
 * - operator_sign_ins: a sign-in whose password was right and whose second factor is awaited (with
 *   the operator's own new password when a temporary one was used: it takes effect with the sign-in).
 * - operator_sessions: a signed-in operator (the token's SHA-256 is the id; the token itself is
 *   never stored), with its idle lock (15 minutes), its end (8 hours) and when the password was
 *   last given (high-risk actions ask again after 5 minutes).
 * - verification_sessions.phone_e164 / attempts: a caller check is bound to the number it went to,
 *   and allows 3 tries.
 */
export class OperatorAuth1795380000000 implements MigrationInterface {
  name = 'OperatorAuth1795380000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN password_hash TEXT`);
    await q.query(`ALTER TABLE users ADD COLUMN password_set_at INTEGER`);
    await q.query(`ALTER TABLE users ADD COLUMN password_must_change INTEGER NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN phone_changed_at INTEGER`);
    await q.query(`ALTER TABLE users ADD COLUMN phone_changed_by TEXT`);
    await q.query(`ALTER TABLE users ADD COLUMN enrolment_required INTEGER NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE verification_sessions ADD COLUMN phone_e164 TEXT`);
    await q.query(`ALTER TABLE verification_sessions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0`);

    await q.query(`CREATE TABLE operator_sign_ins (
      id TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      transport TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      verification_session_id TEXT,
      completed_at INTEGER,
      new_password_hash TEXT
    )`);
    await q.query(`CREATE INDEX idx_operator_sign_ins_user ON operator_sign_ins (user_id, created_at)`);

    await q.query(`CREATE TABLE operator_sessions (
      id TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      transport TEXT NOT NULL,
      second_factor TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_activity_at INTEGER NOT NULL,
      password_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      ended_at INTEGER,
      end_reason TEXT
    )`);
    await q.query(`CREATE INDEX idx_operator_sessions_user ON operator_sessions (user_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operator_sessions`);
    await q.query(`DROP TABLE operator_sign_ins`);
    for (const column of ['attempts', 'phone_e164']) {
      await q.query(`ALTER TABLE verification_sessions DROP COLUMN ${column}`);
    }
    for (const column of [
      'enrolment_required',
      'phone_changed_by',
      'phone_changed_at',
      'password_must_change',
      'password_set_at',
      'password_hash',
    ]) {
      await q.query(`ALTER TABLE users DROP COLUMN ${column}`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-person approval and caller checks that mean something (issue 12).
 * - approval_requests: a two-person action filed by one administrator, decided by another; it
 *   expires 24 hours after it was filed. `parameters` is JSON text (what the action needs to run).
 * - The one `caller_verified` event type becomes two, `caller_check_passed` and `caller_check_failed`,
 *   read from the result each old row recorded. The log is append-only, so the guard trigger is lifted
 *   for this one rename and put back; the daily counts follow. The text is portable (no json_extract).
 */
export class Approvals1795410000000 implements MigrationInterface {
  name = 'Approvals1795410000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE approval_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      action TEXT NOT NULL,
      target_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      target_email TEXT,
      parameters TEXT NOT NULL,
      reason TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      caller_check_id TEXT,
      verified_another_way TEXT,
      status TEXT NOT NULL DEFAULT 'pending',
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      decided_by TEXT,
      decided_at INTEGER,
      decision_reason TEXT,
      executed_at INTEGER
    )`);
    await q.query(`CREATE INDEX idx_approval_requests_status ON approval_requests (status, created_at)`);
    await renameCallerEvents(
      q,
      `CASE WHEN details LIKE '%"result":"passed"%' THEN 'caller_check_passed'
      ELSE 'caller_check_failed' END`,
      `type = 'caller_verified'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await renameCallerEvents(q, `'caller_verified'`, `type IN ('caller_check_passed', 'caller_check_failed')`);
    await q.query(`DROP TABLE approval_requests`);
  }
}

async function renameCallerEvents(q: QueryRunner, newType: string, where: string): Promise<void> {
  const days = `SELECT DISTINCT occurred_at / 86400000 FROM events WHERE ${where}`;
  await q.query(`CREATE TEMPORARY TABLE renamed_days AS ${days}`);
  await q.query(`DROP TRIGGER events_no_update`);
  await q.query(`UPDATE events SET type = ${newType} WHERE ${where}`);
  await q.query(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`);
  // The daily counts of the days touched, counted again for the caller types.
  const callerTypes = `('caller_verified', 'caller_check_passed', 'caller_check_failed')`;
  const touched = `day IN (SELECT * FROM renamed_days)`;
  await q.query(`DELETE FROM event_daily_counts WHERE type IN ${callerTypes} AND ${touched}`);
  await q.query(`INSERT INTO event_daily_counts (day, type, carrier, country, provider_code, n)
      SELECT occurred_at / 86400000, type, COALESCE(carrier, ''), COALESCE(country, ''), COALESCE(provider_code, ''), COUNT(*)
      FROM events WHERE type IN ${callerTypes} AND occurred_at / 86400000 IN (SELECT * FROM renamed_days)
      GROUP BY 1, 2, 3, 4, 5`);
  await q.query(`DROP TABLE renamed_days`);
}

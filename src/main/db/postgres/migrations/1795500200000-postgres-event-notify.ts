import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel every console LISTENs on (see src/main/db/live-changes.ts). */
export const EVENTS_CHANNEL = 'mfa_console_events';

/**
 * Live across desktops: every statement that appends to the event log (a lock, a reset, a sign-in,
 * an import) notifies the newest id on one channel. PostgreSQL delivers it when the transaction
 * commits, and folds identical notifications of one transaction, so a bulk load is one message.
 */
export class PostgresEventNotify1795500200000 implements MigrationInterface {
  name = 'PostgresEventNotify1795500200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${EVENTS_CHANNEL}', (SELECT MAX(id) FROM appended)::text);
        RETURN NULL;
      END $$`);
    await runner.query(`CREATE TRIGGER events_notify AFTER INSERT ON events
      REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION events_notify()`);
  }

  async down(): Promise<void> {
    throw new Error('Team database migrations are not reversed: restore a backup instead.');
  }
}

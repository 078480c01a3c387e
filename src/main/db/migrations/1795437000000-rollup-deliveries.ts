import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `event_hourly_rollups.delivered`: the `sms_delivered` events of the hour (issue 14 on workspaces).
 * An imported vendor log (Twilio messages, BulkExport, Verify attempts) has one record per message,
 * delivered or failed, and no `code_sent`: its attempts are the delivered plus the failed ones, which
 * the detector can only tell with this count (the live log's attempts stay its `code_sent`s, whose
 * failures are a subset). Filled from the events already there (none in a live database).
 */
export class RollupDeliveries1795437000000 implements MigrationInterface {
  name = 'RollupDeliveries1795437000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_hourly_rollups ADD COLUMN delivered INTEGER NOT NULL DEFAULT 0`);
    await q.query(
      `INSERT INTO event_hourly_rollups
         (hour, carrier, country, provider, provider_code, prefix, sends, delivery_failures, provider_failures, conversions, delivered)
       SELECT occurred_at / 3600000, COALESCE(carrier, ''), COALESCE(country, ''), COALESCE(provider, ''), '',
         COALESCE(substr(phone, 1, 7), ''), 0, 0, 0, 0, COUNT(*)
       FROM events WHERE type = 'sms_delivered' GROUP BY 1, 2, 3, 4, 5, 6
       ON CONFLICT (hour, carrier, country, provider, provider_code, prefix) DO UPDATE SET delivered = excluded.delivered`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM event_hourly_rollups
      WHERE sends = 0 AND delivery_failures = 0 AND provider_failures = 0 AND conversions = 0`);
    await q.query(`ALTER TABLE event_hourly_rollups DROP COLUMN delivered`);
  }
}

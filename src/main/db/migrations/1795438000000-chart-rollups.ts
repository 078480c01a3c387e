import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `event_chart_rollups`: the hourly rollups without the number prefix (UTC hour x carrier x country x
 * provider code), which is what the Trends charts and `mfa-console stats` group by. The prefix makes
 * `event_hourly_rollups` nearly as long as the log itself (a prefix is close to one per number), so a
 * chart over it cost about what the raw GROUP BY does; without it, a few rows per carrier and hour.
 * Filled from `event_hourly_rollups`; kept current with it by rollUpEventRange.
 */
export class ChartRollups1795438000000 implements MigrationInterface {
  name = 'ChartRollups1795438000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE event_chart_rollups (
      hour INTEGER NOT NULL,
      carrier TEXT NOT NULL,
      country TEXT NOT NULL,
      provider_code TEXT NOT NULL,
      sends INTEGER NOT NULL,
      delivery_failures INTEGER NOT NULL,
      provider_failures INTEGER NOT NULL,
      conversions INTEGER NOT NULL,
      PRIMARY KEY (hour, carrier, country, provider_code)
    ) WITHOUT ROWID`);
    await q.query(`INSERT INTO event_chart_rollups
      SELECT hour, carrier, country, provider_code, SUM(sends), SUM(delivery_failures), SUM(provider_failures), SUM(conversions)
      FROM event_hourly_rollups GROUP BY 1, 2, 3, 4`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_chart_rollups`);
  }
}

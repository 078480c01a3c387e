import type { SqlRunner } from '../events/index-range';

export const HOUR_MS = 3_600_000;

/** The event types the rollups count: a send, a failed delivery, a provider failure, a successful check. */
export const ROLLUP_TYPES = ['code_sent', 'sms_failure', 'mfa_provider_failure', 'sign_in_succeeded'] as const;

/**
 * Characters of the E.164 number kept as its prefix ("+" and six digits): enough to tell a premium
 * range from a country's ordinary mobile numbers, few enough that the rollups stay small.
 */
export const PREFIX_LENGTH = 7;

const count = (type: string) => `SUM(CASE WHEN type = '${type}' THEN 1 ELSE 0 END)`;

/** The SELECT that rolls events up; callers add the WHERE on ids and the GROUP BY. */
export const ROLLUP_FILL_SQL = `INSERT INTO event_hourly_rollups
    (hour, carrier, country, provider, provider_code, prefix, sends, delivery_failures, provider_failures, conversions)
  SELECT occurred_at / ${HOUR_MS}, COALESCE(carrier, ''), COALESCE(country, ''), COALESCE(provider, ''),
    CASE WHEN type IN ('sms_failure', 'mfa_provider_failure') THEN COALESCE(provider_code, '') ELSE '' END,
    COALESCE(substr(phone, 1, ${PREFIX_LENGTH}), ''),
    ${count('code_sent')}, ${count('sms_failure')}, ${count('mfa_provider_failure')}, ${count('sign_in_succeeded')}
  FROM events`;

const TYPES_IN = ROLLUP_TYPES.map((t) => `'${t}'`).join(', ');

/** The charts' rollups (no prefix, no provider: src/main/trends/stats.ts); callers add the WHERE and GROUP BY. */
const CHART_FILL_SQL = `INSERT INTO event_chart_rollups
    (hour, carrier, country, provider_code, sends, delivery_failures, provider_failures, conversions)
  SELECT occurred_at / ${HOUR_MS}, COALESCE(carrier, ''), COALESCE(country, ''),
    CASE WHEN type IN ('sms_failure', 'mfa_provider_failure') THEN COALESCE(provider_code, '') ELSE '' END,
    ${count('code_sent')}, ${count('sms_failure')}, ${count('mfa_provider_failure')}, ${count('sign_in_succeeded')}
  FROM events`;

/**
 * Delivered messages (`sms_delivered`, only in imported vendor logs) into the `delivered` column
 * (migration RollupDeliveries): a statement of its own, so the fill above stays the one the
 * Incidents migration ran. Callers add the WHERE on ids (or none) and the GROUP BY.
 */
const DELIVERED_FILL_SQL = `INSERT INTO event_hourly_rollups
    (hour, carrier, country, provider, provider_code, prefix, sends, delivery_failures, provider_failures, conversions, delivered)
  SELECT occurred_at / ${HOUR_MS}, COALESCE(carrier, ''), COALESCE(country, ''), COALESCE(provider, ''), '',
    COALESCE(substr(phone, 1, ${PREFIX_LENGTH}), ''), 0, 0, 0, 0, COUNT(*)
  FROM events WHERE type = 'sms_delivered'`;
const DELIVERED_GROUP = `GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (hour, carrier, country, provider, provider_code, prefix) DO UPDATE SET
    delivered = event_hourly_rollups.delivered + excluded.delivered`;

/**
 * Adds the events with ids in [fromId, toId] to the hourly rollups (and the charts' rollups) and marks the oldest hour they
 * touch for the detector. Runs in the transaction that inserted them (from indexEventRange).
 */
export async function rollUpEventRange(runner: SqlRunner, fromId: number, toId: number): Promise<void> {
  await runner.query(
    `${ROLLUP_FILL_SQL} WHERE id BETWEEN ? AND ? AND type IN (${TYPES_IN}) GROUP BY 1, 2, 3, 4, 5, 6
     ON CONFLICT (hour, carrier, country, provider, provider_code, prefix) DO UPDATE SET
       sends = event_hourly_rollups.sends + excluded.sends,
       delivery_failures = event_hourly_rollups.delivery_failures + excluded.delivery_failures,
       provider_failures = event_hourly_rollups.provider_failures + excluded.provider_failures,
       conversions = event_hourly_rollups.conversions + excluded.conversions`,
    [fromId, toId],
  );
  await runner.query(`${DELIVERED_FILL_SQL} AND id BETWEEN ? AND ? ${DELIVERED_GROUP}`, [fromId, toId]);
  await runner.query(
    `${CHART_FILL_SQL} WHERE id BETWEEN ? AND ? AND type IN (${TYPES_IN}) GROUP BY 1, 2, 3, 4
     ON CONFLICT (hour, carrier, country, provider_code) DO UPDATE SET
       sends = event_chart_rollups.sends + excluded.sends,
       delivery_failures = event_chart_rollups.delivery_failures + excluded.delivery_failures,
       provider_failures = event_chart_rollups.provider_failures + excluded.provider_failures,
       conversions = event_chart_rollups.conversions + excluded.conversions`,
    [fromId, toId],
  );
  // 0 means "nothing new"; otherwise the oldest occurred_at appended since the detector last ran.
  await runner.query(
    `UPDATE event_log_state SET value = COALESCE(
       (SELECT CASE WHEN value = 0 THEN m ELSE MIN(value, m) END
        FROM (SELECT MIN(occurred_at) AS m FROM events WHERE id BETWEEN ? AND ? AND type IN (${TYPES_IN}, 'sms_delivered')) WHERE m IS NOT NULL),
       value)
     WHERE key = 'incidents_dirty_from'`,
    [fromId, toId],
  );
}

/** Rebuilds the rollups from the whole log (a database whose rollups are missing or suspect). */
export async function rebuildRollups(runner: SqlRunner): Promise<void> {
  await runner.query(`DELETE FROM event_hourly_rollups`);
  await runner.query(`${ROLLUP_FILL_SQL} WHERE type IN (${TYPES_IN}) GROUP BY 1, 2, 3, 4, 5, 6`);
  await runner.query(`${DELIVERED_FILL_SQL} ${DELIVERED_GROUP}`);
  await runner.query(`DELETE FROM event_chart_rollups`);
  await runner.query(`${CHART_FILL_SQL} WHERE type IN (${TYPES_IN}) GROUP BY 1, 2, 3, 4`);
  await runner.query(`UPDATE event_log_state SET value = 0 WHERE key = 'incidents_evaluated_to'`);
}

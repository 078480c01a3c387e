import type { EntityManager } from 'typeorm';
import { MAX_RUN_HOURS, type Episode } from './detector';
import { FAILURE_IN, keyCondition } from './key-filter';

/**
 * A minute's attempts (as `attemptsOf` in series.ts): the sends, or an imported log's delivered and
 * failed messages, whichever is more, plus the provider's failures.
 */
const MINUTE_ATTEMPTS = `MAX(SUM(type = 'code_sent'), SUM(type IN ('sms_delivered', 'sms_failure')))
  + SUM(type = 'mfa_provider_failure')`;
import { HOUR_MS } from './rollups';
import { changePoint, type SeriesPoint } from './stats';

const MINUTE = 60_000;
/** The onset is looked for from an hour before the CUSUM's onset hour (a run is at most 24 hours). */
const MAX_HOURS = MAX_RUN_HOURS + 2;

/**
 * Dates an episode to the minute. The rollups give the hour its CUSUM run began; this reads that
 * key's events from an hour before it to the hour the test fired (a bounded range on the time or key
 * index, never the whole log), counts sends and failures per minute, finds the change point of the
 * per-minute CUSUM at the episode's own rate ratio, and returns the time of the first failure from
 * there (pumping: the first send).
 */
export async function refineOnset(manager: EntityManager, episode: Episode): Promise<number> {
  const series = episode.series;
  const pumping = series.kind === 'pumping';
  const from = (series.startHour + episode.runStart - 1) * HOUR_MS;
  const to = Math.min(from + MAX_HOURS * HOUR_MS, (series.startHour + episode.openedHour + 1) * HOUR_MS);
  const condition = keyCondition(series.keyKind);
  const minutes = Math.ceil((to - from) / MINUTE);
  const sends = new Float64Array(minutes);
  const failures = new Float64Array(minutes);
  if (series.keyKind === 'error') {
    const rows = (await manager.query(
      `SELECT (occurred_at - CAST(? AS INTEGER)) / ${MINUTE} AS m,
         ${MINUTE_ATTEMPTS} AS sends,
         SUM(CASE WHEN type IN (${FAILURE_IN}) AND ${condition} THEN 1 ELSE 0 END) AS failures
       FROM events WHERE occurred_at >= ? AND occurred_at < ? AND type IN ('code_sent', 'sms_delivered', ${FAILURE_IN}) GROUP BY 1`,
      [from, series.key, from, to],
    )) as { m: number; sends: number; failures: number }[];
    for (const r of rows) [sends[r.m], failures[r.m]] = [Number(r.sends), Number(r.failures)];
  } else {
    const counted = pumping ? `'code_sent', 'sms_delivered'` : `'code_sent', 'sms_delivered', ${FAILURE_IN}`;
    const rows = (await manager.query(
      `SELECT (occurred_at - CAST(? AS INTEGER)) / ${MINUTE} AS m,
         ${MINUTE_ATTEMPTS} AS sends,
         SUM(CASE WHEN type IN (${FAILURE_IN}) THEN 1 ELSE 0 END) AS failures
       FROM events WHERE ${condition} AND occurred_at >= ? AND occurred_at < ? AND type IN (${counted}) GROUP BY 1`,
      [from, series.key, from, to],
    )) as { m: number; sends: number; failures: number }[];
    for (const r of rows) [sends[r.m], failures[r.m]] = [Number(r.sends), Number(r.failures)];
  }
  const points: SeriesPoint[] = [];
  if (pumping) {
    // Sends against the usual volume per minute (the hourly baseline over 60).
    const usual = episode.expected / Math.max(1, episode.openedHour - episode.runStart + 1) / 60;
    for (let i = 0; i < minutes; i++) points.push({ sends: usual, failures: sends[i], baseline: 1 });
  } else {
    for (let i = 0; i < minutes; i++)
      points.push({ sends: sends[i], failures: failures[i], baseline: episode.baselineRate });
  }
  const at = changePoint(points, episode.ratio);
  const counts = pumping ? sends : failures;
  for (let i = Math.max(0, at); i < minutes; i++) {
    if (counts[i] <= 0) continue;
    const start = from + i * MINUTE;
    const [row] = (await manager.query(
      `SELECT MIN(occurred_at) AS at FROM events
       WHERE ${condition} AND occurred_at >= ? AND occurred_at < ?
         AND type IN (${pumping ? `'code_sent'` : FAILURE_IN})`,
      [series.key, start, start + MINUTE],
    )) as { at: number | null }[];
    if (row?.at != null) return Number(row.at);
  }
  return (series.startHour + episode.runStart) * HOUR_MS;
}

/** The last failure (pumping: send) of a closed episode: when it ended. */
export async function lastFailureAt(manager: EntityManager, episode: Episode): Promise<number> {
  const series = episode.series;
  const hour = series.startHour + episode.lastAnomalousHour;
  const [row] = (await manager.query(
    `SELECT MAX(occurred_at) AS at FROM events WHERE ${keyCondition(series.keyKind)}
       AND occurred_at >= ? AND occurred_at < ? AND type IN (${series.kind === 'pumping' ? `'code_sent'` : FAILURE_IN})`,
    [series.key, hour * HOUR_MS, (hour + 1) * HOUR_MS],
  )) as { at: number | null }[];
  return row?.at != null ? Number(row.at) : (hour + 1) * HOUR_MS;
}

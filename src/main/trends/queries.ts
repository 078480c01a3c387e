import type { TrendsValue } from '../../shared/contract/trends';
import type { Database } from '../db/database';
import { ERROR_EVENT_IDS } from '../../shared/events';

const DAY = 24 * 3600 * 1000;
const IN_ERRORS = ERROR_EVENT_IDS.map(() => '?').join(', ');

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Pivots (day, key, n) rows into one object per day, every day of the range present. */
function pivot(rows: { day: string; key: string; n: number }[], from: number, to: number) {
  const keys = new Map<string, number>();
  const byDay = new Map<string, Record<string, number | string>>();
  for (let t = from; t < to; t += DAY) byDay.set(isoDay(t), { day: isoDay(t) });
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    entry[row.key] = Number(row.n);
    keys.set(row.key, (keys.get(row.key) ?? 0) + Number(row.n));
  }
  const ordered = [...keys.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  for (const entry of byDay.values()) for (const k of ordered) entry[k] ??= 0;
  return { series: [...byDay.values()] as TrendsValue['daily'], keys: ordered };
}

/**
 * The admin's charts, each one GROUP BY in SQL (never rows loaded into JS): per-day figures
 * from the daily rollup, the hour of day from the indexed event log. Days are UTC days;
 * `to` is inclusive.
 */
export async function trends(db: Database, fromDay: string, toDay: string, carrierLimit = 12): Promise<TrendsValue> {
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const to = Date.parse(`${toDay}T00:00:00Z`) + DAY;
  const range = [from, to]; // for the hour of day, which the daily rollup cannot answer
  return db.read(async (m) => {
    // Everything but the hour of day comes from the daily rollup (UTC day x type x carrier x
    // country x code, kept current on every append), so the charts cost the same at 5M events.
    const dayRange = [Math.floor(from / DAY), Math.floor(to / DAY)];
    const daily = (await m.query(
      `SELECT strftime('%Y-%m-%d', day * 86400, 'unixepoch') AS day, type AS key, SUM(n) AS n
       FROM event_daily_counts WHERE day >= ? AND day < ? AND type IN (${IN_ERRORS})
       GROUP BY day, type`,
      [...dayRange, ...ERROR_EVENT_IDS],
    )) as { day: string; key: string; n: number }[];
    const carriers = (await m.query(
      `SELECT carrier,
              SUM(CASE WHEN type = 'sms_failure' THEN n ELSE 0 END) AS failures,
              SUM(CASE WHEN type = 'code_sent' THEN n ELSE 0 END) AS sent
       FROM event_daily_counts
       WHERE day >= ? AND day < ? AND carrier != '' AND type IN ('sms_failure', 'code_sent')
       GROUP BY carrier HAVING SUM(CASE WHEN type = 'sms_failure' THEN n ELSE 0 END) > 0
       ORDER BY failures DESC LIMIT ?`,
      [...dayRange, carrierLimit],
    )) as { carrier: string; failures: number; sent: number }[];
    const topCodes = (await m.query(
      `SELECT carrier, provider_code AS code, SUM(n) AS n FROM event_daily_counts
       WHERE day >= ? AND day < ? AND type = 'sms_failure' AND provider_code != '' AND carrier != ''
       GROUP BY carrier, provider_code`,
      dayRange,
    )) as { carrier: string; code: string; n: number }[];
    const provider = (await m.query(
      `SELECT strftime('%Y-%m-%d', day * 86400, 'unixepoch') AS day,
              CASE WHEN provider_code = '' THEN 'unknown' ELSE provider_code END AS key, SUM(n) AS n
       FROM event_daily_counts WHERE type = 'mfa_provider_failure' AND day >= ? AND day < ?
       GROUP BY 1, 2`,
      dayRange,
    )) as { day: string; key: string; n: number }[];
    const hours = (await m.query(
      `SELECT CAST((occurred_at / 3600000) % 24 AS INTEGER) AS hour, COUNT(*) AS n FROM events
       WHERE occurred_at >= ? AND occurred_at < ? AND type IN ('sms_failure', 'mfa_provider_failure')
       GROUP BY hour`,
      range,
    )) as { hour: number; n: number }[];
    const countries = (await m.query(
      `SELECT country, SUM(n) AS n FROM event_daily_counts
       WHERE day >= ? AND day < ? AND type IN ('sms_failure', 'mfa_provider_failure') AND country != ''
       GROUP BY country ORDER BY n DESC LIMIT 15`,
      dayRange,
    )) as { country: string; n: number }[];

    const best = new Map<string, { code: string; n: number }>();
    for (const row of topCodes) {
      const current = best.get(row.carrier);
      if (!current || row.n > current.n) best.set(row.carrier, { code: String(row.code), n: Number(row.n) });
    }
    const errorPivot = pivot(daily, from, to);
    const providerPivot = pivot(provider, from, to);
    const byHour = new Map(hours.map((h) => [Number(h.hour), Number(h.n)]));
    return {
      from,
      to,
      daily: errorPivot.series,
      types: errorPivot.keys,
      carriers: carriers.map((c) => {
        const failures = Number(c.failures);
        const sent = Number(c.sent);
        return {
          carrier: c.carrier,
          failures,
          sent,
          rate: sent > 0 ? failures / (sent + failures) : null,
          topCode: best.get(c.carrier)?.code ?? null,
        };
      }),
      providerDaily: providerPivot.series,
      providerCodes: providerPivot.keys,
      hours: Array.from({ length: 24 }, (_, hour) => ({ hour, failures: byHour.get(hour) ?? 0 })),
      countries: countries.map((c) => ({ country: c.country, failures: Number(c.n) })),
    };
  });
}

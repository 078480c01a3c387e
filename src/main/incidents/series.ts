import type { EntityManager } from 'typeorm';

/** What an incident is about: one carrier, country, provider, provider error code, or (pumping) country or number prefix. */
export type IncidentKind = 'carrier' | 'country' | 'provider' | 'error' | 'pumping';
export type KeyKind = 'carrier' | 'country' | 'provider' | 'error' | 'prefix';

/** One key's hourly series over [startHour, startHour + length). */
export interface KeySeries {
  kind: IncidentKind;
  keyKind: KeyKind;
  key: string;
  startHour: number;
  /** Failure detector: sends (incl. provider failures: attempts). Pumping: sends. */
  sends: Float64Array;
  /** Failure detector: failed deliveries + provider failures. Pumping: failed deliveries. */
  failures: Float64Array;
  /** Successful checks (sign-ins by SMS code). */
  conversions: Float64Array;
}

interface Row {
  hour: number;
  key: string;
  sends: number;
  failures: number;
  conversions: number;
}

const FAILURE_KEYS: Record<'carrier' | 'country' | 'provider', string> = {
  carrier: 'carrier',
  country: 'country',
  provider: 'provider',
};

function collect(
  rows: Row[],
  kind: IncidentKind,
  keyKind: KeyKind,
  startHour: number,
  length: number,
): Map<string, KeySeries> {
  const out = new Map<string, KeySeries>();
  for (const row of rows) {
    let series = out.get(row.key);
    if (!series) {
      series = {
        kind,
        keyKind,
        key: row.key,
        startHour,
        sends: new Float64Array(length),
        failures: new Float64Array(length),
        conversions: new Float64Array(length),
      };
      out.set(row.key, series);
    }
    const i = Number(row.hour) - startHour;
    series.sends[i] += Number(row.sends);
    series.failures[i] += Number(row.failures);
    series.conversions[i] += Number(row.conversions);
  }
  return out;
}

/**
 * Every key's hourly series of the failure detector (carriers, countries, providers, error codes) and
 * of the pumping detector (countries and number prefixes), read from the hourly rollups with one
 * GROUP BY per key kind: the event log itself is never read here.
 */
export async function loadSeries(manager: EntityManager, startHour: number, endHour: number): Promise<KeySeries[]> {
  const length = endHour - startHour;
  if (length <= 0) return [];
  const range = [startHour, endHour];
  const all: KeySeries[] = [];
  for (const [kind, column] of Object.entries(FAILURE_KEYS) as [keyof typeof FAILURE_KEYS, string][]) {
    const rows = (await manager.query(
      `SELECT hour, ${column} AS key, SUM(sends + provider_failures) AS sends,
         SUM(delivery_failures + provider_failures) AS failures, SUM(conversions) AS conversions
       FROM event_hourly_rollups WHERE hour >= ? AND hour < ? AND ${column} <> ''
       GROUP BY hour, ${column}`,
      range,
    )) as Row[];
    all.push(...collect(rows, kind, kind, startHour, length).values());
  }
  // Error codes: that code's failures against every attempt of the hour.
  const totals = (await manager.query(
    `SELECT hour, SUM(sends + provider_failures) AS sends FROM event_hourly_rollups
     WHERE hour >= ? AND hour < ? GROUP BY hour`,
    range,
  )) as { hour: number; sends: number }[];
  const attempts = new Float64Array(length);
  for (const t of totals) attempts[Number(t.hour) - startHour] = Number(t.sends);
  const codes = (await manager.query(
    `SELECT hour, provider_code AS key, 0 AS sends, SUM(delivery_failures + provider_failures) AS failures, 0 AS conversions
     FROM event_hourly_rollups WHERE hour >= ? AND hour < ? AND provider_code <> '' GROUP BY hour, provider_code`,
    range,
  )) as Row[];
  for (const series of collect(codes, 'error', 'error', startHour, length).values()) {
    series.sends.set(attempts);
    all.push(series);
  }
  for (const keyKind of ['country', 'prefix'] as const) {
    const rows = (await manager.query(
      `SELECT hour, ${keyKind} AS key, SUM(sends) AS sends, SUM(delivery_failures) AS failures, SUM(conversions) AS conversions
       FROM event_hourly_rollups WHERE hour >= ? AND hour < ? AND ${keyKind} <> ''
       GROUP BY hour, ${keyKind}`,
      range,
    )) as Row[];
    all.push(...collect(rows, 'pumping', keyKind, startHour, length).values());
  }
  return all;
}

import type { EntityManager } from 'typeorm';
import { rawConnection } from '../events/raw-runner';

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

interface RollupRow {
  hour: number;
  carrier: string;
  country: string;
  provider: string;
  provider_code: string;
  prefix: string;
  sends: number;
  delivery_failures: number;
  provider_failures: number;
  conversions: number;
}

const CHUNK_HOURS = 168;

class SeriesSet {
  /** One map per kind and key kind: no string built per row. */
  private readonly maps = new Map<string, Map<string, KeySeries>>();
  constructor(
    private readonly startHour: number,
    private readonly length: number,
  ) {}

  of(kind: IncidentKind, keyKind: KeyKind): Map<string, KeySeries> {
    const id = `${kind}:${keyKind}`;
    let map = this.maps.get(id);
    if (!map) this.maps.set(id, (map = new Map()));
    return map;
  }

  get(map: Map<string, KeySeries>, kind: IncidentKind, keyKind: KeyKind, key: string): KeySeries {
    let series = map.get(key);
    if (!series) {
      series = {
        kind,
        keyKind,
        key,
        startHour: this.startHour,
        sends: new Float64Array(this.length),
        failures: new Float64Array(this.length),
        conversions: new Float64Array(this.length),
      };
      map.set(key, series);
    }
    return series;
  }

  all(): KeySeries[] {
    return [...this.maps.values()].flatMap((m) => [...m.values()]);
  }
}

/**
 * Every key's hourly series of the failure detector (carriers, countries, providers, error codes) and
 * of the pumping detector (countries and number prefixes), from one pass over the hourly rollups of
 * the range, streamed row by row: the event log itself is never read here.
 */
export async function loadSeries(manager: EntityManager, startHour: number, endHour: number): Promise<KeySeries[]> {
  const length = endHour - startHour;
  if (length <= 0) return [];
  const set = new SeriesSet(startHour, length);
  const attempts = new Float64Array(length);
  const carriers = set.of('carrier', 'carrier');
  const countries = set.of('country', 'country');
  const providers = set.of('provider', 'provider');
  const errors = set.of('error', 'error');
  const pumpCountries = set.of('pumping', 'country');
  const pumpPrefixes = set.of('pumping', 'prefix');
  const onRow = (row: RollupRow) => {
    const i = row.hour - startHour;
    const tried = row.sends + row.provider_failures;
    const failed = row.delivery_failures + row.provider_failures;
    attempts[i] += tried;
    const bump = (map: Map<string, KeySeries>, kind: IncidentKind, key: string) => {
      if (!key) return;
      const s = set.get(map, kind, kind as KeyKind, key);
      s.sends[i] += tried;
      s.failures[i] += failed;
      s.conversions[i] += row.conversions;
    };
    bump(carriers, 'carrier', row.carrier);
    bump(countries, 'country', row.country);
    bump(providers, 'provider', row.provider);
    if (row.provider_code && failed > 0) set.get(errors, 'error', 'error', row.provider_code).failures[i] += failed;
    for (const [map, keyKind, key] of [
      [pumpCountries, 'country', row.country],
      [pumpPrefixes, 'prefix', row.prefix],
    ] as const) {
      if (!key) continue;
      const s = set.get(map, 'pumping', keyKind, key);
      s.sends[i] += row.sends;
      s.failures[i] += row.delivery_failures;
      s.conversions[i] += row.conversions;
    }
  };
  // A week of hours per read: few round trips, and memory bounded however long the range.
  const connection = rawConnection(manager);
  for (let from = startHour; from < endHour; from += CHUNK_HOURS) {
    const rows = await new Promise<RollupRow[]>((resolve, reject) =>
      connection.all(
        `SELECT hour, carrier, country, provider, provider_code, prefix, sends, delivery_failures, provider_failures, conversions
         FROM event_hourly_rollups WHERE hour >= ? AND hour < ?`,
        [from, Math.min(endHour, from + CHUNK_HOURS)],
        (error: Error | null, result: RollupRow[]) => (error ? reject(error) : resolve(result)),
      ),
    );
    for (const row of rows) onRow(row);
  }
  // Error codes: that code's failures against every attempt of the hour.
  for (const s of errors.values()) s.sends.set(attempts);
  return set.all();
}

import type { EntityManager } from 'typeorm';
import { rawRunner } from '../events/raw-runner';

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
  delivered: number;
}

/**
 * An hour's attempts: the live log's sends (a failure there is a later event of the same send), or
 * an imported vendor log's messages, delivered or failed (it has no `code_sent`), whichever is more;
 * plus the provider's own failures (no send was made).
 */
export const attemptsOf = (sent: number, delivered: number, deliveryFailures: number, providerFailures: number) =>
  Math.max(sent, delivered + deliveryFailures) + providerFailures;

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
  // Per series (and for the hour as a whole): sends, delivered, failed deliveries, provider failures,
  // summed over the rollup rows first (a failure's row is not its send's row), then made attempts.
  const parts = new Map<KeySeries | 'hour', Float64Array[]>();
  const partsOf = (key: KeySeries | 'hour') => {
    let p = parts.get(key);
    if (!p) parts.set(key, (p = [0, 1, 2, 3].map(() => new Float64Array(length))));
    return p;
  };
  const add = (key: KeySeries | 'hour', i: number, row: RollupRow) => {
    const [sent, delivered, failed, provider] = partsOf(key);
    sent[i] += row.sends;
    delivered[i] += row.delivered;
    failed[i] += row.delivery_failures;
    provider[i] += row.provider_failures;
  };
  const carriers = set.of('carrier', 'carrier');
  const countries = set.of('country', 'country');
  const providers = set.of('provider', 'provider');
  const errors = set.of('error', 'error');
  const pumpCountries = set.of('pumping', 'country');
  const pumpPrefixes = set.of('pumping', 'prefix');
  const onRow = (row: RollupRow) => {
    const i = row.hour - startHour;
    const failed = row.delivery_failures + row.provider_failures;
    add('hour', i, row);
    const bump = (map: Map<string, KeySeries>, kind: IncidentKind, key: string) => {
      if (!key) return;
      const s = set.get(map, kind, kind as KeyKind, key);
      add(s, i, row);
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
      s.sends[i] += row.sends + row.delivered;
      s.failures[i] += row.delivery_failures;
      s.conversions[i] += row.conversions;
    }
  };
  // A week of hours per read: few round trips, and memory bounded however long the range.
  const runner = rawRunner(manager);
  for (let from = startHour; from < endHour; from += CHUNK_HOURS) {
    const rows = (await runner.query(
      `SELECT hour, carrier, country, provider, provider_code, prefix, sends, delivery_failures, provider_failures, conversions,
         delivered
       FROM event_hourly_rollups WHERE hour >= ? AND hour < ?`,
      [from, Math.min(endHour, from + CHUNK_HOURS)],
    )) as RollupRow[];
    for (const row of rows) onRow(row);
  }
  const attemptsFrom = ([sent, delivered, failed, provider]: Float64Array[]) =>
    sent.map((n, i) => attemptsOf(n, delivered[i], failed[i], provider[i]));
  for (const [key, p] of parts) if (key !== 'hour') key.sends.set(attemptsFrom(p));
  // Error codes: that code's failures against every attempt of the hour.
  const attempts = attemptsFrom(partsOf('hour'));
  for (const s of errors.values()) s.sends.set(attempts);
  return set.all();
}

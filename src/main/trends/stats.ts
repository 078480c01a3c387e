import type { StatsBy, StatsInput, StatsRow, StatsValue, TrendViewsValue } from '../../shared/contract/trends';
import type { SqlRunner } from '../events/index-range';
import { HOUR_MS, hourOfDaySql, localHourStartSql, offsetSegments, weekdaySql } from '../events/local-clock';
import { parseZone, resolveRange } from '../events/time-range';

/** The rollups' key columns each grouping reads, as SQL over event_chart_rollups (alias r). */
const DAY_MS = 86_400_000;
/** The local day as a day number (formatted in JS: cheaper than strftime on every rollup row). */
const dayNumberSql = (local: string) => `(${local} / ${DAY_MS})`;

function keyColumns(by: StatsBy, local: string): Record<string, string> {
  switch (by) {
    case 'day':
      return { day: dayNumberSql(local) };
    case 'hour':
      return { hour: hourOfDaySql(local) };
    case 'weekday-hour':
      return { weekday: weekdaySql(local), hour: hourOfDaySql(local) };
    case 'carrier':
      return { carrier: 'r.carrier' };
    case 'country':
      return { country: 'r.country' };
    case 'code':
      return { code: 'r.provider_code' };
    case 'carrier-day':
      return { carrier: 'r.carrier', day: dayNumberSql(local) };
  }
}

/** Groupings by a name: the most failing first, a row per name that has one (no "unknown"). */
const RANKED: ReadonlySet<StatsBy> = new Set(['carrier', 'country', 'code']);
const NAMED: Partial<Record<StatsBy, string>> = {
  carrier: 'carrier',
  country: 'country',
  code: 'provider_code',
  'carrier-day': 'carrier',
};

const counter = (column: string, type: string, types: readonly string[] | undefined) =>
  !types || types.includes(type) ? `SUM(r.${column})` : '0';

const rate = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);

interface RawRow {
  sends: number;
  delivery_failures: number;
  provider_failures: number;
  conversions: number;
  [key: string]: unknown;
}

/**
 * Sends, failures and conversions grouped one way, every figure a GROUP BY over the hourly rollups
 * (event_chart_rollups: hour x carrier x country x code; never the event log), so a chart costs the
 * same at 5M events as at 5,000. Days, hours of day and weekdays are in `timeZone`: each UTC hour is
 * placed at the local time it starts, as the explorer's filters place an event (local-clock.ts).
 * The charts and `mfa-console stats` both answer through this function.
 */
export async function stats(runner: SqlRunner, input: StatsInput): Promise<StatsValue> {
  const zoneName = input.timeZone ?? 'UTC';
  const zone = parseZone(zoneName);
  const range = resolveRange(input.from, input.to, zoneName);
  const where: string[] = [];
  const params: unknown[] = [];
  if (range.from !== null) where.push(`r.hour >= ${Math.ceil(range.from / HOUR_MS)}`);
  if (range.to !== null) where.push(`r.hour < ${Math.ceil(range.to / HOUR_MS)}`);
  const [span] = (await runner.query(
    `SELECT MIN(hour) AS lo, MAX(hour) AS hi FROM event_chart_rollups r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
  )) as { lo: number | null; hi: number | null }[];
  const segments = offsetSegments(zone, Number(span?.lo ?? 0) * HOUR_MS, (Number(span?.hi ?? 0) + 1) * HOUR_MS);
  const local = localHourStartSql('r.hour', segments);

  for (const [value, column] of [
    [input.carrier, 'carrier'],
    [input.country, 'country'],
    [input.code, 'provider_code'],
  ] as const) {
    if (value === undefined) continue;
    where.push(`r.${column} = ?`);
    params.push(value);
  }
  const named = NAMED[input.by];
  if (named) where.push(`r.${named} != ''`);

  const keys = keyColumns(input.by, local);
  const keyNames = Object.keys(keys);
  const ranked = RANKED.has(input.by);
  const t = input.types;
  // Aggregates, not the aliases: inside an expression SQLite would read the rollup's own columns.
  const failuresSql = `(${counter('delivery_failures', 'sms_failure', t)} + ${counter('provider_failures', 'mfa_provider_failure', t)})`;
  const rows = (await runner.query(
    `SELECT ${keyNames.map((k) => `${keys[k]} AS "${k}"`).join(', ')},
       ${counter('sends', 'code_sent', t)} AS sends,
       ${counter('delivery_failures', 'sms_failure', t)} AS delivery_failures,
       ${counter('provider_failures', 'mfa_provider_failure', t)} AS provider_failures,
       ${counter('conversions', 'sign_in_succeeded', t)} AS conversions
     FROM event_chart_rollups r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY ${keyNames.map((_, i) => i + 1).join(', ')}
     ${
       ranked
         ? `ORDER BY ${failuresSql} + 0 DESC, ${counter('sends', 'code_sent', t)} + 0 DESC, 1 LIMIT ${input.limit ?? 20}`
         : `ORDER BY ${keyNames.map((_, i) => i + 1).join(', ')}`
     }`,
    params,
  )) as RawRow[];

  // An error code's rate is over every attempt of the range: the sends carry no code.
  let attempts: number | null = null;
  if (input.by === 'code') {
    // The code filter is the last term and parameter when given; the totals drop it and the named-only term.
    const totalWhere = where.filter((w) => w !== `r.provider_code = ?` && w !== `r.provider_code != ''`);
    const totalParams = input.code === undefined ? params : params.slice(0, -1);
    const [total] = (await runner.query(
      `SELECT ${counter('sends', 'code_sent', t)} + ${counter('provider_failures', 'mfa_provider_failure', t)} AS n
       FROM event_chart_rollups r ${totalWhere.length ? `WHERE ${totalWhere.join(' AND ')}` : ''}`,
      totalParams,
    )) as { n: number | null }[];
    attempts = Number(total?.n ?? 0);
  }

  const out = rows.map((raw) => {
    const row = { ...toRow(raw, attempts) };
    for (const k of keyNames)
      (row as Record<string, unknown>)[k] =
        k === 'hour' || k === 'weekday'
          ? Number(raw[k])
          : k === 'day'
            ? new Date(Number(raw[k]) * DAY_MS).toISOString().slice(0, 10)
            : String(raw[k]);
    return row;
  });
  return { by: input.by, from: range.from, to: range.to, timeZone: zoneName, rows: complete(input.by, out, input) };
}

function toRow(raw: RawRow, attempts: number | null): StatsRow {
  const sends = Number(raw.sends);
  const deliveryFailures = Number(raw.delivery_failures);
  const providerFailures = Number(raw.provider_failures);
  const failures = deliveryFailures + providerFailures;
  const conversions = Number(raw.conversions);
  return {
    sends: attempts === null ? sends : 0,
    deliveryFailures,
    providerFailures,
    failures,
    conversions,
    // A failure always belongs to a send: the exposure is at least the failures (docs/incidents.md).
    failureRate: rate(failures, attempts ?? Math.max(sends + providerFailures, failures)),
    conversionRate: attempts === null ? rate(conversions, sends) : null,
  };
}

const EMPTY = (): StatsRow => ({
  sends: 0,
  deliveryFailures: 0,
  providerFailures: 0,
  failures: 0,
  conversions: 0,
  failureRate: null,
  conversionRate: null,
});

/** Every hour of day, every weekday x hour and every day of a closed range present, in order. */
function complete(by: StatsBy, rows: StatsRow[], range: { from?: string; to?: string }): StatsRow[] {
  if (by === 'hour') {
    const at = new Map(rows.map((r) => [r.hour, r]));
    return Array.from({ length: 24 }, (_, hour) => at.get(hour) ?? { hour, ...EMPTY() });
  }
  if (by === 'weekday-hour') {
    const at = new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, r]));
    const cells: StatsRow[] = [];
    for (let weekday = 1; weekday <= 7; weekday++)
      for (let hour = 0; hour < 24; hour++) cells.push(at.get(`${weekday}:${hour}`) ?? { weekday, hour, ...EMPTY() });
    return cells;
  }
  if (by === 'day' && range.from && range.to) {
    const at = new Map(rows.map((r) => [r.day, r]));
    return calendarDays(range.from, range.to).map((day) => at.get(day) ?? { day, ...EMPTY() });
  }
  return rows;
}

/** The calendar days from `from` to `to` (YYYY-MM-DD), both included. */
export function calendarDays(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The Trends page's four views over one range, in one read. */
export async function trendViews(
  runner: SqlRunner,
  input: { from: string; to: string; timeZone?: string },
): Promise<TrendViewsValue> {
  const [carrierDay, weekdayHour, carriers, countries] = [
    await stats(runner, { ...input, by: 'carrier-day' }),
    await stats(runner, { ...input, by: 'weekday-hour' }),
    await stats(runner, { ...input, by: 'carrier', limit: 12 }),
    await stats(runner, { ...input, by: 'country', limit: 15 }),
  ];
  return {
    timeZone: carrierDay.timeZone,
    carrierDay: carrierDay.rows,
    weekdayHour: weekdayHour.rows,
    carriers: carriers.rows,
    countries: countries.rows,
  };
}

import type { EventTotal } from '../../shared/contract/events';
import { countableByDay, type ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { DEFAULT_SORT, filterTerms, pageSql } from './query-sql';

/** Up to this many matches the total is counted exactly on every first page. */
export const EXACT_COUNT_LIMIT = 10_000;
const DAY = 86_400_000;

/** FROM + WHERE for counting (text search joins the FTS index). */
function countSource(f: ResolvedFilters): { from: string; where: string; params: unknown[] } {
  const base = filterTerms(f);
  if (f.match === null) return { from: 'events e', where: base.sql || '1', params: base.params };
  return {
    from: 'events_fts CROSS JOIN events e ON e.id = events_fts.rowid',
    where: ['events_fts MATCH ?', base.sql].filter(Boolean).join(' AND '),
    params: [f.match, ...base.params],
  };
}

/** The exact number of matching events: a full count, which can take a while on millions. */
export async function exactCount(runner: SqlRunner, f: ResolvedFilters): Promise<EventTotal> {
  if (countableByDay(f) && alignedToDays(f)) return dailyCount(runner, f);
  const source = countSource(f);
  const [row] = (await runner.query(
    `SELECT COUNT(*) AS n FROM ${source.from} WHERE ${source.where}`,
    source.params,
  )) as {
    n: number;
  }[];
  return { value: Number(row.n), exact: true, method: 'count' };
}

/**
 * The total for a first page, cheaply: exact up to EXACT_COUNT_LIMIT; above that from
 * the daily counts (exact when the range falls on UTC day boundaries, otherwise pro-rated),
 * or by extrapolating how far back the newest EXACT_COUNT_LIMIT matches reach.
 */
export async function quickCount(runner: SqlRunner, f: ResolvedFilters): Promise<EventTotal> {
  const source = countSource(f);
  const [row] = (await runner.query(
    `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${source.from} WHERE ${source.where} LIMIT ${EXACT_COUNT_LIMIT + 1})`,
    source.params,
  )) as { n: number }[];
  const capped = Number(row.n);
  if (capped <= EXACT_COUNT_LIMIT) return { value: capped, exact: true, method: 'count' };
  if (countableByDay(f)) return dailyCount(runner, f);
  return extrapolate(runner, f);
}

function alignedToDays(f: ResolvedFilters): boolean {
  return (f.range.from === null || f.range.from % DAY === 0) && (f.range.to === null || f.range.to % DAY === 0);
}

/** Sums the daily counts; partial days at the ends are pro-rated, and then it is an estimate. */
async function dailyCount(runner: SqlRunner, f: ResolvedFilters): Promise<EventTotal> {
  const terms: string[] = [];
  const params: unknown[] = [];
  const add = (term: string, ...values: unknown[]) => {
    terms.push(term);
    params.push(...values);
  };
  if (f.types.length > 0) add(`type IN (${f.types.map(() => '?').join(', ')})`, ...f.types);
  if (f.carrier !== null) add('carrier = ?', f.carrier);
  if (f.country !== null) add('country = ?', f.country);
  if (f.code !== null) add('provider_code = ?', f.code);
  const fromDay = f.range.from === null ? null : Math.floor(f.range.from / DAY);
  const toDay = f.range.to === null ? null : Math.floor((f.range.to - 1) / DAY);
  if (fromDay !== null) add('day >= ?', fromDay);
  if (toDay !== null) add('day <= ?', toDay);
  const rows = (await runner.query(
    `SELECT day, SUM(n) AS n FROM event_daily_counts WHERE ${terms.join(' AND ') || '1'} GROUP BY day`,
    params,
  )) as { day: number; n: number }[];
  let total = 0;
  for (const { day, n } of rows) {
    const start = Math.max(day * DAY, f.range.from ?? -Infinity);
    const end = Math.min((day + 1) * DAY, f.range.to ?? Infinity);
    total += (Number(n) * (end - start)) / DAY;
  }
  const exact = alignedToDays(f);
  return { value: Math.round(total), exact, method: 'daily-counts' };
}

/** Matches per unit of time among the newest matches, times the whole range. */
async function extrapolate(runner: SqlRunner, f: ResolvedFilters): Promise<EventTotal> {
  const page = pageSql(f, DEFAULT_SORT, null, EXACT_COUNT_LIMIT);
  const [sample] = (await runner.query(
    `SELECT MIN(occurred_at) AS oldest, MAX(occurred_at) AS newest, COUNT(*) AS n FROM (${page.sql})`,
    page.params,
  )) as { oldest: number; newest: number; n: number }[];
  const [bounds] = (await runner.query(
    'SELECT (SELECT MIN(occurred_at) FROM events) AS first, (SELECT MAX(occurred_at) FROM events) AS last',
  )) as { first: number; last: number }[];
  const end = Math.min(f.range.to ?? Infinity, Number(bounds.last) + 1);
  const start = Math.max(f.range.from ?? -Infinity, Number(bounds.first));
  const covered = Math.max(1, end - Number(sample.oldest));
  const estimate = Math.max(Number(sample.n), Math.round((Number(sample.n) * (end - start)) / covered));
  return { value: estimate, exact: false, method: 'estimate' };
}

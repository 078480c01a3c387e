import type { EventTotal } from '../../shared/contract/events';
import { countableByDay, type ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { filterTerms } from './query-sql';

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
 * The total for a first page, cheaply. Filters the daily counts can answer are answered
 * there (exact when the range falls on UTC day boundaries). Otherwise the newest
 * EXACT_COUNT_LIMIT + 1 matches are counted in index order: fewer means the count is
 * exact; more, and the total is extrapolated from how far back in time they reach.
 */
export async function quickCount(runner: SqlRunner, f: ResolvedFilters): Promise<EventTotal> {
  if (countableByDay(f)) {
    const daily = await dailyCount(runner, f);
    if (daily.exact || daily.value > 2 * EXACT_COUNT_LIMIT) return daily;
  }
  const sample = await newestMatches(runner, f);
  if (sample.n <= EXACT_COUNT_LIMIT) return { value: sample.n, exact: true, method: 'count' };
  return extrapolate(runner, f, sample);
}

interface Sample {
  n: number;
  /** occurred_at of the oldest of the newest EXACT_COUNT_LIMIT + 1 matches. */
  oldest: number;
}

/** Counts up to EXACT_COUNT_LIMIT + 1 of the newest matches, reading only what the indexes give. */
async function newestMatches(runner: SqlRunner, f: ResolvedFilters): Promise<Sample> {
  const limit = EXACT_COUNT_LIMIT + 1;
  const base = filterTerms(f);
  let sql: string;
  let params: unknown[];
  if (f.match !== null && f.idsFollowTime && base.sql === '') {
    // Text alone: the FTS index answers by itself, newest first by rowid.
    sql = `SELECT n, (SELECT occurred_at FROM events WHERE id = oldest_id) AS oldest FROM (
             SELECT COUNT(*) AS n, MIN(rowid) AS oldest_id FROM (
               SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ${limit}))`;
    params = [f.match];
  } else if (f.match !== null && f.idsFollowTime) {
    sql = `SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM (
             SELECT e.occurred_at FROM events_fts CROSS JOIN events e ON e.id = events_fts.rowid
             WHERE events_fts MATCH ? AND ${base.sql} ORDER BY events_fts.rowid DESC LIMIT ${limit})`;
    params = [f.match, ...base.params];
  } else {
    const terms = [base.sql, f.match ? 'e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)' : '']
      .filter(Boolean)
      .join(' AND ');
    sql = `SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM (
             SELECT e.occurred_at FROM events e WHERE ${terms || '1'}
             ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit})`;
    params = f.match ? [...base.params, f.match] : base.params;
  }
  const [row] = (await runner.query(sql, params)) as { n: number; oldest: number | null }[];
  return { n: Number(row.n), oldest: Number(row.oldest ?? 0) };
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
  // Whole days count fully; the partial first and last day are pro-rated by the share covered.
  const [row] = (await runner.query(
    `SELECT SUM(n) AS total,
            SUM(CASE WHEN day = ? THEN n ELSE 0 END) AS first_day,
            SUM(CASE WHEN day = ? THEN n ELSE 0 END) AS last_day
     FROM event_daily_counts WHERE ${terms.join(' AND ') || '1'}`,
    [fromDay ?? -1, toDay ?? -1, ...params],
  )) as { total: number | null; first_day: number | null; last_day: number | null }[];
  let total = Number(row.total ?? 0);
  const share = (day: number) =>
    (Math.min((day + 1) * DAY, f.range.to ?? Infinity) - Math.max(day * DAY, f.range.from ?? -Infinity)) / DAY;
  if (fromDay !== null) total -= Number(row.first_day ?? 0) * (1 - share(fromDay));
  if (toDay !== null && toDay !== fromDay) total -= Number(row.last_day ?? 0) * (1 - share(toDay));
  const exact = alignedToDays(f);
  return { value: Math.round(total), exact, method: 'daily-counts' };
}

/** Matches per unit of time among the newest matches, times the whole range. */
async function extrapolate(runner: SqlRunner, f: ResolvedFilters, sample: Sample): Promise<EventTotal> {
  const [bounds] = (await runner.query(
    'SELECT (SELECT MIN(occurred_at) FROM events) AS first, (SELECT MAX(occurred_at) FROM events) AS last',
  )) as { first: number; last: number }[];
  const end = Math.min(f.range.to ?? Infinity, Number(bounds.last) + 1);
  const start = Math.max(f.range.from ?? -Infinity, Number(bounds.first));
  const covered = Math.max(1, end - sample.oldest);
  const estimate = Math.max(sample.n, Math.round((sample.n * (end - start)) / covered));
  return { value: estimate, exact: false, method: 'estimate' };
}

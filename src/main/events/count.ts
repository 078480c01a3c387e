import type { EventTotal } from '../../shared/contract/events';
import { countableByDay, type ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { filterTerms, ftsIdBounds } from './query-sql';

/** Up to this many matches the total is counted exactly on every first page. */
export const EXACT_COUNT_LIMIT = 10_000;
const DAY = 86_400_000;

/** FROM + WHERE for counting (text search joins the FTS index). */
function countSource(f: ResolvedFilters): { from: string; where: string; params: unknown[] } {
  const base = filterTerms(f);
  if (f.match === null) return { from: 'events e', where: base.sql || '1', params: base.params };
  // Text alone: the FTS index counts its matches without reading the events.
  if (base.sql === '') return { from: 'events_fts', where: 'events_fts MATCH ?', params: [f.match] };
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
  if (sample.scaled) {
    const { estimate, exact } = sample.scaled;
    return exact ? { value: estimate, exact, method: 'count' } : { value: estimate, exact, method: 'estimate' };
  }
  if (sample.n <= EXACT_COUNT_LIMIT) return { value: sample.n, exact: true, method: 'count' };
  return extrapolate(runner, f, sample);
}

interface Sample {
  n: number;
  /** occurred_at of the oldest of the newest EXACT_COUNT_LIMIT + 1 matches. */
  oldest: number;
  /** Set when the sample is a share of the text matches rather than the newest matches. */
  scaled?: { estimate: number; exact: boolean };
}

/** Text matches walked newest first, at most this many, when other filters narrow them further. */
const TEXT_SCAN_LIMIT = 20_000;

/**
 * Text plus other filters: the other filters are checked on at most TEXT_SCAN_LIMIT of the
 * newest text matches. Having seen them all, the count is exact; otherwise the matches per
 * unit of time among those seen are extrapolated over the range. This keeps a first page
 * fast however common the words are.
 */
async function newestTextMatches(runner: SqlRunner, f: ResolvedFilters): Promise<Sample> {
  const base = filterTerms(f);
  const bounds = ftsIdBounds(f);
  const [row] = (await runner.query(
    `SELECT SUM(ok) AS n, COUNT(*) AS scanned, MIN(occurred_at) AS oldest FROM (
       SELECT (${base.sql}) AS ok, e.occurred_at FROM events_fts CROSS JOIN events e ON e.id = events_fts.rowid
       WHERE ${['events_fts MATCH ?', ...bounds.terms].join(' AND ')}
       ORDER BY events_fts.rowid DESC LIMIT ${TEXT_SCAN_LIMIT})`,
    [...base.params, f.match, ...bounds.params],
  )) as { n: number | null; scanned: number; oldest: number | null }[];
  const n = Number(row.n ?? 0);
  if (Number(row.scanned) < TEXT_SCAN_LIMIT)
    return { n, oldest: Number(row.oldest ?? 0), scaled: { estimate: n, exact: true } };
  const end = await rangeEnd(runner, f);
  const start = await rangeStart(runner, f);
  const covered = Math.max(1, end - Number(row.oldest));
  return {
    n,
    oldest: Number(row.oldest),
    scaled: { estimate: Math.round((n * (end - start)) / covered), exact: false },
  };
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
    return newestTextMatches(runner, f);
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

async function logBounds(runner: SqlRunner): Promise<{ first: number; last: number }> {
  const [bounds] = (await runner.query(
    'SELECT (SELECT MIN(occurred_at) FROM events) AS first, (SELECT MAX(occurred_at) FROM events) AS last',
  )) as { first: number; last: number }[];
  return { first: Number(bounds.first), last: Number(bounds.last) };
}

async function rangeEnd(runner: SqlRunner, f: ResolvedFilters): Promise<number> {
  return Math.min(f.range.to ?? Infinity, (await logBounds(runner)).last + 1);
}

async function rangeStart(runner: SqlRunner, f: ResolvedFilters): Promise<number> {
  return Math.max(f.range.from ?? -Infinity, (await logBounds(runner)).first);
}

/** Matches per unit of time among the newest matches, times the whole range. */
async function extrapolate(runner: SqlRunner, f: ResolvedFilters, sample: Sample): Promise<EventTotal> {
  const end = await rangeEnd(runner, f);
  const start = await rangeStart(runner, f);
  const covered = Math.max(1, end - sample.oldest);
  const estimate = Math.max(sample.n, Math.round((sample.n * (end - start)) / covered));
  return { value: estimate, exact: false, method: 'estimate' };
}

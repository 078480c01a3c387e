import type { EventTotal } from '../../shared/contract/events';
import { countableByDay, type ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { filterTerms, ftsIdBounds, ON_TIME, type Sql } from './query-sql';
import { literalIdRange, projectedTextMatches, rowidOrdered } from './text-order';

/** Up to this many matches the total is counted exactly on every first page. */
export const EXACT_COUNT_LIMIT = 10_000;
const DAY = 86_400_000;

/** FROM + WHERE for counting (text search joins the FTS index). */
function countSource(f: ResolvedFilters): { from: string; where: string; params: unknown[] } {
  const base = filterTerms(f);
  if (f.match === null) return { from: 'events e', where: base.sql || '1 = 1', params: base.params };
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
  if (countableByDay(f)) return dailyCount(runner, f);
  if (f.match !== null && f.textIndex === 'gin' && (f.range.from !== null || f.range.to !== null)) {
    return exactTextCountInRange(runner, f);
  }
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
 * Text in a time range on a GIN index: the range as an id range the planner can see (a GIN index
 * alone would collect every match of the whole log first), for the on-time events; the late ones
 * counted through their own index.
 */
async function exactTextCountInRange(runner: SqlRunner, f: ResolvedFilters): Promise<EventTotal> {
  const base = filterTerms(f);
  const ids = await literalIdRange(runner, ftsIdBounds(f));
  let n = 0;
  if (ids) {
    const where = [
      { sql: 'events_fts MATCH ?', params: [f.match] },
      ids,
      ...(base.sql ? [base] : []),
      ...(f.hasLateEvents ? [{ sql: ON_TIME('e'), params: [] }] : []),
    ];
    const [row] = (await runner.query(
      `SELECT COUNT(*) AS n FROM events_fts CROSS JOIN events e ON e.id = events_fts.rowid
       WHERE ${where.map((p) => p.sql).join(' AND ')}`,
      where.flatMap((p) => p.params),
    )) as { n: number }[];
    n = Number(row.n);
  }
  const late = f.hasLateEvents ? await lateTextMatches(runner, f) : 0;
  return { value: n + late, exact: true, method: 'count' };
}

/**
 * The total for a first page, cheaply. Filters the daily counts can answer (types,
 * carrier, country, code, dates) are answered there, exactly. Otherwise the newest
 * EXACT_COUNT_LIMIT + 1 matches are counted in index order: fewer means the count is
 * exact; more, and the total is extrapolated from how far back in time they reach.
 */
export async function quickCount(runner: SqlRunner, f: ResolvedFilters): Promise<EventTotal> {
  if (countableByDay(f)) return dailyCount(runner, f);
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
const TEXT_SCAN_LIMIT = 5_000;

/**
 * Text plus other filters: the other filters are checked on at most TEXT_SCAN_LIMIT of the
 * newest text matches. Having seen them all, the count is exact; otherwise the matches per
 * unit of time among those seen are extrapolated over the range. This keeps a first page
 * fast however common the words are.
 */
async function newestTextMatches(runner: SqlRunner, f: ResolvedFilters): Promise<Sample> {
  const base = filterTerms(f);
  const from = 'events_fts CROSS JOIN events e ON e.id = events_fts.rowid';
  const where = textOnly(f, [...ftsIdBounds(f), ...(f.hasLateEvents ? [{ sql: ON_TIME('e'), params: [] }] : [])]);
  // Late events are counted exactly through their own search index.
  const late = f.hasLateEvents ? await lateTextMatches(runner, f) : 0;
  const projected = await projectedTextMatches(runner, f.textIndex, {
    where,
    limit: TEXT_SCAN_LIMIT,
    from,
    filter: base,
  });
  if (projected) return estimated(projected.kept + late);
  const newest = await rowidOrdered(runner, f.textIndex, {
    select: { sql: `events_fts.rowid AS id, (${base.sql}) AS ok, e.occurred_at`, params: base.params },
    from,
    where,
    key: 'id',
    direction: 'DESC',
    limit: TEXT_SCAN_LIMIT,
    few: f.textIndex === 'gin',
  });
  const [row] = (await runner.query(
    `SELECT SUM(CASE WHEN ok THEN 1 ELSE 0 END) AS n, COUNT(*) AS scanned, MIN(occurred_at) AS oldest FROM (${newest.sql}) sample`,
    newest.params,
  )) as { n: number | null; scanned: number; oldest: number | null }[];
  const n = Number(row.n ?? 0);
  if (Number(row.scanned) < TEXT_SCAN_LIMIT)
    return { n: n + late, oldest: Number(row.oldest ?? 0), scaled: { estimate: n + late, exact: true } };
  return {
    n: n + late,
    oldest: Number(row.oldest),
    scaled: { estimate: (await scaleByTraffic(runner, f, n, Number(row.oldest))) + late, exact: false },
  };
}

/** Counts up to EXACT_COUNT_LIMIT + 1 of the newest matches, reading only what the indexes give. */
async function newestMatches(runner: SqlRunner, f: ResolvedFilters): Promise<Sample> {
  const limit = EXACT_COUNT_LIMIT + 1;
  const base = filterTerms(f);
  let sql: string;
  let params: unknown[];
  if (f.match !== null && base.sql === '' && f.hasLateEvents) {
    return newestTextMatchesAround(runner, f, limit);
  } else if (f.match !== null && base.sql === '') {
    // Text alone: the FTS index answers by itself, newest first by rowid.
    const projected = await projectedTextMatches(runner, f.textIndex, { where: textOnly(f, []), limit });
    if (projected) return estimated(projected.matches);
    ({ sql, params } = await newestTextOnly(runner, f, [], limit, true));
  } else if (f.match !== null) {
    return newestTextMatches(runner, f);
  } else {
    const terms = [base.sql, f.match ? 'e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)' : '']
      .filter(Boolean)
      .join(' AND ');
    sql = `SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM (
             SELECT e.occurred_at FROM events e WHERE ${terms || '1 = 1'}
             ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit})`;
    params = f.match ? [...base.params, f.match] : base.params;
  }
  const [row] = (await runner.query(sql, params)) as { n: number; oldest: number | null }[];
  return { n: Number(row.n), oldest: Number(row.oldest ?? 0) };
}

/** A team database's sample answered: an estimate, said to be one. */
const estimated = (estimate: number): Sample => ({ n: estimate, oldest: 0, scaled: { estimate, exact: false } });

const textOnly = (f: ResolvedFilters, also: Sql[]): Sql[] => [
  { sql: 'events_fts MATCH ?', params: [f.match] },
  ...also,
];

/** How many of the newest `limit` text matches there are, and the time of the oldest of them. */
async function newestTextOnly(
  runner: SqlRunner,
  f: ResolvedFilters,
  also: Sql[],
  limit: number,
  few = false,
): Promise<Sql> {
  const newest = await rowidOrdered(runner, f.textIndex, {
    select: { sql: 'events_fts.rowid AS id', params: [] },
    from: 'events_fts',
    where: textOnly(f, also),
    key: 'id',
    direction: 'DESC',
    limit,
    few,
  });
  return {
    sql: `SELECT n, (SELECT occurred_at FROM events WHERE id = oldest_id) AS oldest FROM (
            SELECT COUNT(*) AS n, MIN(id) AS oldest_id FROM (${newest.sql}) sample) counted`,
    params: newest.params,
  };
}

/**
 * Text alone when some events were logged late: the newest on-time matches are sampled by rowid
 * as usual (late ones, appended last whatever their time, would stretch the sample's time span),
 * and the late matches are counted exactly and added.
 */
async function newestTextMatchesAround(runner: SqlRunner, f: ResolvedFilters, limit: number): Promise<Sample> {
  const onTime = [{ sql: 'NOT EXISTS (SELECT 1 FROM late_events l WHERE l.id = events_fts.rowid)', params: [] }];
  const late = await lateTextMatches(runner, f);
  const projected = await projectedTextMatches(runner, f.textIndex, { where: textOnly(f, onTime), limit });
  if (projected) return estimated(projected.matches + late);
  const newest = await newestTextOnly(runner, f, onTime, limit, true);
  const [row] = (await runner.query(newest.sql, newest.params)) as { n: number; oldest: number | null }[];
  const n = Number(row.n);
  const oldest = Number(row.oldest ?? 0);
  // Every on-time match was counted: the total is exact.
  if (n < limit) return { n: n + late, oldest, scaled: { estimate: n + late, exact: true } };
  return {
    n: n + late,
    oldest,
    scaled: { estimate: (await scaleByTraffic(runner, f, n, oldest)) + late, exact: false },
  };
}

async function lateTextMatches(runner: SqlRunner, f: ResolvedFilters): Promise<number> {
  const base = filterTerms(f);
  if (base.sql === '') {
    const [row] = (await runner.query('SELECT COUNT(*) AS n FROM late_events_fts WHERE late_events_fts MATCH ?', [
      f.match,
    ])) as { n: number }[];
    return Number(row.n);
  }
  const [row] = (await runner.query(
    `SELECT COUNT(*) AS n FROM late_events_fts CROSS JOIN events e ON e.id = late_events_fts.rowid
     WHERE late_events_fts MATCH ? AND ${base.sql || '1 = 1'}`,
    [f.match, ...base.params],
  )) as { n: number }[];
  return Number(row.n);
}

/**
 * Exact, from the daily counts: whole UTC days are summed there, and the partial days at
 * the ends of the range (an operator's day rarely starts at UTC midnight) are counted
 * from the events themselves, at most a day's rows each.
 */
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
  const { from, to } = f.range;
  const firstWholeDay = from === null ? null : Math.ceil(from / DAY);
  const lastWholeDay = to === null ? null : Math.floor(to / DAY) - 1;
  if (firstWholeDay !== null) add('day >= ?', firstWholeDay);
  if (lastWholeDay !== null) add('day <= ?', lastWholeDay);
  let total = 0;
  if (firstWholeDay === null || lastWholeDay === null || firstWholeDay <= lastWholeDay) {
    const [row] = (await runner.query(
      `SELECT SUM(n) AS n FROM event_daily_counts WHERE ${terms.join(' AND ') || '1 = 1'}`,
      params,
    )) as { n: number | null }[];
    total += Number(row.n ?? 0);
  }
  const edges: [number, number][] = [];
  if (from !== null && from % DAY !== 0) edges.push([from, Math.min(to ?? Infinity, Math.ceil(from / DAY) * DAY)]);
  if (to !== null && to % DAY !== 0) {
    const start = Math.max(from ?? -Infinity, Math.floor(to / DAY) * DAY);
    if (!edges.some(([a, b]) => a <= start && start < b)) edges.push([start, to]);
  }
  for (const [start, end] of edges) {
    const edge = filterTerms({ ...f, range: { from: start, to: end } });
    const [row] = (await runner.query(`SELECT COUNT(*) AS n FROM events e WHERE ${edge.sql}`, edge.params)) as {
      n: number;
    }[];
    total += Number(row.n);
  }
  return { value: total, exact: true, method: 'daily-counts' };
}

/**
 * On-time events in [from, to): the distance between the first on-time ids at or after each
 * bound (on-time events ascend with time by id), less the late events whose ids fall between.
 * Two index seeks and a range count of the few late ones. The log is append-only and ids are not
 * reused, so this is the count, give or take ids lost to a failed write (fine for a yardstick).
 * Samples that scale by it hold on-time events only, the late ones being counted apart.
 */
async function eventsBetweenByIds(runner: SqlRunner, from: number | null, to: number | null): Promise<number> {
  const firstAtOrAfter = (bound: number | null, edge: string) =>
    bound === null
      ? edge
      : `COALESCE((SELECT x.id FROM events x WHERE x.occurred_at >= ? AND ${ON_TIME('x')} ORDER BY x.occurred_at, x.id LIMIT 1), (SELECT MAX(id) + 1 FROM events))`;
  const [row] = (await runner.query(
    `SELECT hi - lo - (SELECT COUNT(*) FROM late_events WHERE id >= lo AND id < hi) AS n FROM (
       SELECT ${firstAtOrAfter(to, '(SELECT MAX(id) + 1 FROM events)')} AS hi,
              ${firstAtOrAfter(from, '(SELECT MIN(id) FROM events)')} AS lo)`,
    [...(to === null ? [] : [to]), ...(from === null ? [] : [from])],
  )) as { n: number | null }[];
  return Math.max(0, Number(row.n ?? 0));
}

/**
 * n matches were found among the events from `oldest` to the end of the range: assume
 * they are the same share of all traffic over the whole range. A share of traffic, not a
 * rate per hour, because traffic swings (nights, weekends) far more than the share does.
 */
async function scaleByTraffic(runner: SqlRunner, f: ResolvedFilters, n: number, oldest: number): Promise<number> {
  const seen = await eventsBetweenByIds(runner, oldest, f.range.to);
  const all = await eventsBetweenByIds(runner, f.range.from, f.range.to);
  return seen > 0 ? Math.max(n, Math.round((n * all) / seen)) : n;
}

/** The newest matches reach back to `oldest`; scale them to the whole range. */
async function extrapolate(runner: SqlRunner, f: ResolvedFilters, sample: Sample): Promise<EventTotal> {
  return { value: await scaleByTraffic(runner, f, sample.n, sample.oldest), exact: false, method: 'estimate' };
}

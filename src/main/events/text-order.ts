import type { TextIndex } from '../db/dialect';
import type { SqlRunner } from './index-range';
import type { Sql } from './query-sql';

/*
 * How the search index hands out the matches of a text search: FTS5 (SQLite) streams them in
 * rowid order, so "the newest 100 matches" stops after 100; a GIN index (PostgreSQL) collects
 * every match into a bitmap first, and PostgreSQL's planner, which cannot know how many a word
 * has, either collects them all and sorts or walks the whole log backwards checking each row.
 */

export interface RowidOrderedQuery {
  /** The select list; it must include `events_fts.rowid` as the column named by `key`. */
  select: Sql;
  /** FROM, with the search table as `events_fts`. */
  from: string;
  /** The conditions, in order; those on `events_fts.rowid` alone bound the id range. */
  where: Sql[];
  /** The output column holding events_fts.rowid. */
  key: string;
  direction: 'ASC' | 'DESC';
  limit: number;
  /** The matches are known to be few (see projectedTextMatches): collect them without a window. */
  few?: boolean;
}

const joined = (parts: Sql[]) => parts.map((p) => p.sql).join(' AND ') || '1 = 1';
const paramsOf = (parts: Sql[]) => parts.flatMap((p) => p.params);

interface IdRange {
  /** The lowest and highest ids the conditions on `events_fts.rowid` leave. */
  first: number;
  last: number;
  /** The highest id of the whole log (how long it is). */
  logLast: number;
}

/**
 * Where the id conditions among `where` (ftsIdBounds, a cursor) leave the search: looked up first so
 * the statements after can carry the bounds as numbers, which the planner sees (a parameter or a
 * subquery it would take for a third of the log). Null when no id is left.
 */
async function idRangeOf(runner: SqlRunner, where: Sql[]): Promise<IdRange | null> {
  const idTerms = where.filter((p) => /^events_fts\.rowid\b/.test(p.sql));
  const [row] = (await runner.query(
    `SELECT MIN(events_fts.rowid) AS first, MAX(events_fts.rowid) AS last,
       (SELECT MAX(rowid) FROM events_fts) AS log_last
     FROM events_fts WHERE ${joined(idTerms)}`,
    paramsOf(idTerms),
  )) as { first: number | string | null; last: number | string | null; log_last: number | string | null }[];
  if (row.first === null || row.last === null) return null;
  return { first: Number(row.first), last: Number(row.last), logLast: Number(row.log_last ?? 0) };
}

/**
 * The first `limit` matches in rowid order. On FTS5 the plain query. On a GIN index, split in two
 * at a window of the first sqrt(limit × ids) ids of the range: a dense word fills the page inside
 * the window (an index walk that stops early); only a rarer one reaches the second half, where its
 * matches are few and collected from the GIN index (`rowid + 0` keeps the planner off the id
 * index there) and sorted. Either way the cost stays near sqrt(limit × events), not the log's size.
 * The window's edge is looked up first (idRangeOf) and written into the statement as a number, so
 * the planner sees how small the window is.
 */
export async function rowidOrdered(runner: SqlRunner, index: TextIndex, q: RowidOrderedQuery): Promise<Sql> {
  const where = joined(q.where);
  const params = [...q.select.params, ...paramsOf(q.where)];
  const select = q.select.sql;
  const plain = {
    sql: `SELECT ${select} FROM ${q.from} WHERE ${where} ORDER BY events_fts.rowid ${q.direction} LIMIT ${q.limit}`,
    params,
  };
  if (index === 'fts5') return plain;
  if (q.few) {
    return {
      sql: `SELECT ${select} FROM ${q.from} WHERE ${where} ORDER BY events_fts.rowid + 0 ${q.direction} LIMIT ${q.limit}`,
      params,
    };
  }
  const desc = q.direction === 'DESC';
  const range = await idRangeOf(runner, q.where);
  // Nothing in the id range: the id index says so at once.
  if (range === null) return plain;
  const width = Math.max(1000, Math.ceil(Math.sqrt(q.limit * range.logLast)));
  const split = desc ? range.last - width : range.first + width;
  const [inside, outside] = desc ? ['>', '<='] : ['<', '>='];
  return {
    sql: `WITH window_matches AS (
            SELECT ${select} FROM ${q.from} WHERE ${where} AND events_fts.rowid ${inside} ${split}
            ORDER BY events_fts.rowid ${q.direction} LIMIT ${q.limit})
          SELECT * FROM (
            SELECT * FROM window_matches
            UNION ALL
            SELECT * FROM (
              SELECT ${select} FROM ${q.from}
              WHERE ${where} AND events_fts.rowid + 0 ${outside} ${split}
                AND (SELECT COUNT(*) FROM window_matches) < ${q.limit}
              ORDER BY events_fts.rowid + 0 ${q.direction} LIMIT ${q.limit}) rest
          ) matches ORDER BY ${q.key} ${q.direction} LIMIT ${q.limit}`,
    params: [...params, ...params],
  };
}

/** How many of the newest ids a GIN count samples before it decides how to count. */
const SAMPLE_IDS = 20_000;

export interface TextProjection {
  /** Text matches projected over the id range. */
  matches: number;
  /** Of them, those the other filters keep (the sample's share). */
  kept: number;
}

/**
 * On a GIN index, reading the newest 10,001 matches costs what reading all of them costs. So the
 * newest SAMPLE_IDS ids of the range are searched first and the matches projected over the range:
 * far more than `limit` and the projection is the answer (an estimate, as a file's count is past
 * its limit too); otherwise null, and the matches are few enough to collect and count exactly.
 * Null on FTS5, and when the range is no longer than the sample. With `filter` (and `from` joining
 * the events as e), the sample also says what share of the matches the other filters keep.
 */
export async function projectedTextMatches(
  runner: SqlRunner,
  index: TextIndex,
  q: { where: Sql[]; limit: number; from?: string; filter?: Sql },
): Promise<TextProjection | null> {
  if (index === 'fts5') return null;
  const range = await idRangeOf(runner, q.where);
  if (range === null) return null;
  const span = range.last - range.first + 1;
  if (span <= SAMPLE_IDS) return null;
  const kept = q.filter ? `SUM(CASE WHEN (${q.filter.sql}) THEN 1 ELSE 0 END)` : 'COUNT(*)';
  // The bound as a number: the planner then walks the few ids instead of collecting every match.
  const [row] = (await runner.query(
    `SELECT COUNT(*) AS k, ${kept} AS kept FROM ${q.from ?? 'events_fts'}
     WHERE ${joined(q.where)} AND events_fts.rowid > ${range.last - SAMPLE_IDS}`,
    [...(q.filter?.params ?? []), ...paramsOf(q.where)],
  )) as { k: number | string; kept: number | string | null }[];
  const scale = (n: number) => Math.round((n * span) / SAMPLE_IDS);
  const matches = scale(Number(row.k));
  return matches > 1.5 * q.limit ? { matches, kept: scale(Number(row.kept ?? 0)) } : null;
}

/**
 * Id bounds written as subqueries (ftsIdBounds), looked up and written as numbers, so the planner
 * sees how many ids they leave; null when no id is in range.
 */
export async function literalIdRange(runner: SqlRunner, idTerms: Sql[]): Promise<Sql | null> {
  const range = await idRangeOf(runner, idTerms);
  return range && { sql: `events_fts.rowid BETWEEN ${range.first} AND ${range.last}`, params: [] };
}

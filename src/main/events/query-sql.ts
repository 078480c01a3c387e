import type { EventSort } from '../../shared/contract/events';
import type { CursorKey } from './cursor';
import type { ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { hourOfDaySql, weekdaySql } from './local-clock';
import { rowidOrdered } from './text-order';

/** The event columns every page, detail and export reads. */
export const SELECT_COLUMNS =
  'e.id, e.occurred_at, e.type, e.user_id, e.user_name, e.user_email, e.user_role, e.phone, e.country, e.carrier, ' +
  'e.provider, e.provider_code, e.message, e.actor, e.reason, e.session_id, e.details';

export interface EventDbRow {
  id: number;
  occurred_at: number;
  type: string;
  user_id: number | null;
  user_name: string | null;
  user_email: string | null;
  user_role: string | null;
  phone: string | null;
  country: string | null;
  carrier: string | null;
  provider: string | null;
  provider_code: string | null;
  message: string | null;
  actor: string | null;
  reason: string | null;
  session_id: string | null;
  details: string | null;
}

export interface Sql {
  sql: string;
  params: unknown[];
}

export const SORT_COLUMN: Record<EventSort['field'], string | null> = {
  occurredAt: null,
  type: 'type',
  carrier: 'carrier',
  country: 'country',
  providerCode: 'provider_code',
};
const NULLABLE = new Set(['carrier', 'country', 'provider_code']);

export const DEFAULT_SORT: EventSort = { field: 'occurredAt', direction: 'desc' };

/** The WHERE terms every query shares (text search is added by the caller's strategy). */
export function filterTerms(f: ResolvedFilters, types: string[] = f.types): Sql {
  const terms: string[] = [];
  const params: unknown[] = [];
  const add = (term: string, ...values: unknown[]) => {
    terms.push(term);
    params.push(...values);
  };
  if (f.range.from !== null) add('e.occurred_at >= ?', f.range.from);
  if (f.range.to !== null) add('e.occurred_at < ?', f.range.to);
  if (types.length === 1) add('e.type = ?', types[0]);
  else if (types.length > 1) add(`e.type IN (${types.map(() => '?').join(', ')})`, ...types);
  if (f.userId !== null) add('e.user_id = ?', f.userId);
  if (f.userEmail !== null) add('e.user_email = ? COLLATE NOCASE', f.userEmail);
  if (f.role !== null) add('e.user_role = ?', f.role);
  if (f.carrier !== null) add('e.carrier = ?', f.carrier);
  if (f.country !== null) add('e.country = ?', f.country);
  if (f.code !== null) add('e.provider_code = ?', f.code);
  // Annotations are few (an investigator's marks): their own indexes give the ids to look up.
  if (f.starred) add('e.id IN (SELECT event_id FROM event_annotations WHERE starred = 1)');
  if (f.tags.length > 0)
    add(`e.id IN (SELECT event_id FROM event_tags WHERE tag IN (${f.tags.map(() => '?').join(', ')}))`, ...f.tags);
  if (f.clock?.hourOfDay != null) add(`${hourOfDaySql(f.clock.localSql)} = ?`, f.clock.hourOfDay);
  if (f.clock?.weekday != null) add(`${weekdaySql(f.clock.localSql)} = ?`, f.clock.weekday);
  return { sql: terms.join(' AND '), params };
}

const and = (...parts: string[]) => parts.filter((p) => p.length > 0).join(' AND ') || '1 = 1';

/**
 * Whether text search walks the FTS index by rowid (fast: stops after one page) instead of
 * collecting every match first. Right whenever the page is in time order: events that are not
 * late ascend with time by id, and the late ones are merged in from their own index.
 */
export function searchDrivesPlan(f: ResolvedFilters, sort: EventSort): boolean {
  return f.match !== null && sort.field === 'occurredAt';
}

/** Not one of the events logged out of time order. */
export const ON_TIME = (alias: string) => `NOT EXISTS (SELECT 1 FROM late_events l WHERE l.id = ${alias}.id)`;

/**
 * A time range as an id range the FTS index can seek to: the first and last events in the range
 * that are on time (they ascend with time by id). No such event, and no on-time row is in range.
 */
export function ftsIdBounds(f: ResolvedFilters): Sql[] {
  const bounds: Sql[] = [];
  if (f.range.from !== null) {
    bounds.push({
      sql: `events_fts.rowid >= (SELECT x.id FROM events x WHERE x.occurred_at >= ? AND ${ON_TIME('x')}
         ORDER BY x.occurred_at, x.id LIMIT 1)`,
      params: [f.range.from],
    });
  }
  if (f.range.to !== null) {
    bounds.push({
      sql: `events_fts.rowid <= (SELECT x.id FROM events x WHERE x.occurred_at < ? AND ${ON_TIME('x')}
         ORDER BY x.occurred_at DESC, x.id DESC LIMIT 1)`,
      params: [f.range.to],
    });
  }
  return bounds;
}

/**
 * Text search in time order. On-time events: the FTS index walked by rowid, a cursor turned into
 * an id bound (the first on-time event at or past it in time order). Late events, when there are
 * any: their own FTS index, its matches sorted by time. The two are merged by the outer ORDER BY.
 */
async function searchPageSql(
  runner: SqlRunner,
  f: ResolvedFilters,
  sort: EventSort,
  cursor: CursorKey | null,
  limit: number,
): Promise<Sql> {
  const desc = sort.direction === 'desc';
  const dir = desc ? 'DESC' : 'ASC';
  const op = desc ? '<' : '>';
  const base = filterTerms(f);
  const where: Sql[] = [{ sql: 'events_fts MATCH ?', params: [f.match] }, ...ftsIdBounds(f)];
  if (base.sql) where.push(base);
  if (cursor && !f.hasLateEvents) {
    where.push({ sql: `events_fts.rowid ${op} ?`, params: [cursor.id] });
  } else if (cursor) {
    // The cursor row may be late: bound by the first on-time event at or past it instead.
    const past = desc ? '>=' : '<=';
    const order = desc ? 'x.occurred_at, x.id' : 'x.occurred_at DESC, x.id DESC';
    where.push(
      { sql: `(e.occurred_at, e.id) ${op} (?, ?)`, params: [cursor.occurredAt, cursor.id] },
      {
        sql: `events_fts.rowid ${op} COALESCE((SELECT x.id FROM events x WHERE (x.occurred_at, x.id) ${past} (?, ?)
         AND ${ON_TIME('x')} ORDER BY ${order} LIMIT 1), ${desc ? '(SELECT MAX(id) + 1 FROM events)' : '0'})`,
        params: [cursor.occurredAt, cursor.id],
      },
    );
  }
  if (f.hasLateEvents) where.push({ sql: ON_TIME('e'), params: [] });
  const onTime = await rowidOrdered(runner, f.textIndex, {
    select: { sql: `${SELECT_COLUMNS}, 0 AS segment`, params: [] },
    from: 'events_fts CROSS JOIN events e ON e.id = events_fts.rowid',
    where,
    key: 'id',
    direction: dir,
    limit,
  });
  if (!f.hasLateEvents) return onTime;

  // Sorted by late_events' own (small) rows; the events table is read for the page's rows only,
  // unless other filters need its columns first.
  const lateTerms = ['late_events_fts MATCH ?', base.sql];
  const lateParams: unknown[] = [f.match, ...base.params];
  if (cursor) {
    lateTerms.push(`(l.occurred_at, l.id) ${op} (?, ?)`);
    lateParams.push(cursor.occurredAt, cursor.id);
  }
  const late =
    base.sql === ''
      ? `SELECT ${SELECT_COLUMNS}, 0 AS segment FROM (
           SELECT l.id, l.occurred_at FROM late_events_fts CROSS JOIN late_events l ON l.id = late_events_fts.rowid
           WHERE ${and(...lateTerms)} ORDER BY l.occurred_at ${dir}, l.id ${dir} LIMIT ?) t
         CROSS JOIN events e ON e.id = t.id`
      : `SELECT ${SELECT_COLUMNS}, 0 AS segment FROM late_events_fts CROSS JOIN late_events l ON l.id = late_events_fts.rowid
         CROSS JOIN events e ON e.id = l.id
         WHERE ${and(...lateTerms)} ORDER BY l.occurred_at ${dir}, l.id ${dir} LIMIT ?`;
  return {
    sql: `SELECT * FROM (${onTime.sql}) UNION ALL SELECT * FROM (${late}) ORDER BY ${sortOrder(sort)} LIMIT ?`,
    params: [...onTime.params, ...lateParams, limit, limit],
  };
}

/**
 * The SQL for one page: rows after `cursor` in the sort order, `limit` of them. Always
 * keyset (`(key, occurred_at, id) < (?, ?, ?)`), never OFFSET, so page 500 costs what
 * page 2 does. Several types, or a sort column with missing values, become a UNION ALL
 * of index-ordered branches merged by the outer ORDER BY.
 */
export async function pageSql(
  runner: SqlRunner,
  f: ResolvedFilters,
  sort: EventSort,
  cursor: CursorKey | null,
  limit: number,
): Promise<Sql> {
  if (searchDrivesPlan(f, sort)) return searchPageSql(runner, f, sort, cursor, limit);
  const desc = sort.direction === 'desc';
  const op = desc ? '<' : '>';
  const column = SORT_COLUMN[sort.field];

  const search: Sql = f.match
    ? { sql: 'e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)', params: [f.match] }
    : { sql: '', params: [] };

  interface Branch {
    types: string[];
    segment: number;
    /** Extra condition selecting the branch's rows. */
    where: string;
    /** The keyset condition, when the cursor falls in this branch. */
    keyset: Sql | null;
  }
  const branches: Branch[] = [];
  const timeKeyset = (c: CursorKey): Sql => ({
    sql: `(e.occurred_at, e.id) ${op} (?, ?)`,
    params: [c.occurredAt, c.id],
  });

  if (column === null) {
    // Time order; with several types each type walks its own (type, occurred_at, id) index.
    const groups = f.types.length > 1 ? f.types.map((t) => [t]) : [f.types];
    for (const types of groups)
      branches.push({ types, segment: 0, where: '', keyset: cursor ? timeKeyset(cursor) : null });
  } else if (!NULLABLE.has(column)) {
    const keyset = cursor
      ? {
          sql: `(e.${column}, e.occurred_at, e.id) ${op} (?, ?, ?)`,
          params: [cursor.key, cursor.occurredAt, cursor.id],
        }
      : null;
    branches.push({ types: f.types, segment: 0, where: '', keyset });
  } else {
    // SQLite sorts missing values first: they are the first segment ascending, the last descending.
    const nullSegment = desc ? 1 : 0;
    const cursorSegment = cursor === null ? 0 : cursor.key === null ? nullSegment : 1 - nullSegment;
    for (let segment = cursorSegment; segment <= 1; segment++) {
      const isNull = segment === nullSegment;
      let keyset: Sql | null = null;
      if (cursor && segment === cursorSegment) {
        keyset = isNull
          ? timeKeyset(cursor)
          : {
              sql: `(e.${column}, e.occurred_at, e.id) ${op} (?, ?, ?)`,
              params: [cursor.key, cursor.occurredAt, cursor.id],
            };
      }
      branches.push({ types: f.types, segment, where: `e.${column} IS ${isNull ? '' : 'NOT '}NULL`, keyset });
    }
  }

  const order = sortOrder(sort);
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const branch of branches) {
    const base = filterTerms(f, branch.types);
    const where = and(base.sql, search.sql, branch.where, branch.keyset?.sql ?? '');
    parts.push(
      `SELECT * FROM (SELECT ${SELECT_COLUMNS}, ${branch.segment} AS segment FROM events e WHERE ${where}
        ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 'e.$1 $2')} LIMIT ?)`,
    );
    params.push(...base.params, ...search.params, ...(branch.keyset?.params ?? []), limit);
  }
  if (parts.length === 1) {
    return { sql: parts[0], params };
  }
  return { sql: `${parts.join(' UNION ALL ')} ORDER BY segment, ${order} LIMIT ?`, params: [...params, limit] };
}

/** The page order over the result columns (after `segment`, which orders the branches). */
export function sortOrder(sort: EventSort): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const column = SORT_COLUMN[sort.field];
  return column === null ? `occurred_at ${dir}, id ${dir}` : `${column} ${dir}, occurred_at ${dir}, id ${dir}`;
}

/** The cursor for the row a page ended on. */
export function cursorKeyOf(row: EventDbRow, sort: EventSort): CursorKey {
  const column = SORT_COLUMN[sort.field];
  const key = column === null ? null : ((row as unknown as Record<string, string | null>)[column] ?? null);
  return { key, occurredAt: row.occurred_at, id: row.id };
}

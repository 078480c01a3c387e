import type { EventPage, EventSort, EventTotal, ParsedEventFilters } from '../../shared/contract/events';
import type { Database } from '../db/database';
import { exactCount, quickCount } from './count';
import { decodeCursor, encodeCursor, fingerprint } from './cursor';
import { resolveFilters, type ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { DEFAULT_SORT, cursorKeyOf, pageSql, type EventDbRow } from './query-sql';
import { rawRunner } from './raw-runner';
import { marksOf } from './annotations';
import { toListRow } from './rows';

export const DEFAULT_PAGE_SIZE = 100;

export interface PageRequest {
  filters?: ParsedEventFilters;
  sort?: EventSort;
  limit?: number;
  after?: string;
  includeTotal?: boolean;
}

/** Cursors are only valid for the filters and sort they were made with. */
export function requestPrint(filters: ParsedEventFilters | undefined, sort: EventSort): string {
  const f = filters ?? {};
  const canonical = Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v !== undefined && v !== '')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]),
  );
  return fingerprint({ f: canonical, s: sort });
}

/** One page of raw rows plus the cursor after it: shared by the API and exports. */
export async function readPage(
  runner: SqlRunner,
  f: ResolvedFilters,
  sort: EventSort,
  print: string,
  after: string | undefined,
  limit: number,
): Promise<{ rows: EventDbRow[]; nextCursor: string | null }> {
  const cursor = after ? decodeCursor(after, print) : null;
  // One row more than asked says whether another page exists, without a count.
  const sql = await pageSql(runner, f, sort, cursor, limit + 1);
  const rows = (await runner.query(sql.sql, sql.params)) as EventDbRow[];
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor(cursorKeyOf(last, sort), print) : null };
}

export async function queryEvents(db: Database, request: PageRequest): Promise<EventPage> {
  const sort = request.sort ?? DEFAULT_SORT;
  const print = requestPrint(request.filters, sort);
  return db.read(async (manager) => {
    const runner = rawRunner(manager);
    const f = await resolveFilters(request.filters, runner);
    const page = await readPage(runner, f, sort, print, request.after, request.limit ?? DEFAULT_PAGE_SIZE);
    const wantsTotal = request.includeTotal ?? request.after === undefined;
    const marks = await marksOf(
      runner,
      page.rows.map((r) => r.id),
    );
    return {
      rows: page.rows.map((r) => toListRow(r, marks.get(r.id))),
      nextCursor: page.nextCursor,
      total: wantsTotal ? await quickCount(runner, f) : null,
      range: { from: f.range.from, to: f.range.to },
    };
  });
}

export async function countEvents(db: Database, filters: ParsedEventFilters | undefined): Promise<EventTotal> {
  return db.read(async (manager) => {
    const runner = rawRunner(manager);
    return exactCount(runner, await resolveFilters(filters, runner));
  });
}

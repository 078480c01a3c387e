import type { EventSort } from '../../shared/contract/events';
import { decodeCursor, encodeCursor } from './cursor';
import { exportLineSql, exportRowsSql, type ExportFormat, type ExportLookupTables } from './export-format';
import type { ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { SORT_COLUMN, pageSql } from './query-sql';
import { readExportPageInProcess } from './export-lines';
import { dialectOf } from '../db/dialect';

export interface ExportPage {
  text: string;
  rows: number;
  nextCursor: string | null;
}

/** The page's last row's sort key, as a JSON array [key, occurred_at, id], computed in the same pass. */
const lastKeySql = (sort: EventSort) =>
  `json_extract(json_group_array(json_array(${SORT_COLUMN[sort.field] ?? 'NULL'}, occurred_at, id)), '$[#-1]')`;

function cursorFrom(json: string | null, print: string): string | null {
  if (!json) return null;
  const [key, occurredAt, id] = JSON.parse(json) as [string | number | null, number, number];
  return encodeCursor({ key: key === null ? null : String(key), occurredAt, id }, print);
}

/**
 * One keyset page of the explorer's query, formatted by SQLite into one string: the same rows in
 * the same order as eventsQuery pages (the aggregate reads the ordered page in its order, checked by
 * the export tests), with the last row's cursor from the same pass.
 */
export async function readExportPage(
  runner: SqlRunner,
  lookups: ExportLookupTables,
  f: ResolvedFilters,
  sort: EventSort,
  print: string,
  after: string | null | undefined,
  limit: number,
  format: ExportFormat,
): Promise<ExportPage> {
  // A team database: the lines are made here instead (export-lines.ts), the same bytes.
  if (!dialectOf(runner).exportLinesInDatabase) {
    return readExportPageInProcess(runner, lookups.masks !== null, f, sort, print, after, limit, format);
  }
  const cursor = after ? decodeCursor(after, print) : null;
  const page = await pageSql(runner, f, sort, cursor, limit);
  const [result] = (await runner.query(
    `SELECT group_concat(${exportLineSql(format)}, '') AS export_text, COUNT(*) AS export_rows,
       ${lastKeySql(sort)} AS export_last
     FROM (${exportRowsSql(page.sql, lookups, format)})`,
    page.params,
  )) as { export_text: string | null; export_rows: number; export_last: string | null }[];
  const rows = Number(result.export_rows);
  // A full page may have more after it; the next read finds out (an empty page ends the export).
  const nextCursor = rows === limit ? cursorFrom(result.export_last, print) : null;
  return { text: result.export_text ?? '', rows, nextCursor };
}

/**
 * Where each page of `pageRows` rows ends, for the whole result, in one pass over the sort keys
 * alone (no formatting): page i starts after boundary i-1, so pages can be read in any order, on
 * several connections, and written in order.
 */
export async function readPageBoundaries(
  runner: SqlRunner,
  f: ResolvedFilters,
  sort: EventSort,
  print: string,
  total: number,
  pageRows: number,
): Promise<string[]> {
  if (total <= pageRows) return [];
  const page = await pageSql(runner, f, sort, null, total);
  const key = SORT_COLUMN[sort.field] ?? 'NULL';
  const rows = (await runner.query(
    `SELECT json_array(${key}, occurred_at, id) AS k FROM (
       SELECT ${key === 'NULL' ? '' : `${key}, `}occurred_at, id, ROW_NUMBER() OVER () AS export_rn FROM (${page.sql}))
     WHERE export_rn % ? = 0`,
    [...page.params, pageRows],
  )) as { k: string }[];
  return rows.map((row) => cursorFrom(row.k, print) as string);
}

import type { EventSort } from '../../shared/contract/events';
import { EVENT_TYPES } from '../../shared/events';
import { maskPhone } from '../../shared/mask';
import { decodeCursor, encodeCursor } from './cursor';
import { EXPORT_COLUMNS, type ExportFormat } from './export-format';
import type { ExportPage } from './export-pages';
import type { ResolvedFilters } from './filters';
import type { SqlRunner } from './index-range';
import { cursorKeyOf, pageSql, type EventDbRow } from './query-sql';

/*
 * Export lines for a team database, made in JavaScript from the page's rows: PostgreSQL has no
 * printf('%w') to build them as SQLite does (export-format.ts). The output is the same, byte for
 * byte: tests/postgres/export-parity.test.ts exports one log from both databases and compares.
 */

const LABELS = new Map<string, string>(EVENT_TYPES.map((t) => [t.id, t.label]));
/** Free-text columns a spreadsheet could read as a formula: prefixed with ' (as export-format.ts). */
const GUARDED = new Set(['user_name', 'user_email', 'carrier', 'message', 'actor', 'reason']);
const PLAIN = new Set(['type', 'user_role', 'country', 'session_id']);
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);

interface Marks {
  starred: boolean;
  tags: string[];
  note: string | null;
}

const quoted = (value: string, guard: boolean) =>
  `"${guard && FORMULA_START.has(value.codePointAt(0) ?? 0) ? "'" : ''}${value.replace(/"/g, '""')}"`;

function values(row: EventDbRow, masked: boolean) {
  const phone = row.phone === null ? null : masked ? (maskPhone(row.phone) ?? row.phone) : row.phone;
  return {
    ...row,
    occurred_at: new Date(Number(row.occurred_at)).toISOString(),
    type_label: LABELS.get(row.type) ?? row.type,
    phone,
    phone_masked: masked && row.phone !== null,
  } as Record<(typeof EXPORT_COLUMNS)[number], unknown>;
}

function csvLine(row: EventDbRow, masked: boolean): string {
  const v = values(row, masked);
  const field = (column: (typeof EXPORT_COLUMNS)[number]) => {
    const value = v[column];
    if (column === 'id' || column === 'occurred_at' || column === 'phone_masked') return String(value);
    if (value === null || value === undefined) return '';
    if (column === 'user_id' || PLAIN.has(column)) return String(value);
    return quoted(String(value), GUARDED.has(column));
  };
  return `${EXPORT_COLUMNS.map(field).join(',')}\r\n`;
}

/**
 * The details column as a local file's export writes it (SQLite's json()): valid JSON minified as
 * written, numbers untouched (1.0 stays 1.0, which a parse and stringify would make 1); any other
 * text as a JSON string.
 */
function detailsJson(text: string | null): string {
  if (text === null) return 'null';
  try {
    JSON.parse(text);
  } catch {
    return JSON.stringify(text);
  }
  return minified(text);
}

/** Valid JSON text without the whitespace between its tokens. */
function minified(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      out += c;
    }
  }
  return out;
}

function ndjsonLine(row: EventDbRow, masked: boolean, marks: Marks | undefined): string {
  const v = values(row, masked);
  const fields = EXPORT_COLUMNS.map((column) => {
    const value = v[column];
    const json =
      column === 'details'
        ? detailsJson(row.details)
        : JSON.stringify(column === 'id' || column === 'user_id' ? (value === null ? null : Number(value)) : value);
    return `${JSON.stringify(column)}:${json}`;
  });
  const rest = { starred: marks?.starred ?? false, tags: marks?.tags ?? [], note: marks?.note ?? null };
  return `{${fields.join(',')},${JSON.stringify(rest).slice(1)}\n`;
}

async function marksOf(runner: SqlRunner, ids: number[]): Promise<Map<number, Marks>> {
  const marks = new Map<number, Marks>();
  if (!ids.length) return marks;
  const list = ids.map(() => '?').join(', ');
  const annotations = (await runner.query(
    `SELECT event_id, starred, note FROM event_annotations WHERE event_id IN (${list})`,
    ids,
  )) as { event_id: number; starred: number; note: string | null }[];
  for (const a of annotations)
    marks.set(Number(a.event_id), { starred: Number(a.starred) === 1, tags: [], note: a.note });
  const tags = (await runner.query(
    `SELECT event_id, tag FROM event_tags WHERE event_id IN (${list}) ORDER BY event_id, tag COLLATE "C"`,
    ids,
  )) as { event_id: number; tag: string }[];
  for (const t of tags) marks.get(Number(t.event_id))?.tags.push(t.tag);
  return marks;
}

/** One keyset page of the explorer's query as export lines, and the cursor after it. */
export async function readExportPageInProcess(
  runner: SqlRunner,
  masked: boolean,
  f: ResolvedFilters,
  sort: EventSort,
  print: string,
  after: string | null | undefined,
  limit: number,
  format: ExportFormat,
): Promise<ExportPage> {
  const cursor = after ? decodeCursor(after, print) : null;
  const page = await pageSql(runner, f, sort, cursor, limit);
  const rows = (await runner.query(page.sql, page.params)) as EventDbRow[];
  const marks =
    format === 'ndjson'
      ? await marksOf(
          runner,
          rows.map((r) => Number(r.id)),
        )
      : new Map<number, Marks>();
  const text = rows
    .map((row) => (format === 'ndjson' ? ndjsonLine(row, masked, marks.get(Number(row.id))) : csvLine(row, masked)))
    .join('');
  const last = rows.at(-1);
  const nextCursor = rows.length === limit && last ? encodeCursor(cursorKeyOf(last, sort), print) : null;
  return { text, rows: rows.length, nextCursor };
}

import { ONE_DIGIT_CODES, TWO_DIGIT_CODES } from '../../shared/calling-code';
import type { ExportFormat } from '../../shared/contract/events';
import { EVENT_TYPES } from '../../shared/events';
import type { Sql } from './query-sql';

/** Columns of an export, in order; docs/export-format.md describes each (an import reads them). */
export const EXPORT_COLUMNS = [
  'id',
  'occurred_at',
  'type',
  'type_label',
  'user_id',
  'user_name',
  'user_email',
  'user_role',
  'phone',
  'phone_masked',
  'country',
  'carrier',
  'provider',
  'provider_code',
  'message',
  'actor',
  'reason',
  'session_id',
  'details',
] as const;

export type { ExportFormat } from '../../shared/contract/events';

/*
 * Export lines are built by SQLite, in C, from the page query's columns, and a page comes
 * back as one string: turning a million rows into JavaScript objects and back into text
 * took most of an export's time (measured: 13 s for 1M rows, over half of it in the
 * driver making row objects). The formats below must match docs/export-format.md.
 */

/** ISO-8601 UTC with milliseconds, by integer arithmetic (no floating-point seconds). */
const ISO_TIME = `printf('%s.%03dZ', strftime('%Y-%m-%dT%H:%M:%S', occurred_at / 1000, 'unixepoch'), occurred_at % 1000)`;

/** The phone as the console shows it (src/shared/mask.ts): the whole calling code, bullets, last two digits. */
const inList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');
const HEAD = `(CASE WHEN substr(phone, 2, 1) IN (${inList(ONE_DIGIT_CODES)}) THEN 2
  WHEN substr(phone, 2, 2) IN (${inList(TWO_DIGIT_CODES)}) THEN 3 ELSE 4 END)`;
const MASKED_PHONE = `CASE WHEN phone IS NULL THEN NULL WHEN length(phone) <= ${HEAD} + 2 THEN phone
  ELSE printf('%s%s%s', substr(phone, 1, ${HEAD}), replace(hex(zeroblob(length(phone) - ${HEAD} - 2)), '00', '•'), substr(phone, -2)) END`;

/** Free-text columns a spreadsheet could read as a formula (CSV injection): prefixed with '. */
const GUARDED = new Set(['user_name', 'user_email', 'carrier', 'message', 'actor', 'reason']);

/**
 * One CSV text field: quoted (RFC 4180 allows it for any field, and it saves testing each
 * value), inner quotes doubled by printf's %w, NULL as an empty field. `guard` puts a '
 * before a would-be formula (= + - @ tab CR), inside the quotes.
 */
function csvField(column: string, guard: boolean): string {
  return guard
    ? `IIF(${column} IS NULL, '', printf('"%s%w"', IIF(unicode(${column}) IN (61, 43, 45, 64, 9, 13), '''', ''), ${column}))`
    : `IIF(${column} IS NULL, '', printf('"%w"', ${column}))`;
}

/** Columns whose values never hold a quote, comma or line break (ids, enums, codes we make). */
const PLAIN = new Set(['type', 'user_role', 'country', 'session_id']);

/** `CASE type WHEN ? THEN ? ...`: the catalog labels, as parameters. */
function typeLabel(): Sql {
  return {
    sql: `(CASE type ${EVENT_TYPES.map(() => 'WHEN ? THEN ?').join(' ')} ELSE type END)`,
    params: EVENT_TYPES.flatMap((t) => [t.id, t.label]),
  };
}

/**
 * Columns computed once per row before the line is built: the label, the phone as it is
 * exported, and whether it is masked.
 */
export function exportColumnsSql(unmasked: boolean): Sql {
  const label = typeLabel();
  const phone = unmasked ? 'phone' : MASKED_PHONE;
  const masked = unmasked ? `'false'` : `(CASE WHEN phone IS NULL THEN 'false' ELSE 'true' END)`;
  return {
    sql: `${label.sql} AS type_label, ${phone} AS phone_out, ${masked} AS phone_masked`,
    params: label.params,
  };
}

/** The SQL expression for one export line over a page row plus exportColumnsSql's columns. */
export function exportLineSql(format: ExportFormat): string {
  const source: Record<(typeof EXPORT_COLUMNS)[number], string> = {
    id: 'id',
    occurred_at: ISO_TIME,
    type: 'type',
    type_label: 'type_label',
    user_id: 'user_id',
    user_name: 'user_name',
    user_email: 'user_email',
    user_role: 'user_role',
    phone: 'phone_out',
    phone_masked: 'phone_masked',
    country: 'country',
    carrier: 'carrier',
    provider: 'provider',
    provider_code: 'provider_code',
    message: 'message',
    actor: 'actor',
    reason: 'reason',
    session_id: 'session_id',
    details: 'details',
  };
  if (format === 'ndjson') {
    const json = (column: (typeof EXPORT_COLUMNS)[number]) => {
      if (column === 'phone_masked') return `json(phone_masked)`;
      if (column === 'details') {
        return `(CASE WHEN details IS NULL THEN NULL WHEN json_valid(details) THEN json(details) ELSE details END)`;
      }
      return source[column];
    };
    return `json_object(${EXPORT_COLUMNS.map((c) => `'${c}', ${json(c)}`).join(', ')}) || char(10)`;
  }
  const field = (column: (typeof EXPORT_COLUMNS)[number]) => {
    if (column === 'id') return 'CAST(id AS TEXT)';
    if (column === 'occurred_at') return ISO_TIME;
    if (column === 'user_id') return `COALESCE(CAST(user_id AS TEXT), '')`;
    if (column === 'phone_masked') return 'phone_masked';
    if (PLAIN.has(column)) return `IFNULL(${source[column]}, '')`;
    return csvField(source[column], GUARDED.has(column));
  };
  // One printf builds the line: a chain of || would copy the growing line once per field.
  const pattern = EXPORT_COLUMNS.map(() => '%s').join(',') + '\r\n';
  return `printf('${pattern}', ${EXPORT_COLUMNS.map(field).join(', ')})`;
}

/** What a file starts with: the CSV header row, after a UTF-8 byte-order mark for Excel; nothing for NDJSON. */
export function exportHeader(format: ExportFormat): string {
  if (format === 'ndjson') return '';
  return (format === 'csv-excel' ? '\uFEFF' : '') + EXPORT_COLUMNS.join(',') + '\r\n';
}

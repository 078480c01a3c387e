import { ONE_DIGIT_CODES, TWO_DIGIT_CODES } from '../../shared/calling-code';
import type { ExportFormat } from '../../shared/contract/events';

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

/**
 * NDJSON only, after the columns above: an investigator's marks (event_annotations). CSV keeps the
 * 19 columns, so its round trip and every spreadsheet reading it stay as they are.
 */
export const NDJSON_ANNOTATION_COLUMNS = ['starred', 'tags', 'note'] as const;

export type { ExportFormat } from '../../shared/contract/events';

/*
 * Export lines are built by SQLite, in C, from the page query's columns, and a page comes
 * back as one string: turning a million rows into JavaScript objects and back into text
 * took most of an export's time (measured: 13 s for 1M rows, over half of it in the
 * driver making row objects). The formats below must match docs/export-format.md.
 */

/** ISO-8601 UTC with milliseconds, by integer arithmetic (no floating-point seconds). */
const ISO_TIME = `printf('%s.%03dZ', strftime('%Y-%m-%dT%H:%M:%S', occurred_at / 1000, 'unixepoch'), occurred_at % 1000)`;

/**
 * The phone as the console shows it (src/shared/mask.ts): the whole calling code, bullets, last two
 * digits. Exports look masks up (export-lookups.ts); this is the same rule in SQL for a number the
 * lookup lacks, so no number is ever written in full by accident.
 */
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

/** The tables an export looks labels and masked phones up in (see export-lookups.ts). */
export interface ExportLookupTables {
  labels: string;
  /** Null for an unmasked export: the phone is written as it is. */
  masks: string | null;
}

/**
 * The page's rows with the columns each line needs beside them: the type's label and the phone as it is
 * exported (masked by the console's own maskPhone, looked up by number), and whether it is masked.
 * Lookups, because a CASE over every type and the mask computed in SQL were half of an export's time.
 * A number missing from the lookup is still masked (in SQL), never written in full by accident.
 */
export function exportRowsSql(pageSql: string, tables: ExportLookupTables, format: ExportFormat = 'csv'): string {
  const phone = tables.masks ? `COALESCE(m.masked, ${MASKED_PHONE.replace(/\bphone\b/g, 'p.phone')})` : 'p.phone';
  const masked = tables.masks ? `(CASE WHEN p.phone IS NULL THEN 'false' ELSE 'true' END)` : `'false'`;
  const join = tables.masks ? `LEFT JOIN ${tables.masks} m ON m.phone = p.phone` : '';
  // The tags are gathered only for an event that has an annotation row: one index probe per row otherwise.
  const marks =
    format === 'ndjson'
      ? `, COALESCE(a.starred, 0) AS ann_starred, a.note AS ann_note,
         CASE WHEN a.event_id IS NULL THEN '[]' ELSE (SELECT json_group_array(tag) FROM
           (SELECT tag FROM event_tags t WHERE t.event_id = p.id ORDER BY tag)) END AS ann_tags`
      : '';
  const marksJoin = format === 'ndjson' ? 'LEFT JOIN event_annotations a ON a.event_id = p.id' : '';
  return `SELECT p.*, COALESCE(l.label, p.type) AS type_label, ${phone} AS phone_out, ${masked} AS phone_masked${marks}
    FROM (${pageSql}) p LEFT JOIN ${tables.labels} l ON l.type = p.type ${join} ${marksJoin}`;
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
    const annotation = `'starred', json(IIF(ann_starred = 1, 'true', 'false')), 'tags', json(ann_tags), 'note', ann_note`;
    return `json_object(${EXPORT_COLUMNS.map((c) => `'${c}', ${json(c)}`).join(', ')}, ${annotation}) || char(10)`;
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

import { eventLabel } from '../../shared/events';
import { maskPhone } from '../../shared/mask';
import type { EventDbRow } from './query-sql';

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

export type ExportFormat = 'csv' | 'ndjson';
export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null | object>;

function parseDetails(text: string | null): object | string | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as object;
  } catch {
    return text;
  }
}

export function exportRecord(row: EventDbRow, unmasked: boolean): ExportRecord {
  return {
    id: row.id,
    occurred_at: new Date(row.occurred_at).toISOString(),
    type: row.type,
    type_label: eventLabel(row.type),
    user_id: row.user_id,
    user_name: row.user_name,
    user_email: row.user_email,
    user_role: row.user_role,
    phone: unmasked ? row.phone : maskPhone(row.phone),
    phone_masked: !unmasked && row.phone !== null,
    country: row.country,
    carrier: row.carrier,
    provider: row.provider,
    provider_code: row.provider_code,
    message: row.message,
    actor: row.actor,
    reason: row.reason,
    session_id: row.session_id,
    details: parseDetails(row.details),
  };
}

/** Free-text columns a spreadsheet could read as a formula (CSV injection). */
const TEXT_COLUMNS = new Set(['user_name', 'user_email', 'carrier', 'message', 'actor', 'reason']);
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV text field (RFC 4180). Hand-written rather than csv-stringify: the same output at
 * several times the speed, which is most of a million-row export's time.
 */
function csvText(column: string, value: string | null): string {
  if (value === null) return '';
  let text = value;
  if (TEXT_COLUMNS.has(column) && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportHeader(format: ExportFormat): string {
  return format === 'csv' ? EXPORT_COLUMNS.join(',') + '\r\n' : '';
}

/** One page of rows as text in the chosen format. */
export function exportChunk(rows: EventDbRow[], format: ExportFormat, unmasked: boolean): string {
  let out = '';
  if (format === 'ndjson') {
    for (const row of rows) out += JSON.stringify(exportRecord(row, unmasked)) + '\n';
    return out;
  }
  for (const row of rows) {
    // Straight from the row: details is already JSON text, so it is not parsed and re-serialised.
    const phone = unmasked ? row.phone : maskPhone(row.phone);
    out +=
      `${row.id},${new Date(row.occurred_at).toISOString()},${row.type},${csvText('type_label', eventLabel(row.type))},` +
      `${row.user_id ?? ''},${csvText('user_name', row.user_name)},${csvText('user_email', row.user_email)},` +
      `${csvText('user_role', row.user_role)},${csvText('phone', phone)},${!unmasked && row.phone !== null},` +
      `${csvText('country', row.country)},${csvText('carrier', row.carrier)},${csvText('provider', row.provider)},` +
      `${csvText('provider_code', row.provider_code)},${csvText('message', row.message)},${csvText('actor', row.actor)},` +
      `${csvText('reason', row.reason)},${csvText('session_id', row.session_id)},${csvText('details', row.details)}\r\n`;
  }
  return out;
}

import { stringify } from 'csv-stringify/sync';
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

export function exportHeader(format: ExportFormat): string {
  return format === 'csv' ? stringify([EXPORT_COLUMNS as unknown as string[]], { record_delimiter: '\r\n' }) : '';
}

/** One page of rows as text in the chosen format. */
export function exportChunk(rows: EventDbRow[], format: ExportFormat, unmasked: boolean): string {
  if (format === 'ndjson') {
    let out = '';
    for (const row of rows) out += JSON.stringify(exportRecord(row, unmasked)) + '\n';
    return out;
  }
  const records = rows.map((row) => {
    const r = exportRecord(row, unmasked);
    return EXPORT_COLUMNS.map((column) => {
      const value = r[column];
      if (value === null) return '';
      if (typeof value === 'object') return JSON.stringify(value);
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      return value;
    });
  });
  return stringify(records, { record_delimiter: '\r\n' });
}

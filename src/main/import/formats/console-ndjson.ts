import { EXPORT_COLUMNS } from '../../events/export-format';
import { fail } from '../fields';
import type { ImportFormat } from '../types';
import { consoleAnnotation } from './console-annotation';
import { consoleEvent, TEXT_COLUMNS } from './console-fields';
import { ndjsonFormatRecords } from './shared';

function nullableText(record: Record<string, unknown>, column: string): string | null {
  const value = record[column];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return fail(column, 'text or null', value);
  return value;
}

export const consoleNdjson: ImportFormat = {
  id: 'console-ndjson',
  label: 'MFA Support Console export (NDJSON)',
  provider: 'console',
  detect: (sample) => {
    const first = sample.json?.firstLineIsObject ? sample.json.first : null;
    if (!first) return 0;
    const keys = Object.keys(first);
    return EXPORT_COLUMNS.every((column, i) => keys[i] === column) ? 100 : 0;
  },
  records: (input, options) =>
    ndjsonFormatRecords((record) => {
      for (const column of EXPORT_COLUMNS) {
        if (!(column in record)) fail(column, `the key "${column}"`, undefined);
      }
      const text: Record<string, string | null> = {};
      for (const [column, field] of TEXT_COLUMNS) text[field] = nullableText(record, column);
      const mapped = consoleEvent(
        {
          id: record.id,
          occurredAt: record.occurred_at,
          type: record.type,
          userId: record.user_id,
          phoneMasked: record.phone_masked,
          details: record.details,
          text,
        },
        options.sourceIdentity,
      );
      const annotation = consoleAnnotation(record);
      return annotation && 'event' in mapped ? { ...mapped, event: { ...mapped.event, annotation } } : mapped;
    })(input),
};

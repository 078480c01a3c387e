import { EXPORT_COLUMNS } from '../../events/export-format';
import { fail } from '../fields';
import type { ImportFormat } from '../types';
import { consoleEvent, GUARDED, TEXT_COLUMNS } from './console-fields';
import { csvFormatRecords, type CsvRow } from './shared';

const HEADER = EXPORT_COLUMNS.join(',');
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** A guarded cell: one leading ' removed when a formula character follows (docs/export-format.md). */
function unguard(value: string | null): string | null {
  if (value && value.length > 1 && value[0] === "'" && FORMULA_START.has(value[1])) return value.slice(1);
  return value;
}

function integer(value: string | null, column: string, optional: boolean): number | null {
  if (value === null && optional) return null;
  if (value === null || !/^-?\d+$/.test(value))
    return fail(column, optional ? 'an integer or nothing' : 'an integer', value);
  return Number(value);
}

function details(value: string | null): unknown {
  if (value === null || value === '') return null;
  try {
    return JSON.parse(value);
  } catch {
    return fail('details', 'a JSON object or nothing', value);
  }
}

export const consoleCsv: ImportFormat = {
  id: 'console-csv',
  label: 'MFA Support Console export (CSV)',
  provider: 'console',
  detect: (sample) => (sample.firstLine.startsWith(HEADER) ? 100 : 0),
  records: (input, options) => {
    let index: Record<string, number> = {};
    return csvFormatRecords(
      EXPORT_COLUMNS,
      (row: CsvRow) => {
        const text: Record<string, string | null> = {};
        for (const [column, field] of TEXT_COLUMNS) {
          const value = row.raw(index[column]);
          text[field] = GUARDED.has(column) ? unguard(value) : value;
        }
        const masked = row.raw(index.phone_masked);
        return consoleEvent(
          {
            id: integer(row.raw(index.id), 'id', false),
            occurredAt: row.raw(index.occurred_at),
            type: row.raw(index.type),
            userId: integer(row.raw(index.user_id), 'user_id', true),
            phoneMasked: masked === 'true' ? true : masked === 'false' ? false : masked,
            details: details(row.raw(index.details)),
            text,
          },
          options.sourceIdentity,
        );
      },
      (header) => {
        index = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, header.index(c)]));
      },
    )(input, options);
  },
};

import { eventLabel } from '../../../shared/events';
import { FieldError } from '../fields';
import { csvRecords, CsvHeader } from '../readers/csv';
import { jsonRecords } from '../readers/json';
import { ndjsonRecords } from '../readers/ndjson';
import type { FormatOptions, ImportedEvent, ImportInput, ParsedRecord } from '../types';

/** What mapping one record gives: an event with its dedup key, or the vendor code nothing maps. */
export type Mapped = { key: string; recordId: string; event: ImportedEvent } | { ignored: string };

export function ignored(code: string): Mapped {
  return { ignored: code };
}

function mapOne<T>(value: T, line: number, map: (value: T, line: number) => Mapped): ParsedRecord {
  try {
    const mapped = map(value, line);
    if ('ignored' in mapped) return { kind: 'ignored', line, code: mapped.ignored };
    return { kind: 'event', line, key: mapped.key, recordId: mapped.recordId, event: mapped.event };
  } catch (error) {
    if (error instanceof FieldError) return { kind: 'rejected', line, column: error.column, message: error.message };
    throw error;
  }
}

type Json = Record<string, unknown>;

/** Records of a JSON document at `path` ([] = top-level arrays), each mapped by `map`. */
export function jsonFormatRecords(path: readonly string[], map: (record: Json, line: number) => Mapped) {
  return async function* records(input: ImportInput, options: FormatOptions): AsyncIterable<ParsedRecord[]> {
    for await (const items of jsonRecords(input.bytes(), path, options.file)) {
      yield items.map((item): ParsedRecord => {
        if (item.error !== undefined) {
          return { kind: 'rejected', line: item.line, message: item.error, ...(item.fatal ? { fatal: true } : {}) };
        }
        return mapOne(item.value as Json, item.line, map);
      });
    }
  };
}

/** NDJSON records, each mapped by `map`. */
export function ndjsonFormatRecords(map: (record: Json, line: number) => Mapped) {
  return async function* records(input: ImportInput): AsyncIterable<ParsedRecord[]> {
    for await (const items of ndjsonRecords(input.text())) {
      yield items.map((item): ParsedRecord =>
        item.error !== undefined
          ? { kind: 'rejected', line: item.line, message: item.error }
          : mapOne(item.value as Json, item.line, map),
      );
    }
  };
}

/** A CSV row read by header name: `get('Status')` is the value or null (empty or absent column). */
export interface CsvRow {
  get(name: string, occurrence?: number): string | null;
  /** The value as written: null for an unquoted empty field, '' for "" (the console's own export). */
  raw(index: number): string | null;
  header: CsvHeader;
}

/**
 * Records of a CSV file with a header row: the header must name every `required` column, and
 * every row must have as many fields as the header.
 */
export function csvFormatRecords(
  required: readonly string[],
  map: (row: CsvRow, line: number, options: FormatOptions) => Mapped,
  prepare?: (header: CsvHeader) => void,
) {
  return async function* records(input: ImportInput, options: FormatOptions): AsyncIterable<ParsedRecord[]> {
    let header: CsvHeader | null = null;
    let fields: (string | null)[] = [];
    const row: CsvRow = {
      get(name, occurrence) {
        const index = header!.index(name, occurrence);
        const value = index === -1 ? null : fields[index];
        return value === '' ? null : value;
      },
      raw: (index) => fields[index],
      get header() {
        return header!;
      },
    };
    for await (const items of csvRecords(input.text())) {
      const out: ParsedRecord[] = [];
      for (const item of items) {
        if (item.error !== undefined) {
          out.push({ kind: 'rejected', line: item.line, message: item.error, fatal: true });
          continue;
        }
        if (!header) {
          header = new CsvHeader(item.fields);
          const missing = header.missing(required);
          if (missing.length) {
            out.push({
              kind: 'rejected',
              line: item.line,
              column: missing[0],
              message: `expected a header with the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, found ${header.names.slice(0, 8).join(', ')}${header.names.length > 8 ? ', …' : ''}`,
              fatal: true,
            });
            yield out;
            return;
          }
          prepare?.(header);
          continue;
        }
        if (item.fields.length !== header.names.length) {
          out.push({
            kind: 'rejected',
            line: item.line,
            message: `expected ${header.names.length} fields (as many as the header has), found ${item.fields.length}`,
          });
          continue;
        }
        fields = item.fields;
        out.push(mapOne(row, item.line, (r, line) => map(r, line, options)));
      }
      if (out.length) yield out;
    }
  };
}

/** The catalog label check used by tests and docs: a type id the console knows. */
export function knownType(id: string): boolean {
  return eventLabel(id) !== id;
}

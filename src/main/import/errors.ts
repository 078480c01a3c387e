import { DomainError } from '../core/domain-error';

/**
 * Stable codes of an import refusal. The CLI and the UI branch on these, never on messages.
 * - IMPORT_INVALID: a record does not hold what its format promises (details: file, line, column)
 * - IMPORT_ENCODING: the bytes are not UTF-8 (invalid sequence, UTF-16, NUL bytes)
 * - IMPORT_EMPTY: the file holds nothing but white space
 * - IMPORT_UNKNOWN_FORMAT: no format recognises the content (or `--format` names none)
 * - IMPORT_UNREADABLE: the file cannot be opened or decompressed
 * - TIMEZONE_REQUIRED: the format's times carry no offset and no time zone was given
 */
export type ImportErrorCode =
  | 'IMPORT_INVALID'
  | 'IMPORT_ENCODING'
  | 'IMPORT_EMPTY'
  | 'IMPORT_UNKNOWN_FORMAT'
  | 'IMPORT_UNREADABLE'
  | 'TIMEZONE_REQUIRED';

export interface ImportErrorDetails {
  file: string;
  line?: number;
  column?: string;
  format?: string;
  [key: string]: unknown;
}

/** An import refusal: the message names the file and, where there is one, the line and field. */
export class ImportError extends DomainError {
  declare readonly code: ImportErrorCode;
  declare readonly details: ImportErrorDetails;

  constructor(code: ImportErrorCode, message: string, details: ImportErrorDetails) {
    super(code, message, details);
    this.name = 'ImportError';
  }
}

/** "file.csv, line 12, column Status: expected ..., found ..." */
export function placeOf(file: string, line?: number, column?: string): string {
  return [file, line !== undefined ? `line ${line}` : null, column ? `column ${column}` : null]
    .filter(Boolean)
    .join(', ');
}

export function invalidRecord(
  file: string,
  line: number,
  column: string | undefined,
  message: string,
  format?: string,
) {
  return new ImportError('IMPORT_INVALID', `${placeOf(file, line, column)}: ${message}`, {
    file,
    line,
    ...(column ? { column } : {}),
    ...(format ? { format } : {}),
  });
}

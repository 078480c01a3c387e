import { DomainError } from '../core/domain-error';

/**
 * Failures of the storage itself that a user can meet and act on: another program holding the
 * database, a full disk, a read-only file or folder, a damaged file. They get stable codes and a
 * sentence that says what to do, never `INTERNAL` with SQL in it.
 */
export type StorageErrorCode =
  'DATABASE_BUSY' | 'DISK_FULL' | 'READ_ONLY' | 'STORAGE_IO' | 'DATABASE_CORRUPT' | 'DATABASE_UNAVAILABLE';

/** The SQLite result code of an error from sqlite3, directly or wrapped by TypeORM. */
export function sqliteCode(error: unknown): string | null {
  const code = driverCode(error, (candidate) => candidate.startsWith('SQLITE_'));
  if (code) return code;
  const message = error instanceof Error ? error.message : '';
  return /\b(SQLITE_[A-Z_]+)\b/.exec(message)?.[1] ?? null;
}

/** The first `code` that `accepts` along an error and the driver errors or causes it wraps (TypeORM wraps them). */
export function driverCode(error: unknown, accepts: (code: string) => boolean): string | null {
  for (
    let e = error as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    i++
  ) {
    if (typeof e.code === 'string' && accepts(e.code)) return e.code;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return null;
}

export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export function busyError(what = 'The database'): DomainError {
  return new DomainError(
    'DATABASE_BUSY',
    `${what} is busy: another program (another console window, a web shell or an mfa-console command) is writing to it. Nothing was changed; try again in a moment.`,
  );
}

/** The DomainError for a storage failure, or null when the error is something else. */
export function storageError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const code = sqliteCode(error);
  switch (code) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return busyError();
    case 'SQLITE_FULL':
      return new DomainError(
        'DISK_FULL',
        'The disk holding the database is full, so nothing was changed. Free some space and try again.',
      );
    case 'SQLITE_CANTOPEN':
      return new DomainError(
        'DATABASE_UNAVAILABLE',
        'The database file cannot be opened: the path is a folder, its folder does not exist, or you may not read it.',
      );
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return new DomainError(
        'READ_ONLY',
        'The database cannot be written (a read-only file or folder, or another user owns it), so nothing was changed. Check its permissions.',
      );
    case 'SQLITE_IOERR':
      return new DomainError(
        'STORAGE_IO',
        'The database could not be read or written on disk (an input/output error), so nothing was changed. Check the disk, then try again.',
      );
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new DomainError(
        'DATABASE_CORRUPT',
        'The database file is damaged or is not a console database. Restore it from a backup, or open another file.',
      );
    default:
      return null;
  }
}

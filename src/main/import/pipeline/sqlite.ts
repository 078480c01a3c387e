import { Database as SqliteConnection, type Statement } from 'sqlite3';
import type { SqlRunner } from '../../events/index-range';

/** A raw sqlite3 connection of the import's own (a worker cannot share the main thread's). */
export interface ImportConnection extends SqlRunner {
  raw: SqliteConnection;
  exec(sql: string): Promise<void>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  prepare(sql: string): Statement;
  close(): Promise<void>;
}

/**
 * `building`: the file is a new workspace nobody else has open, deleted if the import fails, so no
 * journal is kept and nothing is synced while it is written (it is synced once, before it is put in
 * place); ending the import puts it back in WAL mode, the workspaces' own.
 */
export function openImportConnection(path: string, building = false): Promise<ImportConnection> {
  return new Promise((resolve, reject) => {
    const raw = new SqliteConnection(path, (error) => {
      if (error) return reject(error);
      // As the console's own connections wait for another process's write lock (db/data-source.ts).
      raw.configure('busyTimeout', 5000);
      const all = <T>(sql: string, params: unknown[] = []) =>
        new Promise<T[]>((done, fail) =>
          raw.all(sql, params, (e: Error | null, rows: T[]) => (e ? fail(e) : done(rows))),
        );
      const connection: ImportConnection = {
        raw,
        scope: raw,
        query: (sql, params) => all(sql, params),
        all,
        exec: (sql) => new Promise((done, fail) => raw.exec(sql, (e) => (e ? fail(e) : done()))),
        prepare: (sql) => raw.prepare(sql),
        close: () => new Promise((done) => raw.close(() => done())),
      };
      // A larger page cache and a second sorter thread: rebuilding the secondary indexes of 1M events
      // took a third of the time (measured; 2 cores), peak RSS stays far under 500 MB.
      connection
        .exec(
          `PRAGMA foreign_keys = ON; PRAGMA temp_store = FILE; PRAGMA cache_size = -32000; PRAGMA threads = 2;
           PRAGMA temp.cache_size = -32000; PRAGMA temp.journal_mode = OFF; PRAGMA temp.synchronous = OFF;
           ${building ? 'PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;' : ''}`,
        )
        .then(() => resolve(connection), reject);
    });
  });
}

export function runStatement(statement: Statement, params: unknown[]): Promise<void> {
  return new Promise((resolve, reject) =>
    statement.run(params, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

import { Database as SqliteConnection, OPEN_READONLY } from 'sqlite3';
import type { Database } from '../db/database';
import type { SqlRunner } from './index-range';
import { rawRunner } from './raw-runner';

/** Where an export reads its pages: one statement at a time per reader. */
export interface PageReader {
  read<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The console's own connection, shared with everything else (queued with its other work). */
export function sharedReader(db: Database): PageReader {
  return {
    read: (work) => db.read((manager) => work(rawRunner(manager))),
    close: async () => undefined,
  };
}

function runnerFor(connection: SqliteConnection): SqlRunner {
  return {
    scope: connection,
    query: (sql, params = []) =>
      new Promise((resolve, reject) =>
        connection.all(sql, params, (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows))),
      ),
  };
}

function open(path: string): Promise<SqliteConnection> {
  return new Promise((resolve, reject) => {
    const connection = new SqliteConnection(path, OPEN_READONLY, (error) =>
      error ? reject(error) : resolve(connection),
    );
  });
}

function close(connection: SqliteConnection): Promise<void> {
  return new Promise((resolve) => connection.close(() => resolve()));
}

/**
 * Read-only connections of the export's own, each in a read transaction on the same snapshot of the
 * log, so pages can be formatted on two cores at once and still fit together exactly. The log is
 * append-only (every change adds an id), so two snapshots with the same newest id hold the same
 * rows; if a write slips in between the two, only the first reader is kept. Null for a database that
 * is not a file (':memory:'), which only its own connection can read.
 */
export async function openSnapshotReaders(path: string, count: number): Promise<PageReader[] | null> {
  if (path === ':memory:' || path === '') return null;
  const connections: SqliteConnection[] = [];
  try {
    for (let i = 0; i < count; i++) connections.push(await open(path));
  } catch {
    await Promise.all(connections.map(close));
    return null;
  }
  const runners = connections.map(runnerFor);
  const newest: number[] = [];
  for (const runner of runners) {
    await runner.query('PRAGMA busy_timeout = 5000');
    await runner.query('BEGIN');
    const [row] = (await runner.query('SELECT COALESCE(MAX(id), 0) AS id FROM events')) as { id: number }[];
    newest.push(Number(row.id));
  }
  const kept = newest.map((id, i) => (i === 0 || id === newest[0] ? i : -1)).filter((i) => i >= 0);
  for (let i = 0; i < connections.length; i++) {
    if (!kept.includes(i)) await runners[i].query('ROLLBACK').then(() => close(connections[i]));
  }
  return kept.map((i) => {
    let tail: Promise<unknown> = Promise.resolve();
    return {
      read<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
        const next = tail.then(() => work(runners[i]));
        tail = next.catch(() => undefined);
        return next;
      },
      async close() {
        await tail;
        await runners[i].query('ROLLBACK').catch(() => undefined);
        await close(connections[i]);
      },
    };
  });
}

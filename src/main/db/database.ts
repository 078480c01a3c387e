import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one connection to SQLite, with writes serialised.
 *
 * TypeORM's sqlite driver shares a single connection, so two overlapping
 * `dataSource.transaction()` calls fail with "cannot start a transaction within a
 * transaction" (measured). Every unit of work therefore waits its turn here; the
 * guarded UPDATEs inside still carry their limits in the WHERE clause, so a rule
 * holds even if a second process writes to the same file.
 */
export class Database {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction, after every earlier unit of work has finished. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** A read outside any transaction; waits for pending writes so it never sees half of one. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => work(this.dataSource.manager));
    this.tail = run.catch(() => undefined);
    return run;
  }

  query<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.read((manager) => manager.query(sql, params) as Promise<T[]>);
  }

  close(): Promise<void> {
    return this.tail.then(() => this.dataSource.destroy());
  }
}

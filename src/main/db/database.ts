import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../core/domain-error';
import { busyError, isBusy } from './storage-errors';
import { postgresManager } from './postgres/manager';
import { connectionError, isRetryable } from './postgres/errors';
import { isPostgres, urlOf } from './postgres/url';

/** Tries of one unit of work that lost a serialization race on PostgreSQL (another console). */
export const SERIAL_ATTEMPTS = 30;

/** How many times a unit of work is tried when another process holds the write lock. */
export const WRITE_ATTEMPTS = 3;

/**
 * The one connection to SQLite, with writes serialised.
 *
 * TypeORM's sqlite driver shares a single connection, so two overlapping transactions fail with
 * "cannot start a transaction within a transaction" (measured). Every unit of work therefore waits
 * its turn here.
 *
 * Other processes (the CLI beside the app, a second web shell) write to the same file. A
 * transaction starts `BEGIN IMMEDIATE`: it takes the write lock first, waiting under SQLite's
 * busy timeout while another process holds it. (A deferred transaction that reads and then
 * writes cannot wait: SQLite answers SQLITE_BUSY at once, since waiting could deadlock.) If the
 * lock stays taken, the whole unit is rolled back and tried again, a bounded number of times,
 * then refused as DATABASE_BUSY. The guarded UPDATEs inside still carry their limits in the
 * WHERE clause, so a rule holds whichever process wins.
 */
export class Database {
  private tail: Promise<unknown> = Promise.resolve();
  /** Why writes are refused (a schema newer than this build), or null. */
  private writeRefusal: DomainError | null = null;

  /** On PostgreSQL (a team database) every unit of work is SERIALIZABLE and retried when it loses a race. */
  readonly postgres: boolean;

  constructor(readonly dataSource: DataSource) {
    this.postgres = isPostgres(dataSource);
  }

  /** Refuses every later transaction with this error (reads still work). */
  refuseWrites(error: DomainError): void {
    this.writeRefusal = error;
  }

  get writable(): boolean {
    return this.writeRefusal === null;
  }

  /** Runs `work` in one write transaction, after every earlier unit of work has finished. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.runTransaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** A read outside any transaction; waits for pending writes so it never sees half of one. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => (this.postgres ? this.readPostgres(work) : work(this.dataSource.manager)));
    this.tail = run.catch(() => undefined);
    return run;
  }

  query<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.read((manager) => manager.query(sql, params) as Promise<T[]>);
  }

  close(): Promise<void> {
    return this.tail.then(() => this.dataSource.destroy());
  }

  private async runTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.writeRefusal) throw this.writeRefusal;
    if (this.postgres) return this.runPostgres(work);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (attempt >= WRITE_ATTEMPTS) throw busyError();
      }
    }
  }

  private async once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query('BEGIN IMMEDIATE');
      let result: T;
      try {
        result = await work(runner.manager);
        await runner.query('COMMIT');
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      return result;
    } finally {
      await runner.release();
    }
  }

  private async readPostgres<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(postgresManager(runner));
    } catch (error) {
      throw this.postgresFailure(error);
    } finally {
      await runner.release();
    }
  }

  /**
   * One unit of work as a SERIALIZABLE transaction: consoles on other desktops run theirs at the same
   * time, and PostgreSQL refuses whichever would break serial order (SQLSTATE 40001). The whole unit
   * is then run again, as on SQLite after a busy lock, so a rule checked inside it holds across consoles.
   */
  private async runPostgres<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        try {
          const result = await work(postgresManager(runner));
          await runner.query('COMMIT');
          return result;
        } catch (error) {
          await runner.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      } catch (error) {
        if (!isRetryable(error)) throw this.postgresFailure(error);
        if (attempt >= SERIAL_ATTEMPTS) throw busyError();
        // Let the winner finish before trying again: a little longer each time, never in lock step.
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt * 2) * Math.random()));
      } finally {
        await runner.release();
      }
    }
  }

  /** A lost or refused connection says so; a refusal or a bug passes through unchanged. */
  private postgresFailure(error: unknown): unknown {
    if (error instanceof DomainError) return error;
    const failed = connectionError(error, urlOf(this.dataSource));
    return failed.code === 'DATABASE_UNAVAILABLE' ? error : failed;
  }
}

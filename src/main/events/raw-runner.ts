import type { Database as SqliteConnection } from 'sqlite3';
import type { EntityManager } from 'typeorm';
import type { SqlRunner } from './index-range';
import { dialectOf } from '../db/dialect';

/** The sqlite3 connection under TypeORM's driver (one connection, shared with the manager). */
export function rawConnection(manager: EntityManager): SqliteConnection {
  return (manager.connection.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
}

/**
 * Reads straight from the connection, skipping TypeORM's per-query bookkeeping: pages and
 * export batches are many rows, and this halves their cost. Only use it inside
 * Database.read/transaction, which keep the one connection's work in order.
 */
export function rawRunner(manager: EntityManager): SqlRunner {
  // A team database has no sqlite3 connection: its manager translates and runs the statements.
  if (!dialectOf(manager).rawConnection) return manager;
  const connection = rawConnection(manager);
  return {
    scope: connection,
    query: (sql, params = []) =>
      new Promise((resolve, reject) =>
        connection.all(sql, params, (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows))),
      ),
  };
}

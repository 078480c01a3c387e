import type { DataSource } from 'typeorm';
import { isPostgres, runsOnPostgres } from './postgres/url';

/** The index a text search is answered from: SQLite's FTS5, or PostgreSQL's GIN over a tsvector. */
export type TextIndex = 'fts5' | 'gin';

/**
 * Every way the engine's work differs between a local SQLite file and a team database, in one
 * place. Statements are written once in SQLite's dialect and translated (postgres/sql.ts); what
 * cannot be translated is a property here, read where that work is done, and each property says
 * why the two differ.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * FTS5 streams matches in rowid order, so the newest page of a search stops early; a GIN index
   * collects them all first (see events/text-order.ts for what the pages do about it).
   */
  readonly textIndex: TextIndex;
  /**
   * The search table forgets a row: FTS5 by being given its old values with the 'delete' command,
   * a plain table of tsvectors by a DELETE.
   */
  readonly searchRowsDeletedByCommand: boolean;
  /**
   * Export lines are made by the database (SQLite's printf and json(), in one statement per page)
   * or in JavaScript (events/export-lines.ts), byte for byte the same.
   */
  readonly exportLinesInDatabase: boolean;
  /**
   * A bulk load may drop the secondary indexes and rebuild them after: a file has one writer, and
   * its DDL rolls back with the load. A team database is shared: its indexes stay.
   */
  readonly defersIndexesForBulkLoads: boolean;
  /**
   * Reads may go straight to the sqlite3 connection, skipping TypeORM's bookkeeping; a team
   * database's manager translates and runs them instead.
   */
  readonly rawConnection: boolean;
  /** A bulk insert learns its ids from RETURNING; on a file, from last_insert_rowid(). */
  readonly insertReturnsIds: boolean;
  /** What an INSERT that keeps the ids it is given says before VALUES (identity columns refuse them). */
  readonly keepIds: string;
  /** A bulk load gathers the planner's statistics itself (ANALYZE), not waiting for autovacuum. */
  readonly analyzesAfterBulkLoads: boolean;
  /**
   * Ids given explicitly leave an identity column's sequence behind: a copy moves it past them, or
   * the next insert would take an id already used. SQLite's next rowid follows the largest.
   */
  readonly identitySequences: boolean;
  /** A table copied in key order: SQLite names its hidden rowid; PostgreSQL has a real column of it. */
  readonly selectsRowid: boolean;
  /** The cache a bulk load may enlarge is the connection's (PRAGMA cache_size), not the server's. */
  readonly connectionCache: boolean;
}

const SQLITE: Dialect = {
  name: 'sqlite',
  textIndex: 'fts5',
  searchRowsDeletedByCommand: true,
  exportLinesInDatabase: true,
  defersIndexesForBulkLoads: true,
  rawConnection: true,
  insertReturnsIds: false,
  keepIds: '',
  analyzesAfterBulkLoads: false,
  identitySequences: false,
  selectsRowid: true,
  connectionCache: true,
};

const POSTGRES: Dialect = {
  name: 'postgres',
  textIndex: 'gin',
  searchRowsDeletedByCommand: false,
  exportLinesInDatabase: false,
  defersIndexesForBulkLoads: false,
  rawConnection: false,
  insertReturnsIds: true,
  keepIds: 'OVERRIDING SYSTEM VALUE ',
  analyzesAfterBulkLoads: true,
  identitySequences: true,
  selectsRowid: false,
  connectionCache: false,
};

/** The dialect of a manager or runner (anything with a TypeORM `connection`). */
export function dialectOf(runner: unknown): Dialect {
  return runsOnPostgres(runner) ? POSTGRES : SQLITE;
}

/** The dialect of a DataSource. */
export function dialectOfSource(dataSource: DataSource): Dialect {
  return isPostgres(dataSource) ? POSTGRES : SQLITE;
}

import type { Database as SqliteConnection, Statement } from 'sqlite3';
import type { EntityManager } from 'typeorm';
import { EVENT_COLUMNS } from './append';
import { indexEventRange } from './index-range';
import { rawConnection } from './raw-runner';
import { dialectOf } from '../db/dialect';

/** One event row in EVENT_COLUMNS order (details already JSON text). */
export type EventRow = readonly [
  occurredAt: number,
  type: string,
  userId: number | null,
  userName: string | null,
  userEmail: string | null,
  userRole: string | null,
  phone: string | null,
  country: string | null,
  carrier: string | null,
  provider: string | null,
  providerCode: string | null,
  message: string | null,
  actor: string | null,
  reason: string | null,
  sessionId: string | null,
  details: string | null,
];

/** Rows per INSERT: 250 x 16 parameters stays far below SQLite's variable limit. */
const BATCH_ROWS = 250;

function run(statement: Statement, params: unknown[]): Promise<void> {
  return new Promise((resolve, reject) =>
    statement.run(params, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

function get<T>(connection: SqliteConnection, sql: string): Promise<T> {
  return new Promise((resolve, reject) =>
    connection.get(sql, (error: Error | null, row: T) => (error ? reject(error) : resolve(row))),
  );
}

/**
 * A team database's statistics after a bulk load, at once. Until autovacuum gets to it (a minute
 * or more later) the planner would take a table of millions for an empty one and scan the whole
 * log for a page of a text search (600 ms instead of 4 ms measured at 5,000,000 events). Run inside
 * the load's transaction, they arrive with the rows.
 */
export async function analyzeAfterBulkLoad(manager: EntityManager): Promise<void> {
  // Every table: the events, their search index and phones, and the counts and rollups charts read.
  await manager.query('ANALYZE');
}

/**
 * Appends many events inside one transaction: multi-VALUES INSERTs through one prepared
 * statement, then the search index and daily counts filled once for the new id range.
 * Rows must be given in time order so ids keep following time (see event_log_state).
 * For the engine's one-at-a-time events use appendEvent instead.
 */
export class BulkEventWriter {
  private readonly connection: SqliteConnection | null;
  /** A team database: batches go through the manager, and the ids come back from RETURNING. */
  private readonly ids: { first: number; last: number } | null;
  private statement: Statement | null = null;
  private pending: unknown[] = [];
  private pendingRows = 0;
  private inflight: Promise<void> = Promise.resolve();
  written = 0;

  constructor(private readonly manager: EntityManager) {
    const returnsIds = dialectOf(manager).insertReturnsIds;
    this.connection = returnsIds ? null : rawConnection(manager);
    this.ids = returnsIds ? { first: Infinity, last: -Infinity } : null;
  }

  /** Queues a row; returns a promise only when a batch is being written (await it then). */
  add(row: EventRow): Promise<void> | undefined {
    for (const value of row) this.pending.push(value);
    this.pendingRows += 1;
    return this.pendingRows === BATCH_ROWS ? this.flush() : undefined;
  }

  /**
   * Starts writing the pending rows and returns once the previous batch is written, so
   * the next batch is generated in JavaScript while SQLite inserts this one (two cores).
   */
  private async flush(): Promise<void> {
    if (this.pendingRows === 0) return;
    if (this.ids) return this.flushToPostgres(this.ids);
    const full = this.pendingRows === BATCH_ROWS;
    const statement = full ? (this.statement ??= this.prepare(BATCH_ROWS)) : this.prepare(this.pendingRows);
    const previous = this.inflight;
    this.inflight = run(statement, this.pending).then(() => {
      if (!full) statement.finalize();
    });
    this.written += this.pendingRows;
    this.pending = [];
    this.pendingRows = 0;
    await previous;
  }

  private insertSql(rows: number): string {
    const tuple = `(${EVENT_COLUMNS.map(() => '?').join(',')})`;
    return `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES ${Array(rows).fill(tuple).join(',')}`;
  }

  private prepare(rows: number): Statement {
    return (this.connection as SqliteConnection).prepare(this.insertSql(rows));
  }

  private async flushToPostgres(ids: { first: number; last: number }): Promise<void> {
    const rows = (await this.manager.query(`${this.insertSql(this.pendingRows)} RETURNING id`, this.pending)) as {
      id: number;
    }[];
    for (const { id } of rows) {
      ids.first = Math.min(ids.first, Number(id));
      ids.last = Math.max(ids.last, Number(id));
    }
    this.written += this.pendingRows;
    this.pending = [];
    this.pendingRows = 0;
  }

  /** Writes what is pending and indexes everything this writer added; returns the id range. */
  async finish(): Promise<{ firstId: number; lastId: number } | null> {
    await this.flush();
    await this.inflight;
    this.statement?.finalize();
    this.statement = null;
    if (this.written === 0) return null;
    if (this.ids) {
      await indexEventRange(this.manager, this.ids.first, this.ids.last);
      return { firstId: this.ids.first, lastId: this.ids.last };
    }
    // This transaction is the only writer and each INSERT takes the next ids, so the
    // rows written are the `written` ids ending at the last one.
    const { id: lastId } = await get<{ id: number }>(
      this.connection as SqliteConnection,
      'SELECT last_insert_rowid() AS id',
    );
    const firstId = lastId - this.written + 1;
    await indexEventRange(this.manager, firstId, lastId);
    return { firstId, lastId };
  }
}

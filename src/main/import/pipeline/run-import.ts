import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { DomainError } from '../../core/domain-error';
import { EVENT_COLUMNS } from '../../events/append';
import { indexEventRange, type SqlRunner } from '../../events/index-range';
import { readImportFile, type ImportReader } from '../read';
import type { EventRecord, RejectedRecord } from '../types';
import { RejectionReport } from './rejections';
import { openImportConnection, runStatement, type ImportConnection } from './sqlite';
import type { ImportDetected, ImportFileResult, ImportJobOptions, ImportProgress, ImportResult } from './types';

/** What the caller of an import can see and do while it runs. */
export interface ImportHooks {
  /** Every file opened and its format known, before anything is read into the workspace. */
  onDetected?(files: ImportDetected[]): void;
  onProgress?(progress: ImportProgress): void;
  /** Asked between batches: true stops the import, and the workspace stays exactly as it was. */
  cancelled?(): boolean;
}

/**
 * Staged rows per INSERT: each batch goes to SQLite as one JSON array of rows, unpacked in C on
 * SQLite's thread while the next batch is parsed (one bound string instead of 18 values a row:
 * binding was what staging cost). json_each slows down on far larger arrays (measured: 2,000 rows
 * a batch took 5x as long as 200).
 */
const BATCH_ROWS = 200;
/** Rejected records listed in the answer (all of them are in the rejection report file). */
export const LISTED_REJECTIONS = 1000;
/** From this many new events on, the secondary indexes are rebuilt by sorting instead of row by row. */
const DEFER_INDEXES_FROM = 50_000;
const PROGRESS_EVERY_MS = 100;

/**
 * A staged row: the event's columns, with the file it came from and its dedup key in front, and an
 * own NDJSON export's star, tags and note (JSON) at the end when it has them.
 */
const STAGE_COLUMNS = ['file', 'key', ...EVENT_COLUMNS, 'annotation'] as const;

/** MFA_CONSOLE_IMPORT_TIMINGS=1: each step's time on stderr (for the bench and for tuning). */
const timing = (step: string, since: number) => {
  if (process.env.MFA_CONSOLE_IMPORT_TIMINGS === '1')
    process.stderr.write(`import ${step}: ${Date.now() - since} ms\n`);
  return Date.now();
};

/** With MFA_CONSOLE_IMPORT_TIMINGS=1, each statement of the search index and rollups step timed too. */
function timedRunner(connection: ImportConnection): SqlRunner {
  if (process.env.MFA_CONSOLE_IMPORT_TIMINGS !== '1') return connection;
  return {
    scope: connection.scope,
    query: async (sql, params) => {
      const since = Date.now();
      const rows = await connection.query(sql, params);
      timing(`  ${sql.replace(/\s+/g, ' ').slice(0, 60)}`, since);
      return rows;
    },
  };
}

export function cancelledError(): DomainError {
  return new DomainError('IMPORT_CANCELLED', 'The import was cancelled; the workspace is exactly as it was before.');
}

function rowOf(file: number, record: EventRecord): unknown[] {
  const e = record.event;
  return [
    file,
    record.key,
    e.occurredAt,
    e.type,
    e.userId ?? null,
    e.userName ?? null,
    e.userEmail ?? null,
    e.userRole ?? null,
    e.phone ?? null,
    e.country ?? null,
    e.carrier ?? null,
    e.provider ?? null,
    e.providerCode ?? null,
    e.message ?? null,
    e.actor ?? null,
    e.reason ?? null,
    e.sessionId ?? null,
    e.details ? JSON.stringify(e.details) : null,
    e.annotation ? JSON.stringify(e.annotation) : null,
  ];
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes staged rows a batch per statement, the next batch built while SQLite writes this one. */
class StagingWriter {
  private statement: Statement | null = null;
  private pending: unknown[][] = [];
  private inflight: Promise<void> = Promise.resolve();

  constructor(private readonly connection: ImportConnection) {}

  async add(row: unknown[]): Promise<void> {
    if (this.pending.push(row) === BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    this.statement ??= this.connection.prepare(
      // Each row parsed once (into JSONB, MATERIALIZED so it is not parsed again per column).
      `WITH batch AS MATERIALIZED (SELECT jsonb(value) AS row FROM json_each(?))
       INSERT INTO temp.import_staging (${STAGE_COLUMNS.join(', ')})
       SELECT ${STAGE_COLUMNS.map((_, i) => `row ->> ${i}`).join(', ')} FROM batch`,
    );
    const previous = this.inflight;
    this.inflight = runStatement(this.statement, [JSON.stringify(this.pending)]);
    this.pending = [];
    await previous;
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.inflight;
    this.statement?.finalize();
    this.statement = null;
  }
}

type Statement = ReturnType<ImportConnection['prepare']>;

interface OpenedFile {
  path: string;
  name: string;
  reader: ImportReader;
}

/**
 * Imports files into a workspace database: each file opened and its format detected first (said
 * through onDetected), then read, streamed, into a staging table of this connection's own (TEMP,
 * so nothing of the workspace changes while it fills), and finally, in one write transaction:
 * records already imported (by their key) dropped, the events appended in time order, their keys
 * and one import_sources row per file recorded, and the search index and daily rollups built.
 * A failure, a Cancel or a killed process before that COMMIT leaves the workspace as it was.
 */
export async function runImport(options: ImportJobOptions, hooks: ImportHooks = {}): Promise<ImportResult> {
  const started = Date.now();
  const opened: OpenedFile[] = [];
  for (const file of options.files) {
    const reader = await readImportFile(file.path, {
      format: options.format,
      timezone: options.timezone,
      skipInvalid: options.skipInvalid,
    });
    opened.push({ path: file.path, name: file.name ?? basename(file.path), reader });
  }
  hooks.onDetected?.(
    opened.map(({ path, name, reader }) => ({
      path,
      file: name,
      size: reader.size,
      format: reader.format.id,
      label: reader.format.label,
    })),
  );
  const totalBytes = opened.reduce((sum, f) => sum + f.reader.size, 0);
  const connection = await openImportConnection(options.dbPath, options.building === true);
  const reports: RejectionReport[] = [];
  try {
    await connection.exec(`DROP TABLE IF EXISTS temp.import_staging;
      CREATE TEMP TABLE import_staging (file INTEGER NOT NULL, key TEXT NOT NULL, occurred_at INTEGER NOT NULL,
        type TEXT NOT NULL, ${EVENT_COLUMNS.slice(2).join(', ')}, annotation)`);
    const results: ImportFileResult[] = [];
    const staged = { annotations: 0 };
    let records = 0;
    let bytesDone = 0;
    let lastProgress = 0;
    const progress = (phase: ImportProgress['phase'], index: number, current: number) => {
      hooks.onProgress?.({
        phase,
        file: opened[index]?.name ?? '',
        fileIndex: index,
        files: opened.length,
        records,
        bytesRead: Math.min(totalBytes, bytesDone + current),
        totalBytes,
        elapsedMs: Date.now() - started,
      });
    };
    const t = Date.now();
    await connection.exec('BEGIN');
    for (const [index, { path, name, reader }] of opened.entries()) {
      const writer = new StagingWriter(connection);
      const rejected: { line: number; column?: string; message: string }[] = [];
      const report = options.skipInvalid ? new RejectionReport(options.rejectionDir, options.now, index, name) : null;
      if (report) reports.push(report);
      for await (const batch of reader.batches()) {
        if (hooks.cancelled?.()) throw cancelledError();
        for (const record of batch) {
          if (record.kind === 'event') {
            if (record.event.annotation) staged.annotations++;
            await writer.add(rowOf(index, record));
          } else if (record.kind === 'rejected') {
            const { line, column, message } = record as RejectedRecord;
            if (rejected.length < LISTED_REJECTIONS) rejected.push({ line, ...(column ? { column } : {}), message });
            report?.add(line, column, message);
          }
        }
        records = results.reduce((sum, r) => sum + r.records, 0) + reader.counts.records;
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          progress('reading', index, reader.progress.bytesRead);
        }
      }
      await writer.finish();
      bytesDone += reader.size;
      const counts = reader.counts;
      results.push({
        path,
        file: name,
        format: reader.format.id,
        size: reader.size,
        sha256: reader.progress.sha256 ?? (await sha256Of(path)),
        records: counts.records,
        imported: 0,
        duplicates: 0,
        ignored: counts.ignored,
        rejectedCount: counts.rejected,
        rejected,
        rejectionReport: report && counts.rejected > 0 ? report.finalPath : null,
        byType: {},
        sourceId: 0,
      });
    }
    await connection.exec('COMMIT');
    timing('read and stage', t);
    if (hooks.cancelled?.()) throw cancelledError();
    progress('indexing', opened.length - 1, 0);
    const range = await commitStaged(connection, options, results, hooks, staged.annotations > 0);
    if (options.building) await connection.exec('PRAGMA journal_mode = WAL');
    for (const report of reports) await report.keep(results[report.fileIndex].rejectedCount > 0);
    progress('done', opened.length - 1, 0);
    return {
      files: results,
      imported: results.reduce((sum, r) => sum + r.imported, 0),
      duplicates: results.reduce((sum, r) => sum + r.duplicates, 0),
      firstEventId: range?.firstId ?? null,
      lastEventId: range?.lastId ?? null,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    await connection.exec('ROLLBACK').catch(() => undefined);
    for (const report of reports) await report.discard();
    throw error;
  } finally {
    await connection.exec('DROP TABLE IF EXISTS temp.import_staging').catch(() => undefined);
    await connection.close();
  }
}

/**
 * How to read the staged rows in time order (ties in file order): a file already in time order, or
 * in reverse with no two records at the same time (a vendor's newest-first export), is read along
 * its rows forwards or backwards; only other files are sorted (sorting whole rows was most of the
 * append's time, measured on 1M rows).
 */
async function timeOrder(connection: ImportConnection): Promise<string> {
  const [steps] = await connection.all<{ down: number | null; up: number | null; same: number | null }>(
    `SELECT SUM(occurred_at < before) AS down, SUM(occurred_at > before) AS up, SUM(occurred_at = before) AS same
     FROM (SELECT occurred_at, LAG(occurred_at) OVER (ORDER BY rowid) AS before FROM temp.import_staging)`,
  );
  if (!steps.down) return 'rowid';
  if (!steps.up && !steps.same) return 'rowid DESC';
  return 'occurred_at, rowid';
}

/** The one write transaction: dedup against earlier imports, append, record keys and sources, index. */
async function commitStaged(
  connection: ImportConnection,
  options: ImportJobOptions,
  results: ImportFileResult[],
  hooks: ImportHooks,
  hasAnnotations: boolean,
): Promise<{ firstId: number; lastId: number } | null> {
  // A record that appears twice in what is imported now (overlapping pages, the same file twice)
  // is kept once: its first occurrence.
  let t = Date.now();
  await connection.exec(`CREATE INDEX temp.idx_import_staging_key ON import_staging (key)`);
  // Looked for along the index first: most imports repeat nothing, and the DELETE is the slow part.
  const [repeats] = await connection.all<{ any: number }>(
    `SELECT EXISTS (SELECT 1 FROM temp.import_staging GROUP BY key HAVING COUNT(*) > 1) AS any`,
  );
  if (repeats.any) {
    await connection.exec(
      `DELETE FROM temp.import_staging WHERE rowid NOT IN (SELECT MIN(rowid) FROM temp.import_staging GROUP BY key)`,
    );
  }
  await connection.exec('BEGIN IMMEDIATE');
  try {
    t = timing('dedup within the import', t);
    await connection.exec(`DELETE FROM temp.import_staging WHERE key IN (SELECT key FROM main.import_record_keys)`);
    t = timing('dedup against the workspace', t);
    const perFile = await connection.all<{ file: number; type: string; n: number }>(
      `SELECT file, type, COUNT(*) AS n FROM temp.import_staging GROUP BY file, type`,
    );
    for (const row of perFile) {
      const result = results[row.file];
      result.byType[row.type] = Number(row.n);
      result.imported += Number(row.n);
    }
    for (const result of results) {
      // Events read, less those kept: the ones already in the workspace or repeated in this import.
      result.duplicates = result.records - result.ignored - result.rejectedCount - result.imported;
      const [row] = await connection.all<{ id: number }>(
        `INSERT INTO import_sources (file_name, path, size, sha256, format, timezone, records, imported, duplicates,
           rejected, ignored, rejection_report, imported_at, operator)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          result.file,
          result.path,
          result.size,
          result.sha256,
          result.format,
          options.timezone ?? null,
          result.records,
          result.imported,
          result.duplicates,
          result.rejectedCount,
          result.ignored,
          result.rejectionReport,
          options.now,
          options.operator,
        ],
      );
      result.sourceId = row.id;
    }
    if (hooks.cancelled?.()) throw cancelledError();
    const total = results.reduce((sum, r) => sum + r.imported, 0);
    let range: { firstId: number; lastId: number } | null = null;
    if (total > 0) {
      const [before] = await connection.all<{ id: number | null }>('SELECT MAX(id) AS id FROM events');
      const deferred =
        total >= DEFER_INDEXES_FROM
          ? await connection.all<{ name: string; sql: string }>(
              `SELECT name, sql FROM sqlite_master
               WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL AND name <> 'idx_events_time'`,
            )
          : [];
      for (const index of deferred) await connection.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
      const cols = EVENT_COLUMNS.join(', ');
      // In time order, so ids keep following time within the import (a vendor's newest-first file too).
      const order = await timeOrder(connection);
      await connection.exec(
        `INSERT INTO main.events (${cols}) SELECT ${cols} FROM temp.import_staging ORDER BY ${order}`,
      );
      t = timing('append events', t);
      const sourceOf = `CASE file ${results.map((r, i) => `WHEN ${i} THEN ${r.sourceId}`).join(' ')} END`;
      await connection.exec(
        `INSERT INTO main.import_record_keys (key, source_id) SELECT key, ${sourceOf} FROM temp.import_staging ORDER BY key`,
      );
      t = timing('record keys', t);
      for (const index of deferred) await connection.exec(index.sql);
      t = timing('rebuild indexes', t);
      const [after] = await connection.all<{ id: number }>('SELECT MAX(id) AS id FROM events');
      range = { firstId: (before.id ?? 0) + 1, lastId: after.id };
      // One INSERT gives its rows consecutive ids ending at lastId, whatever the sequence said before.
      if (hasAnnotations) await restoreAnnotations(connection, range.lastId - total + 1, order, options);
      // Into an empty workspace, the search index is written without merging segments as it goes
      // and merged once at the end (measured on 1M rows: a quarter less time, and one segment).
      const bulk = before.id === null && total >= DEFER_INDEXES_FROM;
      if (bulk) await connection.exec(`INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 0)`);
      await indexEventRange(timedRunner(connection), range.firstId, range.lastId);
      if (bulk) {
        await connection.exec(`INSERT INTO events_fts (events_fts) VALUES ('optimize');
          INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 4)`);
      }
      t = timing('search index and rollups', t);
    }
    if (hooks.cancelled?.()) throw cancelledError();
    await connection.exec('COMMIT');
    timing('commit', t);
    return range;
  } catch (error) {
    await connection.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * The star, tags and note of own NDJSON records, beside the events just appended: the events took
 * ids from `firstId` on in the staging table's `order` (the append's), so the same order numbers
 * the staged rows. Recorded as changed by the importing operator at the import's time.
 */
async function restoreAnnotations(
  connection: ImportConnection,
  firstId: number,
  order: string,
  options: ImportJobOptions,
) {
  await connection.exec(`CREATE TEMP TABLE import_annotations AS
    SELECT id, annotation FROM (
      SELECT ${firstId - 1} + ROW_NUMBER() OVER (ORDER BY ${order}) AS id, annotation FROM temp.import_staging)
    WHERE annotation IS NOT NULL`);
  try {
    await connection.all(
      `INSERT INTO main.event_annotations (event_id, starred, note, updated_by, updated_at)
       SELECT id, IIF(json_extract(annotation, '$.starred'), 1, 0), json_extract(annotation, '$.note'), ?, ?
       FROM temp.import_annotations`,
      [options.operator ?? 'import', options.now],
    );
    await connection.exec(`INSERT INTO main.event_tags (tag, event_id)
      SELECT t.value, a.id FROM temp.import_annotations a, json_each(a.annotation, '$.tags') t`);
  } finally {
    await connection.exec('DROP TABLE temp.import_annotations');
  }
}

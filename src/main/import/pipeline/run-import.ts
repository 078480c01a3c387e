import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { DomainError } from '../../core/domain-error';
import { EVENT_COLUMNS } from '../../events/append';
import { indexEventRange } from '../../events/index-range';
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

/** Staged rows per INSERT: 500 x 5 parameters stays far below SQLite's variable limit. */
const BATCH_ROWS = 500;
/** Rejected records listed in the answer (all of them are in the rejection report file). */
export const LISTED_REJECTIONS = 1000;
/** From this many new events on, the secondary indexes are rebuilt by sorting instead of row by row. */
const DEFER_INDEXES_FROM = 50_000;
const PROGRESS_EVERY_MS = 100;

/**
 * A staged row: what the commit sorts, groups and dedups on as columns, the rest packed as one JSON
 * array (binding 5 parameters a row instead of 18 made staging several times faster; SQLite unpacks
 * it in C at the commit).
 */
const STAGE_COLUMNS = ['file', 'key', 'occurred_at', 'type', 'packed'] as const;
const PACKED_COLUMNS = EVENT_COLUMNS.filter((c) => c !== 'occurred_at' && c !== 'type');
/** Where a staged row's annotation is packed, when it has one: after the event's columns. */
const ANNOTATION_AT = PACKED_COLUMNS.length;

/** MFA_CONSOLE_IMPORT_TIMINGS=1: each step's time on stderr (for the bench and for tuning). */
const timing = (step: string, since: number) => {
  if (process.env.MFA_CONSOLE_IMPORT_TIMINGS === '1')
    process.stderr.write(`import ${step}: ${Date.now() - since} ms\n`);
  return Date.now();
};

export function cancelledError(): DomainError {
  return new DomainError('IMPORT_CANCELLED', 'The import was cancelled; the workspace is exactly as it was before.');
}

function rowOf(file: number, record: EventRecord): unknown[] {
  const e = record.event;
  const packed = [
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
  ];
  // An own NDJSON export's star, tags and note ride along as one more element (ANNOTATION_AT).
  if (e.annotation) packed.push(JSON.stringify(e.annotation));
  return [file, record.key, e.occurredAt, e.type, JSON.stringify(packed)];
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes staged rows in multi-VALUES INSERTs, the next batch built while SQLite writes this one. */
class StagingWriter {
  private statement: Statement | null = null;
  private pending: unknown[] = [];
  private rows = 0;
  private inflight: Promise<void> = Promise.resolve();

  constructor(private readonly connection: ImportConnection) {}

  async add(row: unknown[]): Promise<void> {
    for (const value of row) this.pending.push(value);
    if (++this.rows === BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows === 0) return;
    const full = this.rows === BATCH_ROWS;
    const statement = full ? (this.statement ??= this.prepare(BATCH_ROWS)) : this.prepare(this.rows);
    const previous = this.inflight;
    this.inflight = runStatement(statement, this.pending).then(() => {
      if (!full) statement.finalize();
    });
    this.pending = [];
    this.rows = 0;
    await previous;
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.inflight;
    this.statement?.finalize();
    this.statement = null;
  }

  private prepare(rows: number): Statement {
    const tuple = `(${STAGE_COLUMNS.map(() => '?').join(',')})`;
    return this.connection.prepare(
      `INSERT INTO temp.import_staging (${STAGE_COLUMNS.join(', ')}) VALUES ${Array(rows).fill(tuple).join(',')}`,
    );
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
  const connection = await openImportConnection(options.dbPath);
  const reports: RejectionReport[] = [];
  try {
    await connection.exec(`DROP TABLE IF EXISTS temp.import_staging;
      CREATE TEMP TABLE import_staging (file INTEGER NOT NULL, key TEXT NOT NULL, occurred_at INTEGER NOT NULL,
        type TEXT NOT NULL, packed TEXT NOT NULL)`);
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
  await connection.exec(`CREATE INDEX temp.idx_import_staging_key ON import_staging (key);
    DELETE FROM temp.import_staging WHERE rowid NOT IN (SELECT MIN(rowid) FROM temp.import_staging GROUP BY key)`);
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
      const cols = ['occurred_at', 'type', ...PACKED_COLUMNS].join(', ');
      const unpacked = PACKED_COLUMNS.map((_, i) => `json_extract(packed, '$[${i}]')`).join(', ');
      // In time order, so ids keep following time within the import (a vendor's newest-first file too).
      await connection.exec(
        `INSERT INTO main.events (${cols}) SELECT occurred_at, type, ${unpacked} FROM temp.import_staging ORDER BY occurred_at, rowid`,
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
      if (hasAnnotations) await restoreAnnotations(connection, range.lastId - total + 1, options);
      await indexEventRange(connection, range.firstId, range.lastId);
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
 * ids from `firstId` on in the staging table's time order, so the same order numbers the staged
 * rows. Recorded as changed by the importing operator at the import's time.
 */
async function restoreAnnotations(connection: ImportConnection, firstId: number, options: ImportJobOptions) {
  await connection.exec(`CREATE TEMP TABLE import_annotations AS
    SELECT id, json_extract(packed, '$[${ANNOTATION_AT}]') AS annotation FROM (
      SELECT ${firstId - 1} + ROW_NUMBER() OVER (ORDER BY occurred_at, rowid) AS id, packed FROM temp.import_staging)
    WHERE json_array_length(packed) > ${ANNOTATION_AT}`);
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

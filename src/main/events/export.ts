import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, statSync, type WriteStream } from 'node:fs';
import { unlinkSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import type { EventSort, ExportStatus, ParsedEventFilters } from '../../shared/contract/events';
import { DomainError } from '../core/domain-error';
import type { Database } from '../db/database';
import type { Clock } from '../core/clock';
import { appendEvent } from './append';
import { exactCount } from './count';
import { resolveFilters, type ResolvedFilters } from './filters';
import { requestPrint } from './query';
import { DEFAULT_SORT, cursorKeyOf, pageSql, type EventDbRow } from './query-sql';
import type { SqlRunner } from './index-range';
import { decodeCursor, encodeCursor } from './cursor';
import { rawRunner } from './raw-runner';
import { exportColumnsSql, exportHeader, exportLineSql, type ExportFormat } from './export-format';
import type { ExportJournal } from './export-journal';

export interface ExportRequest {
  filters?: ParsedEventFilters;
  sort?: EventSort;
  format: ExportFormat;
  path: string;
  unmasked?: boolean;
  actor?: string;
  reason?: string;
  overwrite?: boolean;
}

interface Job {
  status: ExportStatus;
  cancelled: boolean;
  done: Promise<void>;
  temp: string;
  stream: WriteStream;
}

/** The hidden file an export to `path` writes before it is renamed: one per target name. */
export const tempPathFor = (path: string): string => join(dirname(path), `.${basename(path)}.part`);

/** Rows per keyset page; memory stays flat however many rows are exported. */
export const EXPORT_PAGE_ROWS = 5_000;

/**
 * Streams exactly the filtered events to a file, page by page with the same keyset query
 * the explorer uses. Rows go to a temporary file beside the target, renamed over it only
 * when complete, so a cancelled or failed export never leaves a partial file.
 */
export class EventExporter {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly journal: ExportJournal,
    private readonly pageRows = EXPORT_PAGE_ROWS,
  ) {}

  async start(request: ExportRequest): Promise<{ id: string; total: number }> {
    const path = resolve(request.path);
    if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) {
      throw new DomainError('EXPORT_FOLDER_MISSING', `path: the folder ${dirname(path)} does not exist.`);
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new DomainError('EXPORT_PATH_IS_FOLDER', `path: ${path} is a folder; give the name of a file in it.`);
    }
    if (existsSync(path) && !request.overwrite) {
      throw new DomainError(
        'EXPORT_FILE_EXISTS',
        `path: ${path} already exists; choose another name or allow overwriting.`,
      );
    }
    const sort = request.sort ?? DEFAULT_SORT;
    const print = requestPrint(request.filters, sort);
    const unmasked = request.unmasked === true;
    const id = randomUUID();
    // Filters that cannot run (an unknown time zone, From after To) are refused before anything is recorded.
    const filters = await this.db.read((manager) => resolveFilters(request.filters, rawRunner(manager)));

    // The name is claimed before anything is recorded: a second export to the same file while this
    // one writes it is refused at once, in this process or another.
    const temp = tempPathFor(path);
    const stream = await this.claim(temp, path);
    let total: number;
    try {
      if (unmasked) {
        // Full phone numbers leave the console: record who, why and what before any row is written.
        await this.db.transaction((manager) =>
          appendEvent(manager, {
            occurredAt: this.clock.now(),
            type: 'export_unmasked',
            actor: request.actor ?? 'console operator',
            reason: request.reason ?? null,
            message: `Exported events with full phone numbers to ${basename(path)}`,
            details: { exportId: id, path, format: request.format, filters: request.filters ?? {} },
          }),
        );
      }
      total = (await this.db.read((manager) => exactCount(rawRunner(manager), filters))).value;
    } catch (error) {
      stream.destroy();
      this.release(temp);
      throw error;
    }

    const status: ExportStatus = {
      id,
      state: 'running',
      format: request.format,
      path,
      rowsWritten: 0,
      total,
      unmasked,
      startedAt: this.clock.now(),
      finishedAt: null,
      error: null,
    };
    const job: Job = { status, cancelled: false, done: Promise.resolve(), temp, stream };
    job.done = this.run(job, filters, sort, print);
    this.jobs.set(id, job);
    return { id, total };
  }

  status(id: string): ExportStatus {
    return { ...this.job(id).status };
  }

  /** Stops the export and waits until its temporary file is gone. */
  async cancel(id: string): Promise<ExportStatus> {
    const job = this.job(id);
    if (job.status.state === 'running') job.cancelled = true;
    await job.done;
    return { ...job.status };
  }

  /** Waits for an export to end however it ends (the CLI uses this). */
  async wait(id: string): Promise<ExportStatus> {
    const job = this.job(id);
    await job.done;
    return { ...job.status };
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new DomainError('NOT_FOUND', `id: there is no export ${id}.`);
    return job;
  }

  /** Creates the temporary file exclusively (an orphan of a killed export is removed first). */
  private async claim(temp: string, path: string): Promise<WriteStream> {
    if (existsSync(temp) && this.journal.isOrphaned(temp)) this.release(temp);
    const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    try {
      await once(stream, 'open');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw new DomainError(
          'EXPORT_IN_PROGRESS',
          `path: another export is writing ${path} right now; wait for it to finish or choose another name.`,
        );
      }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new DomainError('EXPORT_FOLDER_NOT_WRITABLE', `path: the folder ${dirname(path)} cannot be written to.`);
      }
      if (code === 'ENOSPC') throw new DomainError('DISK_FULL', `path: the disk holding ${dirname(path)} is full.`);
      throw error;
    }
    this.journal.record(temp, path);
    return stream;
  }

  private release(temp: string): void {
    try {
      unlinkSync(temp);
    } catch {
      // Not there: nothing to remove.
    }
    this.journal.forget(temp);
  }

  private async run(job: Job, filters: ResolvedFilters, sort: EventSort, print: string): Promise<void> {
    const { status, temp, stream } = job;
    try {
      await write(stream, exportHeader(status.format));
      type Page = ExportPage;
      const read = (after: string | undefined): Promise<Page> =>
        this.db.read((manager) =>
          readExportPage(
            rawRunner(manager),
            filters,
            sort,
            print,
            after,
            this.pageRows,
            status.format,
            status.unmasked,
          ),
        );
      // SQLite reads the next page on its worker thread while this one is formatted and written.
      let next: Promise<Page> | null = read(undefined);
      while (next) {
        const page: Page = await next;
        if (job.cancelled) break;
        next = page.nextCursor ? read(page.nextCursor) : null;
        await write(stream, page.text);
        status.rowsWritten += page.rows;
      }
      // A read still in flight after Cancel must not surface as an unhandled rejection.
      await next?.catch(() => undefined);
      stream.end();
      await once(stream, 'close');
      if (job.cancelled) {
        await unlink(temp).catch(() => undefined);
        status.state = 'cancelled';
      } else {
        await rename(temp, status.path);
        status.state = 'done';
      }
    } catch (error) {
      stream.destroy();
      await unlink(temp).catch(() => undefined);
      status.state = job.cancelled ? 'cancelled' : 'failed';
      status.error = exportFailure(error, status.path);
    }
    this.journal.forget(temp);
    status.finishedAt = this.clock.now();
  }
}

interface ExportPage {
  text: string;
  rows: number;
  nextCursor: string | null;
}

/**
 * One keyset page of the explorer's query, formatted by SQLite into one string: the same
 * rows in the same order as eventsQuery pages, with the cursor of the last one.
 */
export async function readExportPage(
  runner: SqlRunner,
  f: ResolvedFilters,
  sort: EventSort,
  print: string,
  after: string | undefined,
  limit: number,
  format: ExportFormat,
  unmasked: boolean,
): Promise<ExportPage> {
  const cursor = after ? decodeCursor(after, print) : null;
  const page = pageSql(f, sort, cursor, limit);
  const extra = exportColumnsSql(unmasked);
  // The aggregate reads the ordered page subquery in its order (checked by the export tests).
  const [text] = (await runner.query(
    `SELECT group_concat(${exportLineSql(format)}, '') AS export_text, COUNT(*) AS export_rows
     FROM (SELECT *, ${extra.sql} FROM (${page.sql}))`,
    [...extra.params, ...page.params],
  )) as { export_text: string | null; export_rows: number }[];
  const rows = Number(text.export_rows);
  let nextCursor: string | null = null;
  if (rows === limit) {
    // The page's last row, and whether one more exists: the same keyset query, one row wider.
    const wider = pageSql(f, sort, cursor, limit + 1);
    const [last] = (await runner.query(
      `SELECT p.*, (SELECT COUNT(*) FROM (${wider.sql})) AS export_rows FROM (${wider.sql}) p LIMIT 1 OFFSET ?`,
      [...wider.params, ...wider.params, limit - 1],
    )) as (EventDbRow & { export_rows: number })[];
    if (Number(last.export_rows) > limit) nextCursor = encodeCursor(cursorKeyOf(last, sort), print);
  }
  return { text: text.export_text ?? '', rows, nextCursor };
}

/** Why an export failed, in words for the operator (a full disk, a folder that went away). */
function exportFailure(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return `The disk holding ${dirname(path)} is full; nothing was written to ${path}.`;
  if (code === 'EISDIR') return `${path} is a folder; nothing was written.`;
  if (code === 'ENOENT') return `The folder ${dirname(path)} went away during the export; nothing was written.`;
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (text.length === 0) return;
  if (!stream.write(text)) await once(stream, 'drain');
}

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
import { DEFAULT_SORT } from './query-sql';
import { rawRunner } from './raw-runner';
import { exportHeader, type ExportFormat } from './export-format';
import { createExportLookups, type ExportLookups } from './export-lookups';
import { readExportPage, readPageBoundaries, type ExportPage } from './export-pages';
import { openSnapshotReaders, sharedReader } from './export-readers';
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

/** Connections formatting pages at once (these machines have two cores). */
const EXPORT_READERS = 2;

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

  /** The database file, when there is one a second connection can open (a team database reads through its pool). */
  private dbPath(): string {
    if (this.db.dataSource.options.type !== 'sqlite') return ':memory:';
    return String(this.db.dataSource.options.database ?? ':memory:');
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
    const readers = (await openSnapshotReaders(this.dbPath(), EXPORT_READERS)) ?? [sharedReader(this.db)];
    const lookups: ExportLookups[] = [];
    try {
      for (const reader of readers) lookups.push(await reader.read((r) => createExportLookups(r, status.unmasked)));
      await write(stream, exportHeader(status.format));
      const read = (index: number, after: string | null): Promise<ExportPage> =>
        readers[index % readers.length].read((runner) =>
          readExportPage(
            runner,
            lookups[index % readers.length],
            filters,
            sort,
            print,
            after,
            this.pageRows,
            status.format,
          ),
        );
      // With two readers, where every page starts is known up front and pages are formatted on both
      // cores, written in order; with one, each page's cursor leads to the next.
      const starts: (string | null)[] = [null];
      if (readers.length > 1) {
        const ends = await readers[0].read((runner) =>
          readPageBoundaries(runner, filters, sort, print, status.total, this.pageRows),
        );
        starts.push(...ends);
      }
      // Up to two pages per reader are read ahead while earlier ones are written; memory stays flat.
      const inFlight: Promise<ExportPage>[] = [];
      const ahead = readers.length * 2;
      let queued = 0;
      while (queued < Math.min(ahead, starts.length)) inFlight.push(read(queued, starts[queued++]));
      while (inFlight.length && !job.cancelled) {
        const page: ExportPage = await (inFlight.shift() as Promise<ExportPage>);
        if (job.cancelled) break;
        if (queued < starts.length) inFlight.push(read(queued, starts[queued++]));
        else if (!inFlight.length && page.nextCursor) {
          // Past the pages planned (events logged since the plan, or a single reader): follow the cursor.
          starts.push(page.nextCursor);
          inFlight.push(read(queued, starts[queued++]));
        }
        await write(stream, page.text);
        status.rowsWritten += page.rows;
      }
      // Reads still in flight after Cancel must not surface as unhandled rejections.
      await Promise.all(inFlight.map((p) => p.catch(() => undefined)));
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
    for (let i = 0; i < readers.length; i++) {
      await readers[i]
        .read(() => lookups[i]?.drop() ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => readers[i].close());
    }
    this.journal.forget(temp);
    status.finishedAt = this.clock.now();
  }
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

export { readExportPage } from './export-pages';

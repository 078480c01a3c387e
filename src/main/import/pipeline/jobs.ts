import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../core/domain-error';
import { runImport } from './run-import';
import type { ImportDetected, ImportJobOptions, ImportProgress, ImportResult } from './types';
import { fromWire, toWire, type WireError } from './wire';

export type ImportJobState = 'running' | 'done' | 'failed' | 'cancelled';

/** What the window polls: how far, how fast, how long still, and the outcome. */
export interface ImportJobStatus {
  id: string;
  state: ImportJobState;
  workspace: string;
  detected: ImportDetected[] | null;
  progress: ImportProgress | null;
  recordsPerSecond: number;
  /** Estimated from the bytes read so far; null until there is a rate to go by. */
  timeLeftMs: number | null;
  result: ImportResult | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  /** True when it ran in a worker thread (the shells); false in-process (unit tests). */
  inWorker: boolean;
  /**
   * What the step after the commit said (the incident detector over the workspace), set before the
   * state turns 'done'; its failure leaves the import done (it committed) and is told here.
   */
  after: { message: string; error: boolean } | null;
}

interface Job {
  status: ImportJobStatus;
  cancel(): void;
  done: Promise<ImportResult>;
}

/**
 * The built worker beside the bundle (out/main/import-worker.js), found from wherever the code
 * calling it was bundled; MFA_CONSOLE_IMPORT_WORKER names another. Null when running from the
 * TypeScript sources (unit tests), where the import runs in-process instead.
 */
export function importWorkerFile(): string | null {
  const named = process.env.MFA_CONSOLE_IMPORT_WORKER;
  if (named) return resolve(named);
  for (const candidate of [join(__dirname, 'import-worker.js'), join(__dirname, '..', 'import-worker.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The imports of one console: each in a worker thread, one at a time per workspace. */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly workerFile: string | null = importWorkerFile()) {}

  /**
   * `watch` hears each progress report (the command line's --progress); `after` runs once the import
   * has committed, before the job says done (the incident detector, so its findings are there too).
   */
  start(
    options: ImportJobOptions,
    watch?: (status: ImportJobStatus) => void,
    after?: (result: ImportResult) => Promise<string>,
  ): { id: string; done: Promise<ImportResult>; cancel(): void } {
    for (const job of this.jobs.values()) {
      if (job.status.state === 'running' && job.status.workspace === options.dbPath) {
        throw new DomainError(
          'IMPORT_RUNNING',
          `An import into ${options.dbPath} is running already; wait for it or cancel it.`,
          { id: job.status.id },
        );
      }
    }
    const id = randomUUID();
    const status: ImportJobStatus = {
      id,
      state: 'running',
      workspace: options.dbPath,
      detected: null,
      progress: null,
      recordsPerSecond: 0,
      timeLeftMs: null,
      result: null,
      error: null,
      inWorker: this.workerFile !== null,
      after: null,
    };
    const onProgress = (progress: ImportProgress) => {
      status.progress = progress;
      const seconds = progress.elapsedMs / 1000;
      status.recordsPerSecond = seconds > 0 ? Math.round(progress.records / seconds) : 0;
      const fraction = progress.totalBytes > 0 ? progress.bytesRead / progress.totalBytes : 0;
      status.timeLeftMs =
        progress.phase === 'done'
          ? 0
          : fraction > 0.01
            ? Math.round((progress.elapsedMs * (1 - fraction)) / fraction)
            : null;
      watch?.({ ...status });
    };
    const hooks = { onDetected: (files: ImportDetected[]) => (status.detected = files), onProgress };
    let cancel: () => void;
    let done: Promise<ImportResult>;
    if (this.workerFile) {
      const worker = new Worker(this.workerFile, { workerData: options });
      cancel = () => worker.postMessage({ type: 'cancel' });
      done = new Promise<ImportResult>((resolveDone, reject) => {
        worker.on('message', (message: { type: string } & Record<string, unknown>) => {
          if (message.type === 'detected') hooks.onDetected(message.files as ImportDetected[]);
          else if (message.type === 'progress') onProgress(message.progress as ImportProgress);
          else if (message.type === 'done') resolveDone(message.result as ImportResult);
          else if (message.type === 'failed') reject(fromWire(message.error as WireError));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`the import worker stopped (exit code ${code})`)));
      }).finally(() => void worker.terminate());
    } else {
      let cancelled = false;
      cancel = () => (cancelled = true);
      done = runImport(options, { ...hooks, cancelled: () => cancelled });
    }
    const committed = after
      ? done.then(async (result) => {
          status.after = await after(result).then(
            (message) => ({ message, error: false }),
            (error: unknown) => ({ message: toWire(error).message, error: true }),
          );
          return result;
        })
      : done;
    const settled = committed.then(
      (result) => {
        status.state = 'done';
        status.result = result;
        onProgress(emptyProgress(result));
        return result;
      },
      (error: unknown) => {
        const wire = toWire(error);
        status.state = wire.code === 'IMPORT_CANCELLED' ? 'cancelled' : 'failed';
        status.error = { code: wire.code, message: wire.message, ...(wire.details ? { details: wire.details } : {}) };
        throw error;
      },
    );
    settled.catch(() => undefined);
    this.jobs.set(id, { status, cancel: () => cancel(), done: settled });
    return { id, done: settled, cancel: () => cancel() };
  }

  status(id: string): ImportJobStatus {
    return { ...this.job(id).status };
  }

  /** Asks the import to stop; it rolls back, and the workspace stays exactly as it was. */
  cancel(id: string): ImportJobStatus {
    const job = this.job(id);
    if (job.status.state === 'running') job.cancel();
    return { ...job.status };
  }

  /** Resolves when the job has ended, however it ended. */
  async settled(id: string): Promise<ImportJobStatus> {
    await this.job(id).done.catch(() => undefined);
    return this.status(id);
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new DomainError('NOT_FOUND', `id: there is no import ${id}.`);
    return job;
  }
}

function emptyProgress(result: ImportResult): ImportProgress {
  const records = result.files.reduce((sum, f) => sum + f.records, 0);
  const bytes = result.files.reduce((sum, f) => sum + f.size, 0);
  return {
    phase: 'done',
    file: result.files.at(-1)?.file ?? '',
    fileIndex: result.files.length - 1,
    files: result.files.length,
    records,
    bytesRead: bytes,
    totalBytes: bytes,
    elapsedMs: result.elapsedMs,
  };
}

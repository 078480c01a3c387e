import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { systemClock } from '../../core/clock';
import { DomainError } from '../../core/domain-error';
import { openDatabase } from '../../db/data-source';
import { Database } from '../../db/database';
import { resolveOperator } from '../../engine/operators/sessions';
import { FORMATS } from '../../import';
import type { ImportResult } from '../../import/pipeline/types';
import { locateDatabase } from '../../db/location';
import { dataDir, dbPath as defaultDbPath } from '../../paths';
import { FileSecretStore, secretsPath } from '../../secrets';
import { ok, fail, type Result } from '../../../shared/result';
import type { ImportJobStatus } from '../../import/pipeline/jobs';
import { startBuilding, type Building } from '../../workspaces/building';
import { importJobs, rejectionDirOf, startImport } from '../../workspaces/importing';
import { rememberRecent } from '../../workspaces/recent';
import { Workspaces } from '../../workspaces/workspaces';
import { printResult, table } from '../output';
import { CliSessionFile } from '../session-file';
import type { SetExit } from './mfa-call';

interface ImportOptions {
  db?: string;
  format?: string;
  timezone?: string;
  skipInvalid?: boolean;
  progress?: boolean;
  json?: boolean;
}

/** The live database this terminal's other commands open (a team database, or the data directory's file). */
function liveDatabase() {
  return locateDatabase({ dataDir: dataDir(), secrets: new FileSecretStore(secretsPath(dataDir())) });
}

/**
 * Who imports: the operator signed in to the live database on this terminal (`mfa-console login`),
 * if any. An import needs no sign-in (it writes only the workspace file named with --db, never the
 * live database); without one, the OS account is recorded, marked as not signed in.
 */
async function importingOperator(): Promise<string> {
  const osUser = `${userInfo().username} (command line, not signed in)`;
  const live = await liveDatabase().catch(() => null);
  if (!live) return osUser;
  const session = new CliSessionFile(live.target).session();
  if (!session || (live.kind === 'sqlite' && !existsSync(live.target))) return osUser;
  const db = await openDatabase({ path: live.target })
    .then((dataSource) => new Database(dataSource))
    .catch(() => null);
  if (!db) return osUser;
  try {
    const operator = await resolveOperator(db, session.token, systemClock.now(), { activity: false });
    return operator.user.email;
  } catch {
    return osUser;
  } finally {
    await db.close();
  }
}

/** The JSON answer the issue fixes: per file, and the totals. */
export function importAnswer(result: ImportResult) {
  return {
    files: result.files.map((f) => ({
      path: f.path,
      format: f.format,
      records: f.records,
      imported: f.imported,
      duplicates: f.duplicates,
      rejected: f.rejected.map((r) => ({ line: r.line, column: r.column ?? null, message: r.message })),
      byType: f.byType,
    })),
    imported: result.imported,
    duplicates: result.duplicates,
  };
}

function human(result: ImportResult): string {
  const lines = result.files.map((f) =>
    [
      `${f.file} (${f.format}): ${f.records} records, ${f.imported} imported, ${f.duplicates} duplicates`,
      f.ignored ? `, ${f.ignored} of kinds without an event type` : '',
      f.rejectedCount ? `, ${f.rejectedCount} rejected (report: ${f.rejectionReport})` : '',
    ].join(''),
  );
  const seconds = result.elapsedMs / 1000;
  lines.push(`Imported ${result.imported} events (${result.duplicates} duplicates) in ${seconds.toFixed(1)} s.`);
  return lines.join('\n');
}

const formatsHuman = () =>
  table(FORMATS.map((f) => [f.id, `${f.label}${f.needsTimezone ? ' (needs --timezone)' : ''}`]));

export function registerImportCommands(program: Command, setExit: SetExit): void {
  program
    .command('import')
    .description(
      'import vendor MFA log files into a workspace (created when absent); `import formats` lists the formats',
    )
    .argument('<files...>', 'files to import (the format is detected from the content), or `formats`')
    .option('--db <workspace>', 'the workspace file to import into (never the live database)')
    .option('--format <id>', 'the format of every file, instead of detecting it (see `import formats`)')
    .option('--timezone <zone>', 'IANA zone or UTC offset of times that carry none (privacyIDEA)')
    .option('--skip-invalid', 'import the valid records; list every rejected one and write a rejection report')
    .option('--progress', 'report progress on stderr, one JSON line each (records, records/s, time left)')
    .option('--json', 'print JSON')
    .action(async (files: string[], options: ImportOptions) => {
      if (files.length === 1 && files[0] === 'formats' && !existsSync('formats')) {
        const value = FORMATS.map((f) => ({ id: f.id, label: f.label, needsTimezone: f.needsTimezone === true }));
        setExit(printResult(ok(value), options, formatsHuman));
        return;
      }
      const result = await runImportCommand(files, options);
      if (options.json && result.ok) setExit(printResult(ok(importAnswer(result.value)), options, () => ''));
      else setExit(printResult(result, options, human));
    });
}

async function runImportCommand(files: string[], options: ImportOptions): Promise<Result<ImportResult>> {
  if (!options.db) {
    return fail('INVALID_INPUT', '--db: name the workspace file to import into (it is created when absent).');
  }
  // A workspace is never the live database; a team database the environment names wrongly does not stop an import.
  const live = await liveDatabase().catch(() => null);
  const workspaces = new Workspaces(dataDir(), live?.target ?? defaultDbPath(), systemClock);
  let building: Building | null = null;
  try {
    const final = workspaces.checkPath(options.db);
    const input = {
      files: files.map((path) => ({ path })),
      format: options.format,
      timezone: options.timezone,
      skipInvalid: options.skipInvalid,
    };
    const watch = (status: ImportJobStatus) => {
      if (!options.progress || !status.progress) return;
      const { phase, records, bytesRead, totalBytes } = status.progress;
      const line = {
        phase,
        records,
        bytesRead,
        totalBytes,
        recordsPerSecond: status.recordsPerSecond,
        timeLeftMs: status.timeLeftMs,
      };
      process.stderr.write(`${JSON.stringify({ progress: line })}\n`);
    };
    let job: { done: Promise<ImportResult>; cancel(): void };
    if (existsSync(final)) {
      await workspaces.open(final);
      job = startImport(workspaces, systemClock, input, await importingOperator(), watch);
    } else {
      // A new workspace is built beside its name and put there once the import committed.
      const operator = await importingOperator();
      building = await startBuilding(final);
      const now = systemClock.now();
      job = importJobs(workspaces).start(
        { ...input, dbPath: building.path, building: true, operator, now, rejectionDir: rejectionDirOf(final) },
        watch,
      );
    }
    // Ctrl-C cancels: the import rolls back and the workspace stays as it was.
    const cancel = () => job.cancel();
    process.once('SIGINT', cancel);
    job.done.finally(() => process.off('SIGINT', cancel)).catch(() => undefined);
    const result = await job.done;
    if (building) {
      building.publish();
      building = null;
      rememberRecent(dataDir(), final, systemClock.now());
    }
    return ok(result);
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      };
    }
    throw error;
  } finally {
    building?.discard();
    await workspaces.close();
  }
}

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { openDatabase, schemaState, schemaTooNew, type SchemaState } from '../../db/data-source';
import { DomainError } from '../../core/domain-error';
import { Database } from '../../db/database';
import { checkCommandLineDatabase, DATABASE_URL_ENV } from '../../db/location';
import { isPostgresUrl, redactUrl } from '../../db/postgres/url';
import { dataDir, dbPath as defaultDbPath } from '../../paths';
import { copyDatabase, type CopyResult } from '../../transfer/copy-database';
import { fail, ok, type Result } from '../../../shared/result';
import { printResult, table } from '../output';
import type { SetExit } from './mfa-call';

interface CopyCommandOptions {
  from?: string;
  to?: string;
  json?: boolean;
  progress?: boolean;
}

/** A file by its full path (./a.db and a.db are one source to a resumed copy); a URL without its password. */
const shown = (location: string) => (isPostgresUrl(location) ? redactUrl(location) : resolve(location));

/**
 * Where a copy reads and writes: --from defaults to this computer's database file, --to to the team
 * database of MFA_CONSOLE_DATABASE_URL. A password is never taken from the command line (PGPASSWORD,
 * ~/.pgpass or the environment variable supply it).
 */
function endpoints(options: CopyCommandOptions): { from: string; to: string | undefined } {
  return {
    from: checkCommandLineDatabase(options.from) ?? defaultDbPath(dataDir()),
    to: checkCommandLineDatabase(options.to) ?? process.env[DATABASE_URL_ENV]?.trim(),
  };
}

/**
 * The database to read, as it is: never created, migrated or repaired, because a copy must not
 * change its source's data or schema (an older build may still use that file). One this build does
 * not have the schema of is refused with what to do.
 */
async function openSource(location: string): Promise<Result<DataSource>> {
  if (!isPostgresUrl(location) && !existsSync(location)) {
    return fail('DATABASE_NOT_FOUND', `--from: there is no database file at ${resolve(location)}; nothing was copied.`);
  }
  const dataSource = await openDatabase({ path: location, migrate: false });
  let state: SchemaState;
  try {
    state = await schemaState(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  if (state.unknown.length === 0 && state.pending.length === 0) return ok(dataSource);
  await dataSource.destroy().catch(() => undefined);
  if (state.unknown.length > 0) {
    const newer = schemaTooNew(shown(location), state);
    throw new DomainError(
      newer.code,
      `--from: ${shown(location)} was upgraded by a newer version of the console (${state.unknown.join(', ')}); install that version to copy it. Nothing was copied.`,
      newer.details,
    );
  }
  if (state.latestMigration === null) {
    return fail('SOURCE_EMPTY', `--from: ${shown(location)} holds no console database; nothing was copied.`);
  }
  return fail(
    'SOURCE_SCHEMA_OLDER',
    `--from: ${shown(location)} has the schema of an older version (${state.pending.length} migration(s) to run); a copy does not change its source, so bring it up to date first with \`mfa-console migrate --db ${shown(location)}\` and run the copy again.`,
  );
}

async function runCopy(options: CopyCommandOptions): Promise<Result<CopyResult & { from: string; to: string }>> {
  const { from, to } = endpoints(options);
  if (!to) {
    return fail(
      'INVALID_INPUT',
      `--to: name the team database (postgres://user@host/db, the password in PGPASSWORD) or set ${DATABASE_URL_ENV}; for a local snapshot of a team database, name a file.`,
    );
  }
  const where = { from, to };
  if (where.from === where.to) return fail('INVALID_INPUT', '--to: a database cannot be copied onto itself.');
  const opened = await openSource(where.from);
  if (!opened.ok) return opened;
  const source = new Database(opened.value);
  try {
    const target = new Database(await openDatabase({ path: where.to }));
    try {
      const result = await copyDatabase(source, target, {
        sourceName: shown(where.from),
        targetName: shown(where.to),
        onBatch: options.progress
          ? (name, rows) => process.stderr.write(`${JSON.stringify({ progress: { table: name, rows } })}\n`)
          : undefined,
      });
      return ok({ ...result, from: shown(where.from), to: shown(where.to) });
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

export function registerDbCommands(program: Command, setExit: SetExit): void {
  const db = program.command('db').description('move a console between this computer and a team database');
  db.command('copy')
    .description(
      'copy users, policy, settings, events and saved filters into an empty database (resumable: run it again after an interruption)',
    )
    .option('--from <file|url>', "the database to read (default: this computer's database file)")
    .option('--to <url|file>', `the empty database to fill (default: ${DATABASE_URL_ENV})`)
    .option('--progress', 'print each batch as a JSON line on stderr')
    .option('--json', 'print JSON')
    .action(async (options: CopyCommandOptions) => {
      const result = await runCopy(options);
      setExit(
        printResult(result, options, (v) =>
          [
            `${v.resumed ? 'Finished the interrupted copy' : 'Copied'} ${v.from} into ${v.to}: ${v.rows} row(s) ${v.resumed ? 'in this run' : 'in all'}; every table's count matches.`,
            table(v.tables.filter((t) => t.source > 0).map((t) => [t.table, t.target] as [string, number])),
          ].join('\n'),
        ),
      );
    });
}

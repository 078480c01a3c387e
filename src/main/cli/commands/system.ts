import type { Command } from 'commander';
import type { InfoValue } from '../../../shared/contract';
import type { DomainError } from '../../core/domain-error';
import {
  checkSchema,
  isDamaged,
  openDatabase,
  repairSchema,
  runMigrationsLocked,
  schemaState,
  schemaTooNew,
} from '../../db/data-source';
import { fail } from '../../../shared/result';
import { checkCommandLineDatabase, locateDatabase } from '../../db/location';
import { dataDir } from '../../paths';
import { FileSecretStore, secretsPath } from '../../secrets';
import { printResult, table } from '../output';
import { withApi, type DbOptions } from '../session';

function describeInfo(info: InfoValue): string {
  return table([
    ['Data directory', info.dataDir],
    ['Database', info.dbPath],
    ['Schema version', `${info.schemaVersion} (${info.latestMigration ?? 'none'})`],
    ['SMS provider', info.provider],
    ['Users', info.counts.users],
    ['Events', info.counts.events],
  ]);
}

export function registerSystemCommands(program: Command, setExit: (code: number) => void): void {
  program
    .command('info')
    .description('show the data directory, database file, schema version and counts')
    .option('--db <path>', 'database file (default: the data directory)')
    .option('--json', 'print JSON')
    .action(async (options: DbOptions) => {
      const result = await withApi(options, (api) => api.call('info', {}));
      setExit(printResult(result as never, options, describeInfo));
    });

  program
    .command('migrate')
    .description('create the database or bring its schema up to date; rebuild indexes a crash lost')
    .option('--db <path>', 'database file (default: the data directory)')
    .option('--json', 'print JSON')
    .action(async (options: DbOptions) => {
      const location = await locateDatabase({
        dbPath: checkCommandLineDatabase(options.db),
        dataDir: dataDir(),
        secrets: new FileSecretStore(secretsPath(dataDir())),
      });
      const path = location.display;
      const dataSource = await openDatabase({ path: location.target, migrate: false });
      try {
        const before = await schemaState(dataSource);
        if (before.unknown.length > 0) {
          setExit(printResult({ ok: false, error: toError(schemaTooNew(path, before)) }, options, () => ''));
          return;
        }
        const applied = before.pending.length > 0 ? await runMigrationsLocked(dataSource) : [];
        const damage = await checkSchema(dataSource);
        if (damage.missingTables.length > 0) {
          const message = `${path} is damaged: the tables ${damage.missingTables.join(', ')} are missing, and their data cannot be rebuilt. Restore the file from a backup.`;
          setExit(printResult(fail('SCHEMA_DAMAGED', message, { damage }), options, () => ''));
          return;
        }
        const repaired = isDamaged(damage) ? await repairSchema(dataSource, damage) : [];
        const after = await schemaState(dataSource);
        const value = {
          dbPath: path,
          applied,
          repaired,
          schemaVersion: after.schemaVersion,
          wasVersion: before.schemaVersion,
        };
        setExit(
          printResult({ ok: true, value }, options, (v) =>
            [
              v.applied.length
                ? `Applied ${v.applied.length} migration(s) to ${v.dbPath}: ${v.applied.join(', ')}. Schema version ${v.schemaVersion}.`
                : `${v.dbPath} is up to date (schema version ${v.schemaVersion}).`,
              v.repaired.length
                ? `The schema was damaged (an interrupted load?): rebuilt ${v.repaired.join(', ')}.`
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
          ),
        );
      } finally {
        await dataSource.destroy();
      }
    });
}

function toError(error: DomainError): { code: string; message: string; details?: Record<string, unknown> } {
  return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}

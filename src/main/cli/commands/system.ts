import type { Command } from 'commander';
import type { InfoValue } from '../../../shared/contract';
import { openDatabase, schemaState } from '../../db/data-source';
import { dbPath as defaultDbPath } from '../../paths';
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
    .description('create the database or bring its schema up to date')
    .option('--db <path>', 'database file (default: the data directory)')
    .option('--json', 'print JSON')
    .action(async (options: DbOptions) => {
      const path = options.db ?? defaultDbPath();
      const dataSource = await openDatabase({ path, migrate: false });
      try {
        const before = await schemaState(dataSource);
        const ran = await dataSource.runMigrations({ transaction: 'each' });
        const after = await schemaState(dataSource);
        const value = {
          dbPath: path,
          applied: ran.map((m) => m.name),
          schemaVersion: after.schemaVersion,
          wasVersion: before.schemaVersion,
        };
        setExit(
          printResult({ ok: true, value }, options, (v) =>
            v.applied.length
              ? `Applied ${v.applied.length} migration(s) to ${v.dbPath}: ${v.applied.join(', ')}. Schema version ${v.schemaVersion}.`
              : `${v.dbPath} is up to date (schema version ${v.schemaVersion}).`,
          ),
        );
      } finally {
        await dataSource.destroy();
      }
    });
}

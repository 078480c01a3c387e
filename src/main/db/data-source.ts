import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** A file path, or ':memory:' for a throwaway database. */
  path: string;
  /** Run pending migrations on open (the default); the CLI's `migrate` turns this off to report. */
  migrate?: boolean;
}

/** Builds the DataSource; never `synchronize`: the schema comes from migrations only. */
export function createDataSource(path: string): DataSource {
  const isFile = path !== ':memory:';
  return new DataSource({
    type: 'sqlite',
    database: path,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    busyTimeout: isFile ? 5000 : undefined,
    enableWAL: isFile,
  });
}

/** Opens (creating if new) and migrates the database. */
export async function openDatabase(options: OpenOptions): Promise<DataSource> {
  const dataSource = createDataSource(options.path);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(`Cannot open the database ${options.path}: ${(error as Error).message}`, { cause: error });
  }
  await dataSource.query('PRAGMA foreign_keys = ON');
  if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

export interface SchemaState {
  schemaVersion: number;
  latestMigration: string | null;
  pending: string[];
}

/** How far the database's schema is: applied migrations against the shipped list. */
export async function schemaState(dataSource: DataSource): Promise<SchemaState> {
  const table = await dataSource.query(`SELECT name FROM sqlite_master WHERE type='table' AND name='migrations'`);
  const applied: { name: string }[] = table.length
    ? await dataSource.query('SELECT name FROM migrations ORDER BY timestamp')
    : [];
  const appliedNames = new Set(applied.map((row) => row.name));
  return {
    schemaVersion: applied.length,
    latestMigration: applied.at(-1)?.name ?? null,
    pending: MIGRATIONS.map((m) => new m().name ?? m.name).filter((name) => !appliedNames.has(name)),
  };
}

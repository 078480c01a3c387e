import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { DomainError } from '../core/domain-error';
import { APP_VERSION } from '../version';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { checkSchema, isDamaged, repairSchema, type SchemaDamage } from './schema-check';
import { storageError } from './storage-errors';
import { isPostgres, isPostgresUrl, migratePostgres, openPostgres, postgresTables } from './postgres/data-source';
import { toPostgres } from './postgres/sql';
import { POSTGRES_MIGRATIONS } from './postgres/migrations';

export interface OpenOptions {
  /** A file path, ':memory:' for a throwaway database, or a postgres:// URL for a team database. */
  path: string;
  /** Run pending migrations on open (the default); the CLI's `migrate` turns this off to report. */
  migrate?: boolean;
}

/** How long a statement waits for another process's write lock before SQLite answers busy. */
export const BUSY_TIMEOUT_MS = 5000;

/** Builds the DataSource; never `synchronize`: the schema comes from migrations only. */
export function createDataSource(path: string): DataSource {
  const isFile = path !== ':memory:';
  return new DataSource({
    type: 'sqlite',
    database: path,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'none',
    synchronize: false,
    logging: false,
    busyTimeout: isFile ? BUSY_TIMEOUT_MS : undefined,
    enableWAL: isFile,
  });
}

/** Opens (creating if new) and migrates the database, and rebuilds indexes a crash lost. */
export async function openDatabase(options: OpenOptions): Promise<DataSource> {
  if (isPostgresUrl(options.path)) return openPostgres(options.path, options.migrate !== false);
  const dataSource = createDataSource(options.path);
  try {
    await dataSource.initialize();
    await dataSource.query('PRAGMA foreign_keys = ON');
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    const known = storageError(error);
    throw new DomainError(
      known?.code ?? 'DATABASE_UNAVAILABLE',
      `Cannot open the database ${options.path}: ${known?.message ?? (error as Error).message}`,
    );
  }
  if (options.migrate !== false) {
    const state = await schemaState(dataSource);
    if (state.unknown.length === 0) {
      if (state.pending.length > 0) await runMigrationsLocked(dataSource);
      const damage = await checkSchema(dataSource);
      if (isDamaged(damage)) await repairSchema(dataSource, damage);
    }
  }
  return dataSource;
}

/**
 * Runs the pending migrations as one transaction that holds the write lock from the start, so two
 * processes opening a new file at once cannot both migrate it (the second waits, then finds nothing
 * pending), and a kill in the middle leaves the schema as it was. Each applied migration is recorded
 * with this build's version, so an older build can say which version a database needs.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  if (isPostgres(dataSource)) return migratePostgres(dataSource);
  await dataSource.query('BEGIN IMMEDIATE');
  try {
    const ran = await dataSource.runMigrations({ transaction: 'none' });
    const now = Date.now();
    for (const migration of ran) {
      await dataSource.query(
        `INSERT OR IGNORE INTO schema_migration_versions (name, app_version, applied_at) VALUES (?, ?, ?)`,
        [migration.name, APP_VERSION, now],
      );
    }
    await dataSource.query('COMMIT');
    return ran.map((migration) => migration.name);
  } catch (error) {
    await dataSource.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export interface SchemaState {
  schemaVersion: number;
  latestMigration: string | null;
  pending: string[];
  /** Migrations the database has that this build does not know: it was upgraded by a newer version. */
  unknown: string[];
  /** The newest app version recorded against those unknown migrations, if any was. */
  neededVersion: string | null;
}

const shippedNames = (dataSource: DataSource) =>
  (isPostgres(dataSource) ? POSTGRES_MIGRATIONS : MIGRATIONS).map((m) => new m().name ?? m.name);

async function tablesPresent(dataSource: DataSource, names: string[]): Promise<Set<string>> {
  if (isPostgres(dataSource)) return postgresTables(dataSource, names);
  const rows: { name: string }[] = await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type='table' AND name IN (${names.map(() => '?').join(', ')})`,
    names,
  );
  return new Set(rows.map((row) => row.name));
}

/** How far the database's schema is: applied migrations against the shipped list. */
export async function schemaState(dataSource: DataSource): Promise<SchemaState> {
  const tables = await tablesPresent(dataSource, ['migrations', 'schema_migration_versions']);
  const applied: { name: string }[] = tables.has('migrations')
    ? await dataSource.query('SELECT name FROM migrations ORDER BY timestamp')
    : [];
  const shipped = shippedNames(dataSource);
  const known = new Set(shipped);
  const appliedNames = new Set(applied.map((row) => row.name));
  const unknown = applied.map((row) => row.name).filter((name) => !known.has(name));
  let neededVersion: string | null = null;
  if (unknown.length > 0 && tables.has('schema_migration_versions')) {
    const sql = `SELECT app_version FROM schema_migration_versions WHERE name IN (${unknown.map(() => '?').join(',')})`;
    const rows: { app_version: string }[] = await dataSource.query(
      isPostgres(dataSource) ? toPostgres(sql) : sql,
      unknown,
    );
    neededVersion =
      rows
        .map((row) => row.app_version)
        .sort(compareVersions)
        .at(-1) ?? null;
  }
  return {
    schemaVersion: applied.length,
    latestMigration: applied.at(-1)?.name ?? null,
    pending: shipped.filter((name) => !appliedNames.has(name)),
    unknown,
    neededVersion,
  };
}

/** The refusal for a database upgraded by a newer build: reads work, writes are refused. */
export function schemaTooNew(path: string, state: SchemaState): DomainError {
  const needs = state.neededVersion
    ? `MFA Support Console ${state.neededVersion} or newer`
    : 'a newer MFA Support Console';
  return new DomainError(
    'SCHEMA_TOO_NEW',
    `${path} was upgraded by a newer version of the console (it has ${state.unknown.join(', ')}, which this build ${APP_VERSION} does not know). It is open read-only: install ${needs} to change it.`,
    { unknown: state.unknown, neededVersion: state.neededVersion, appVersion: APP_VERSION },
  );
}

export { checkSchema, isDamaged, repairSchema, type SchemaDamage };

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((part) => Number(part) || 0);
  const pb = b.split(/[.-]/).map((part) => Number(part) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  }
  return 0;
}

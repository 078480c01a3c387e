import { types } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError } from '../../core/domain-error';
import { APP_VERSION } from '../../version';
import { ENTITIES } from '../entities';
import { connectionError } from './errors';
import { urlOf } from './url';
export { isPostgres, isPostgresUrl, redactUrl } from './url';
import { POSTGRES_MIGRATIONS } from './migrations';

// BIGINT (unix milliseconds, COUNT) and NUMERIC (SUM) come back as numbers, JSON as its text: as
// SQLite gives them, so the engine reads one shape from both.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));
types.setTypeParser(types.builtins.JSON, (value) => value);

/** Any 64-bit key the console's migrations alone take: two consoles starting together migrate one at a time. */
export const MIGRATION_LOCK_KEY = 7_950_500_001;

export function createPostgresDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: POSTGRES_MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    applicationName: 'mfa-console',
    connectTimeoutMS: 5000,
    extra: {
      max: 4,
      // The console's statements are small and interactive, from several desktops at once: parallel
      // workers (a few per server) cost more to start than such a statement costs to run, and the
      // planner, guessing a text search's matches, would otherwise start them for a page of 100.
      // Set on each new connection (a startup `options` parameter is refused by poolers such as PgBouncer).
      onConnect: (client: { query(sql: string): Promise<unknown> }) =>
        client.query('SET max_parallel_workers_per_gather = 0'),
    },
  });
}

export async function openPostgres(url: string, migrate: boolean): Promise<DataSource> {
  const dataSource = createPostgresDataSource(url);
  try {
    await dataSource.initialize();
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw connectionError(error, url);
  }
  if (migrate) await migratePostgres(dataSource);
  return dataSource;
}

/**
 * Runs the pending migrations in one transaction while holding a session advisory lock: a second
 * console starting at the same moment waits, then finds nothing pending. Each applied migration is
 * recorded with this build's version, as on SQLite.
 */
export async function migratePostgres(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const ran = await dataSource.runMigrations({ transaction: 'all' });
    for (const migration of ran) {
      await lock.query(
        `INSERT INTO schema_migration_versions (name, app_version, applied_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [migration.name, APP_VERSION, Date.now()],
      );
    }
    return ran.map((migration) => migration.name);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw connectionError(error, urlOf(dataSource));
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

/** The names of the tables that exist, for the schema state. */
export async function postgresTables(dataSource: DataSource, names: string[]): Promise<Set<string>> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [names],
  );
  return new Set(rows.map((row) => row.name));
}

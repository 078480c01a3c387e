import { Database as SqliteDatabase } from 'sqlite3';
import type { DataSource, QueryRunner } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** A schema object as sqlite_master lists it. */
interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string | null;
}

export interface SchemaDamage {
  /** Indexes and triggers the migrations create that the file lacks: rebuilt by `repairSchema`. */
  missingIndexes: string[];
  missingTriggers: string[];
  /** Tables the migrations create that the file lacks: not repairable (the data is gone). */
  missingTables: string[];
}

let reference: Promise<Map<string, SchemaObject>> | null = null;

/**
 * What the migrations build, read from a throwaway in-memory database, so the check can never
 * drift from the migrations themselves (no hand-kept list of index names).
 */
function referenceSchema(): Promise<Map<string, SchemaObject>> {
  reference ??= (async () => {
    const memory = new SqliteDatabase(':memory:');
    const all = (sql: string, params: unknown[] = []) =>
      new Promise<unknown[]>((resolve, reject) =>
        memory.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))),
      );
    const runner = { query: (sql: string, params?: unknown[]) => all(sql, params) } as unknown as QueryRunner;
    try {
      for (const Migration of MIGRATIONS) await new Migration().up(runner);
      const rows = (await all(
        `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'`,
      )) as SchemaObject[];
      return new Map(rows.map((row) => [row.name, row]));
    } finally {
      memory.close();
    }
  })();
  return reference;
}

/** Compares the file's schema with what the migrations build. Only call on an up-to-date schema. */
export async function checkSchema(dataSource: DataSource): Promise<SchemaDamage> {
  // PostgreSQL builds indexes and triggers inside the migration's transaction: none is ever half there.
  if (dataSource.options.type === 'postgres') return { missingIndexes: [], missingTriggers: [], missingTables: [] };
  const expected = await referenceSchema();
  const present = new Set(
    ((await dataSource.query(`SELECT name FROM sqlite_master`)) as { name: string }[]).map((row) => row.name),
  );
  const damage: SchemaDamage = { missingIndexes: [], missingTriggers: [], missingTables: [] };
  for (const object of expected.values()) {
    if (present.has(object.name)) continue;
    // FTS5 shadow tables come and go with their virtual table; only the virtual table is checked.
    if (object.type === 'table' && /^CREATE TABLE '/.test(object.sql ?? '')) continue;
    if (object.type === 'index') damage.missingIndexes.push(object.name);
    else if (object.type === 'trigger') damage.missingTriggers.push(object.name);
    else if (object.type === 'table') damage.missingTables.push(object.name);
  }
  return damage;
}

export const isDamaged = (damage: SchemaDamage): boolean =>
  damage.missingIndexes.length + damage.missingTriggers.length + damage.missingTables.length > 0;

/**
 * Recreates missing indexes and triggers from the migrations' own definitions, in one
 * transaction. (An interrupted bulk load of an older build could leave the event log without
 * the indexes it dropped for speed.) Returns what was rebuilt.
 */
export async function repairSchema(dataSource: DataSource, damage: SchemaDamage): Promise<string[]> {
  const expected = await referenceSchema();
  const rebuild = [...damage.missingIndexes, ...damage.missingTriggers];
  if (rebuild.length === 0) return [];
  await dataSource.query('BEGIN IMMEDIATE');
  try {
    for (const name of rebuild) await dataSource.query(expected.get(name)?.sql as string);
    await dataSource.query('COMMIT');
  } catch (error) {
    await dataSource.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return rebuild;
}

import type { EntityManager, QueryRunner } from 'typeorm';
import { changesAlias, toPostgres } from './sql';

/**
 * An EntityManager over one PostgreSQL query runner whose `query` takes the console's SQLite-dialect
 * statements (see sql.ts) and answers as the SQLite driver does: the rows, and `SELECT changes()`
 * from the row count of the statement before, so the engine's guarded UPDATEs read the same on both.
 */
export function postgresManager(runner: QueryRunner): EntityManager {
  let affected = 0;
  const query = async (sql: string, params: unknown[] = []): Promise<unknown[]> => {
    const alias = changesAlias(sql);
    if (alias) return [{ [alias]: affected }];
    const result = await runner.query(toPostgres(sql), params, true);
    affected = typeof result.affected === 'number' ? result.affected : 0;
    return (result.records as unknown[] | undefined) ?? [];
  };
  return new Proxy(runner.manager, {
    get(target, prop, receiver) {
      if (prop === 'query') return query;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

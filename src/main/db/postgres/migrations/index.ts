import { PostgresSchema1795500000000 } from './1795500000000-postgres-schema';
import { PostgresSearchWords1795500100000 } from './1795500100000-postgres-search-words';

/** The PostgreSQL chain, oldest first (the SQLite chain is ../../migrations). */
export const POSTGRES_MIGRATIONS = [PostgresSchema1795500000000, PostgresSearchWords1795500100000];

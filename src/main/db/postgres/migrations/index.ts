import { PostgresSchema1795500000000 } from './1795500000000-postgres-schema';
import { PostgresSearchWords1795500100000 } from './1795500100000-postgres-search-words';
import { PostgresEventNotify1795500200000 } from './1795500200000-postgres-event-notify';

/** The PostgreSQL chain, oldest first (the SQLite chain is ../../migrations). */
export const POSTGRES_MIGRATIONS = [
  PostgresSchema1795500000000,
  PostgresSearchWords1795500100000,
  PostgresEventNotify1795500200000,
];

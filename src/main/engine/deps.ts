import type { Database } from '../db/database';
import type { ProviderRegistry } from '../providers/registry';
import type { Clock } from '../core/clock';

/** What every part of the engine runs on; injected so tests use a FakeClock and a temp database. */
export interface EngineDeps {
  db: Database;
  clock: Clock;
  providers: ProviderRegistry;
}

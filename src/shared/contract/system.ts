import { z } from 'zod';
import { method, noInput, publicMethod } from './define';

export interface InfoValue {
  appVersion: string;
  shell: 'electron' | 'web' | 'cli';
  dataDir: string;
  /** The live database's file, or its URL with the password replaced by ***. */
  dbPath: string;
  /**
   * `kind`: a local SQLite file or a team database on PostgreSQL; `source`: where that choice came
   * from (a --db option, MFA_CONSOLE_DATABASE_URL, Settings → Team database, or the data directory).
   */
  database: { kind: 'sqlite' | 'postgres'; source: 'option' | 'environment' | 'settings' | 'default' };
  schemaVersion: number;
  latestMigration: string | null;
  provider: 'simulated' | 'twilio';
  /** `staff`: users who do not sign in to the console (everyone but its operators). */
  counts: { users: number; events: number; staff: number };
}

export interface DemoDataValue {
  users: number;
  events: number;
  /** The incidents the generator injected (its ground truth; see docs/incidents.md). */
  incidents?: InjectedIncidentView[];
}

export interface InjectedIncidentView {
  scenario: string;
  /** False for a pattern that must not be called an incident (weekday-morning congestion). */
  incident: boolean;
  kind: 'carrier' | 'provider' | 'pumping';
  key: {
    carrier: string | null;
    country: string | null;
    provider: string | null;
    providerCode: string | null;
    prefix: string | null;
  };
  start: number;
  end: number;
  failures: number;
  sends: number;
  users: number;
}

/** What changed since a window last looked (see liveChanges). */
export interface LiveChangesValue {
  /** Changes this console has heard of: a window re-reads what it shows when this differs from its `after`. */
  version: number;
  /** The newest event id seen. */
  latestEventId: number;
  /** 'notify': a team database's LISTEN/NOTIFY; 'poll': a local file, looked at once a second. */
  via: 'notify' | 'poll';
  /** False while a team database's connection is lost; the console reconnects by itself. */
  connected: boolean;
}

/** The console itself: what it runs on, and demo data for an empty one. */
export const systemMethods = {
  info: publicMethod<InfoValue>()(noInput),
  /**
   * Waits up to `waitMs` (at most 25 s) for a change past version `after`, then answers the version:
   * a window long-polls this to show another console's lock or reset within a second.
   */
  liveChanges: method<LiveChangesValue>()(
    z
      .object({
        after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        waitMs: z.number().int().min(0).max(25_000).optional(),
      })
      .strict(),
  ),
  loadDemoData: method<DemoDataValue>()(
    z
      .object({
        users: z.number().int().min(1).max(100_000).optional(),
        events: z.number().int().min(0).max(10_000_000).optional(),
        seed: z.number().int().optional(),
      })
      .strict(),
  ),
};

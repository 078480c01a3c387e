import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, schemaState, schemaTooNew } from './db/data-source';
import { Database } from './db/database';
import { LiveChanges } from './db/live-changes';
import { systemClock, type Clock } from './core/clock';
import { ExportJournal, exportJournalDir } from './events/export-journal';
import { MfaEngine } from './engine';
import { locateDatabase, type DatabaseLocation } from './db/location';
import { dataDir as defaultDataDir } from './paths';
import { TwilioService } from './providers/twilio/service';
import { FileSecretStore, secretsPath, type SecretStore } from './secrets';
import { Workspaces } from './workspaces/workspaces';

export type ShellKind = 'electron' | 'web' | 'cli';

/** What only the hosting shell can do; the API asks, the shell answers (or cannot). */
export interface ShellServices {
  /**
   * Asks the operator where to save a file (Electron's save dialog). Absent in the web
   * shell and the CLI, where the operator types the path instead. Null when cancelled.
   */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
  /**
   * Asks the operator for a workspace file (Electron's open or save dialog): `open` an existing
   * one, or `create` a new one. Absent where the operator types the path. Null when cancelled.
   */
  chooseWorkspacePath?(mode: 'open' | 'create'): Promise<string | null>;
  /** Asks for files to import (Electron's open dialog, several at once). Null when cancelled. */
  chooseImportFiles?(): Promise<string[] | null>;
}

/** Everything a shell needs, opened once: the database and the engine over it. */
export interface AppContext {
  shell: ShellKind;
  dataDir: string;
  /**
   * What the live database was opened from: a file path, or a postgres:// URL with its password.
   * Never shown: show `database.display`.
   */
  dbPath: string;
  /** The live database's kind, printable name (password redacted) and where the choice came from. */
  database: DatabaseLocation;
  /** The live database: operators and their sessions, users, settings, the live event log. */
  db: Database;
  /** The workspace open instead of the live database, if any (see openDb). */
  workspaces: Workspaces;
  clock: Clock;
  /** The MFA engine; `engine.providers.register(...)` plugs in an SMS provider by id. */
  engine: MfaEngine;
  /** Twilio: settings, the provider registered under 'twilio', delivery sync, health. */
  twilio: TwilioService;
  /** Credentials; never sent to the renderer. */
  secrets: SecretStore;
  services: ShellServices;
  /** Changes made by other consoles and processes (started at the first ask: a CLI command never does). */
  live(): Promise<LiveChanges>;
  close(): Promise<void>;
}

export interface ContextOptions {
  shell: ShellKind;
  /** Defaults to the data directory (MFA_CONSOLE_DATA_DIR or the userData folder). */
  dataDir?: string;
  /**
   * A file path, ':memory:' or a postgres:// URL; defaults to MFA_CONSOLE_DATABASE_URL, then the
   * team database saved in Settings, then the database file in the data directory.
   */
  dbPath?: string;
  clock?: Clock;
  services?: ShellServices;
  /** Electron passes a SafeStorageSecretStore; other shells get a 0600 file in the data directory. */
  secrets?: SecretStore;
}

/**
 * The database holds full phone numbers and the audit log: readable by this OS user only, however
 * the file was created (a copy, an older version, a restrictive umask forgotten).
 */
function keepPrivate(dbPath: string): void {
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    try {
      if (existsSync(file)) chmodSync(file, 0o600);
    } catch {
      // Not ours to change (a read-only copy, another owner): opening it still works.
    }
  }
}

/** Opens the database (creating and migrating it on first start) and wires the engine. */
export async function openContext(options: ContextOptions): Promise<AppContext> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const secrets = options.secrets ?? new FileSecretStore(secretsPath(dataDir));
  const database = await locateDatabase({ dbPath: options.dbPath, dataDir, secrets });
  const dbPath = database.target;
  const isFile = database.kind === 'sqlite' && dbPath !== ':memory:';
  // The data directory holds the secrets, sessions and workspaces list on a team database too.
  const folder = isFile ? dirname(dbPath) : database.kind === 'postgres' ? dataDir : null;
  if (folder) mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Temporary files of exports a killed process left behind (they may hold full phone numbers).
  const orphans = new ExportJournal(exportJournalDir(dataDir)).cleanOrphans();
  if (orphans.length && options.shell !== 'cli') {
    console.log(`Removed ${orphans.length} unfinished export file(s) left by a process that was stopped.`);
  }
  const dataSource = await openDatabase({ path: dbPath });
  if (isFile) keepPrivate(dbPath);
  const db = new Database(dataSource);
  const state = await schemaState(dataSource);
  if (state.unknown.length > 0) db.refuseWrites(schemaTooNew(database.display, state));
  const clock = options.clock ?? systemClock;
  const engine = new MfaEngine(db, clock);
  const twilio = new TwilioService({ db, clock, secrets });
  engine.providers.register(twilio.provider);
  const workspaces = new Workspaces(dataDir, dbPath, clock);
  let live: Promise<LiveChanges> | null = null;
  return {
    shell: options.shell,
    dataDir,
    dbPath,
    database,
    db,
    workspaces,
    clock,
    engine,
    twilio,
    secrets,
    services: options.services ?? {},
    // A start that failed (the database away for a moment) is tried again at the next ask.
    live: () =>
      (live ??= LiveChanges.start(db).catch((error: unknown) => {
        live = null;
        throw error;
      })),
    close: async () => {
      await (await live?.catch(() => null))?.close();
      await workspaces.close();
      await db.close();
    },
  };
}

/** The database events, trends and evidence read: the open workspace's, or the live one. */
export function openDb(ctx: Pick<AppContext, 'db' | 'workspaces'>): Database {
  return ctx.workspaces.current?.db ?? ctx.db;
}

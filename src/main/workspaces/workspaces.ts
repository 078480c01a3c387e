import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Database as SqliteConnection } from 'sqlite3';
import { DomainError } from '../core/domain-error';
import type { Clock } from '../core/clock';
import { openDatabase } from '../db/data-source';
import { Database } from '../db/database';
import { readRecent, rememberRecent, type RecentWorkspace } from './recent';
import { isPostgresUrl } from '../db/postgres/url';

/** A workspace open in this console: its own database file of the console's schema. */
export interface OpenWorkspace {
  path: string;
  name: string;
  db: Database;
  openedAt: number;
}

/** Tables of a file that is no console database (another program's SQLite file): never migrated into. */
function tablesOf(path: string): Promise<string[]> {
  return new Promise((done, fail) => {
    const connection = new SqliteConnection(path, 1 /* OPEN_READONLY */, (error) => {
      if (error) return fail(error);
      connection.all(
        `SELECT name FROM sqlite_master WHERE type = 'table'`,
        (e: Error | null, rows: { name: string }[]) => {
          connection.close();
          if (e) fail(e);
          else done(rows.map((row) => row.name));
        },
      );
    });
  });
}

/**
 * Which database the console works on: the live one, or one workspace at a time. Events, trends
 * and evidence read `current.db` when a workspace is open; operator sessions stay in the live
 * database whatever is open, and the API refuses actions on live accounts while a workspace is.
 */
export class Workspaces {
  current: OpenWorkspace | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly livePath: string,
    private readonly clock: Clock,
  ) {}

  recent(): (RecentWorkspace & { exists: boolean })[] {
    return readRecent(this.dataDir).map((w) => ({ ...w, exists: existsSync(w.path) }));
  }

  /** Creates a new workspace file (the console's schema, by its migrations) and opens it. */
  async create(path: string): Promise<OpenWorkspace> {
    const full = this.checkPath(path);
    if (existsSync(full)) {
      throw new DomainError('WORKSPACE_EXISTS', `path: ${full} exists already; open it, or choose a new file name.`, {
        path: full,
      });
    }
    mkdirSync(dirname(full), { recursive: true, mode: 0o700 });
    return this.openFile(full);
  }

  /** Opens an existing workspace (migrating it if an older build made it). */
  async open(path: string): Promise<OpenWorkspace> {
    const full = this.checkPath(path);
    if (!existsSync(full) || !statSync(full).isFile()) {
      throw new DomainError('WORKSPACE_NOT_FOUND', `path: there is no workspace file at ${full}.`, { path: full });
    }
    const tables = await tablesOf(full).catch((error: Error) => {
      throw new DomainError('WORKSPACE_NOT_CONSOLE', `path: ${full} is not an SQLite database (${error.message}).`, {
        path: full,
      });
    });
    if (tables.length > 0 && !tables.includes('migrations')) {
      throw new DomainError(
        'WORKSPACE_NOT_CONSOLE',
        `path: ${full} is an SQLite database of another program (tables ${tables.slice(0, 5).join(', ')}), not a console workspace.`,
        { path: full },
      );
    }
    return this.openFile(full);
  }

  /** Opens a workspace file, creating it when absent (the command line's `import --db`). */
  async openOrCreate(path: string): Promise<OpenWorkspace> {
    return existsSync(this.checkPath(path)) ? this.open(path) : this.create(path);
  }

  /** Back to the live database. */
  async close(): Promise<void> {
    const open = this.current;
    this.current = null;
    if (open) await open.db.close();
  }

  /** The full path of a workspace file; refuses the live database. */
  checkPath(path: string): string {
    if (isPostgresUrl(path.trim())) {
      throw new DomainError(
        'WORKSPACE_NOT_A_FILE',
        'path: a workspace is always a local SQLite file; a postgres:// address names a team database, which is opened with MFA_CONSOLE_DATABASE_URL or Settings → Team database.',
      );
    }
    const full = resolve(path);
    if (full === resolve(this.livePath)) {
      throw new DomainError(
        'WORKSPACE_IS_LIVE',
        `path: ${full} is the live database; a workspace is a file of its own (choose another name).`,
        { path: full },
      );
    }
    return full;
  }

  private async openFile(full: string): Promise<OpenWorkspace> {
    const db = new Database(await openDatabase({ path: full }));
    await this.close();
    const openedAt = this.clock.now();
    this.current = { path: full, name: basename(full), db, openedAt };
    rememberRecent(this.dataDir, full, openedAt);
    return this.current;
  }
}

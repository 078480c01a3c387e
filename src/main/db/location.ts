import { DomainError } from '../core/domain-error';
import { dbPath as defaultDbPath } from '../paths';
import type { SecretStore } from '../secrets/secret-store';
import { isPostgresUrl, redactUrl, urlHasPassword } from './postgres/url';

/** The environment variable that puts every shell on a team database (it wins over Settings). */
export const DATABASE_URL_ENV = 'MFA_CONSOLE_DATABASE_URL';
/** The secret under which Settings → Team database keeps its URL (with the password in it). */
export const TEAM_DATABASE_SECRET = 'teamDatabaseUrl';

export type DatabaseSource = 'option' | 'environment' | 'settings' | 'default';

/** Which database a shell opens, and how it may be shown. */
export interface DatabaseLocation {
  /** What `openDatabase` opens: a file path, ':memory:', or a postgres:// URL with its password. */
  target: string;
  kind: 'sqlite' | 'postgres';
  /** The target as it may be printed or sent to a window: a URL's password is replaced by ***. */
  display: string;
  /** Where the choice came from: --db / a test, MFA_CONSOLE_DATABASE_URL, Settings, or the data directory. */
  source: DatabaseSource;
}

/**
 * Checks that a team database address is one the `pg` driver can open: postgres:// or
 * postgresql://, a host, and a database name. The message names the part that is wrong and never
 * repeats the password.
 */
export function checkTeamDatabaseUrl(url: string, where: string): string {
  const trimmed = url.trim();
  if (!isPostgresUrl(trimmed)) {
    throw new DomainError(
      'DATABASE_URL_INVALID',
      `${where}: a team database is named by a URL that starts with postgres:// (for example postgres://helpdesk@db.example.org:5432/mfa_console).`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new DomainError('DATABASE_URL_INVALID', `${where}: ${redactUrl(trimmed)} is not a URL that can be read.`);
  }
  if (!parsed.hostname) {
    throw new DomainError('DATABASE_URL_INVALID', `${where}: the URL names no host.`);
  }
  if (parsed.pathname.replace(/^\//, '') === '') {
    throw new DomainError(
      'DATABASE_URL_INVALID',
      `${where}: the URL names no database (add /name after the host, e.g. ${parsed.host}/mfa_console).`,
    );
  }
  if (parsed.port && !(Number(parsed.port) >= 1 && Number(parsed.port) <= 65535)) {
    throw new DomainError('DATABASE_URL_INVALID', `${where}: port ${parsed.port} is not 1-65535.`);
  }
  return trimmed;
}

/**
 * The CLI's --db: a file, or a team database URL without a password (libpq's PGPASSWORD, or
 * ~/.pgpass, supplies it). A password on a command line is readable by every user of the machine
 * (ps, /proc), so it is refused before anything is opened.
 */
export function checkCommandLineDatabase(db: string | undefined): string | undefined {
  if (db === undefined || !isPostgresUrl(db.trim())) return db;
  const url = checkTeamDatabaseUrl(db, '--db');
  if (urlHasPassword(url)) {
    throw new DomainError(
      'DATABASE_URL_HAS_PASSWORD',
      `--db: ${redactUrl(url)} carries a password, and a command line is readable by every user of this machine. Set MFA_CONSOLE_DATABASE_URL instead, or leave the password out and set PGPASSWORD.`,
    );
  }
  return url;
}

function located(target: string, source: DatabaseSource): DatabaseLocation {
  const kind = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  return { target, kind, display: kind === 'postgres' ? redactUrl(target) : target, source };
}

export interface LocateOptions {
  /** An explicit database (the CLI's --db, a test): a file path, ':memory:' or a URL. */
  dbPath?: string;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  secrets: SecretStore;
}

/**
 * The database a shell opens: an explicit one, else MFA_CONSOLE_DATABASE_URL, else the team
 * database saved in Settings, else the SQLite file of the data directory. Workspaces are never
 * chosen here: they are always local SQLite files, opened beside the live database.
 */
export async function locateDatabase(options: LocateOptions): Promise<DatabaseLocation> {
  if (options.dbPath !== undefined && options.dbPath !== '') return located(options.dbPath, 'option');
  const fromEnv = (options.env ?? process.env)[DATABASE_URL_ENV]?.trim();
  if (fromEnv) return located(checkTeamDatabaseUrl(fromEnv, DATABASE_URL_ENV), 'environment');
  const saved = await options.secrets.get(TEAM_DATABASE_SECRET);
  if (saved) return located(checkTeamDatabaseUrl(saved, 'Settings → Team database'), 'settings');
  return located(defaultDbPath(options.dataDir), 'default');
}

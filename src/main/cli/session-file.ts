import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { dataDir, dbPath as defaultDbPath } from '../paths';
import { SecretFile } from '../secrets/secret-file';
import { isPostgresUrl, redactUrl } from '../db/postgres/url';

/**
 * What `mfa-console login` keeps between commands, in a 0600 file of the data directory: the
 * operator's session for each database file (8 hours at most), a sign-in waiting for its code, and
 * this terminal's remembered-device token. `mfa-console logout` forgets the session.
 */
export interface CliSession {
  token: string;
  email: string;
  expiresAt: number;
}

/** A file by its full path; a team database by its URL without the password (a new password keeps the session). */
const key = (db: string) =>
  createHash('sha256')
    .update(isPostgresUrl(db) ? redactUrl(db) : resolve(db))
    .digest('hex')
    .slice(0, 16);

export class CliSessionFile {
  private readonly file: SecretFile;
  private readonly db: string;

  constructor(db: string | undefined) {
    this.db = db ?? defaultDbPath();
    this.file = new SecretFile(join(dataDir(), 'cli-sessions.json'));
  }

  private read(): Record<string, string> {
    try {
      return this.file.read();
    } catch {
      return {};
    }
  }

  private update(change: (values: Record<string, string>) => void): void {
    const values = this.read();
    change(values);
    this.file.write(values);
  }

  /** A stored JSON value, or null when absent or unreadable (a damaged file means: log in again). */
  private parsed<T>(name: string): T | null {
    const raw = this.read()[`${name}:${key(this.db)}`];
    if (!raw) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  }

  session(): CliSession | null {
    return this.parsed<CliSession>('session');
  }

  saveSession(session: CliSession | null): void {
    this.update((values) => {
      if (session) values[`session:${key(this.db)}`] = JSON.stringify(session);
      else delete values[`session:${key(this.db)}`];
    });
  }

  pending(): { token: string; email: string } | null {
    return this.parsed<{ token: string; email: string }>('pending');
  }

  savePending(pending: { token: string; email: string } | null): void {
    this.update((values) => {
      if (pending) values[`pending:${key(this.db)}`] = JSON.stringify(pending);
      else delete values[`pending:${key(this.db)}`];
    });
  }

  /** This terminal's remembered device, for this database (a device is remembered by one database). */
  deviceToken(): string | null {
    return this.read()[`device:${key(this.db)}`] ?? null;
  }

  saveDeviceToken(token: string): void {
    this.update((values) => {
      values[`device:${key(this.db)}`] = token;
    });
  }
}

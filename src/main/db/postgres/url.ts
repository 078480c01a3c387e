import type { DataSource } from 'typeorm';

/** A team database is named by a URL; everything else is a SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Query parameters libpq and pg read a secret from (they win over the user:password part). */
const SECRET_PARAMETERS = ['password', 'sslpassword'];

/** Whether the URL carries a password, in its user:password part or its query string. */
export function urlHasPassword(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.password !== '' || SECRET_PARAMETERS.some((name) => parsed.searchParams.has(name));
  } catch {
    return false;
  }
}

/** The URL as it may be shown: no password is ever printed, wherever in the URL it was given. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of SECRET_PARAMETERS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.toString();
  } catch {
    return 'postgres://(an address that cannot be read)';
  }
}

/** Whether a DataSource is a team database (PostgreSQL). */
export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}

/** The URL a team database was opened with ('' for SQLite). */
export function urlOf(dataSource: DataSource): string {
  return dataSource.options.type === 'postgres' ? String(dataSource.options.url ?? '') : '';
}

/** Whether a manager or runner works on a team database (anything with a `connection` of type postgres). */
export function runsOnPostgres(runner: unknown): boolean {
  return (runner as { connection?: { options?: { type?: string } } }).connection?.options?.type === 'postgres';
}

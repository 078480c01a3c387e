import { dirname } from 'node:path';
import { Client } from 'pg';
import { Database as Sqlite } from 'sqlite3';
import { cli } from './run-cli';
import { ADA, PASSWORD, type OperatorSpec } from './operators';

async function lastCodeOnPostgres(url: string, phone: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ body: string }>(
      'SELECT body FROM simulated_outbox WHERE phone = $1 ORDER BY id DESC LIMIT 1',
      [phone],
    );
    const code = /\b(\d{6})\b/.exec(rows[0]?.body ?? '')?.[1];
    if (!code) throw new Error(`no code was sent to ${phone}`);
    return code;
  } finally {
    await client.end();
  }
}

function lastCodeIn(db: string, phone: string): Promise<string> {
  if (db.startsWith('postgres://')) return lastCodeOnPostgres(db, phone);
  return new Promise((resolve, reject) => {
    const connection = new Sqlite(db);
    connection.get(
      `SELECT body FROM simulated_outbox WHERE phone = ? ORDER BY id DESC LIMIT 1`,
      [phone],
      (error, row: { body: string } | undefined) => {
        connection.close();
        const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
        if (error || !code) reject(error ?? new Error(`no code was sent to ${phone}`));
        else resolve(code);
      },
    );
  });
}

/**
 * Signs the terminal in, as an operator at a terminal would: `mfa-console login` with the password
 * (from MFA_CONSOLE_PASSWORD), then `login --code` with the code the simulated phone received.
 * With `bootstrap`, first creates the console's first administrator. The session file goes to the
 * data directory beside the database (MFA_CONSOLE_DATA_DIR), never the user's own. A team database
 * (a postgres:// URL) is named by MFA_CONSOLE_DATABASE_URL, as a terminal would (--db refuses a password).
 */
export async function cliSignIn(
  db: string,
  who: OperatorSpec = ADA,
  options: { bootstrap?: boolean; password?: string; dataDir?: string } = {},
): Promise<void> {
  const team = db.startsWith('postgres://');
  const at = team ? [] : ['--db', db];
  if (team) process.env.MFA_CONSOLE_DATABASE_URL = db;
  if (options.dataDir) process.env.MFA_CONSOLE_DATA_DIR = options.dataDir;
  else process.env.MFA_CONSOLE_DATA_DIR ??= dirname(db);
  process.env.MFA_CONSOLE_PASSWORD = options.password ?? PASSWORD;
  // A temporary password is changed to PASSWORD at the first sign-in, as the console asks.
  process.env.MFA_CONSOLE_NEW_PASSWORD = PASSWORD;
  try {
    if (options.bootstrap) {
      const made = await cli([
        'operators',
        'bootstrap',
        '--name',
        who.name,
        '--email',
        who.email,
        '--phone',
        who.phone,
        ...at,
      ]);
      if (made.code !== 0) throw new Error(`bootstrap failed: ${made.stderr}`);
    }
    const started = await cli(['login', '--email', who.email, ...at]);
    if (started.code !== 0) throw new Error(`login failed: ${started.stderr}${started.stdout}`);
    if (/Signed in as/.test(started.stdout)) return;
    const done = await cli(['login', '--code', await lastCodeIn(db, who.phone), ...at]);
    if (done.code !== 0) throw new Error(`login --code failed: ${done.stderr}`);
  } finally {
    delete process.env.MFA_CONSOLE_PASSWORD;
    delete process.env.MFA_CONSOLE_NEW_PASSWORD;
    if (team) delete process.env.MFA_CONSOLE_DATABASE_URL;
  }
}

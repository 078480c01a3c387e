import { dirname } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { cli } from './run-cli';
import { ADA, PASSWORD, type OperatorSpec } from './operators';

function lastCodeIn(db: string, phone: string): Promise<string> {
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
 * data directory beside the database (MFA_CONSOLE_DATA_DIR), never the user's own.
 */
export async function cliSignIn(
  db: string,
  who: OperatorSpec = ADA,
  options: { bootstrap?: boolean; password?: string; dataDir?: string } = {},
): Promise<void> {
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
        '--db',
        db,
      ]);
      if (made.code !== 0) throw new Error(`bootstrap failed: ${made.stderr}`);
    }
    const started = await cli(['login', '--email', who.email, '--db', db]);
    if (started.code !== 0) throw new Error(`login failed: ${started.stderr}${started.stdout}`);
    if (/Signed in as/.test(started.stdout)) return;
    const done = await cli(['login', '--code', await lastCodeIn(db, who.phone), '--db', db]);
    if (done.code !== 0) throw new Error(`login --code failed: ${done.stderr}`);
  } finally {
    delete process.env.MFA_CONSOLE_PASSWORD;
    delete process.env.MFA_CONSOLE_NEW_PASSWORD;
  }
}

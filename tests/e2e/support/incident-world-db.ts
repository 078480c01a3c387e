import { join } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { appendCarrierEpisode, appendRepeatFailures, type WorldUser } from '../../support/incident-world';
import type { RunningConsole } from './console';

/**
 * Writes a carrier filtering episode for these users into the console's own database file, through
 * the console's appendEvent (so the search index and the rollups follow), in one transaction: the
 * history a detector needs cannot be lived through in a test. With `repeat`, that user's deliveries
 * also failed on as many days before (a repeat-failing user).
 */
export async function writeCarrierEpisode(
  mfa: RunningConsole,
  emails: string[],
  repeat?: { email: string; days: number; carrier: string },
  now = Date.now(),
): Promise<void> {
  const db = new Sqlite(join(mfa.dataDir, 'mfa-console.sqlite'));
  db.configure('busyTimeout', 10_000);
  const query = (sql: string, params: unknown[] = []) =>
    new Promise<unknown[]>((resolve, reject) => db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows))));
  try {
    const rows = (await query(
      `SELECT id, name, email, phone_e164 AS phone FROM users WHERE email IN (${emails.map(() => '?').join(', ')}, ?)`,
      [...emails, repeat?.email ?? ''],
    )) as WorldUser[];
    const victims = emails.map((e) => rows.find((r) => r.email === e) as WorldUser);
    await query('BEGIN IMMEDIATE');
    await appendCarrierEpisode({ query } as never, now, victims);
    const repeater = rows.find((r) => r.email === repeat?.email);
    if (repeat && repeater) await appendRepeatFailures({ query } as never, now, repeater, repeat.days, repeat.carrier);
    await query('COMMIT');
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

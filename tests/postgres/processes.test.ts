import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliSignIn } from '../support/cli-sign-in';
import { ADA } from '../support/operators';
import { runCliProcess, startWebShellProcess, type WebShellProcess } from '../support/processes';
import { testDatabase } from '../support/test-database';

/**
 * Several real processes (mfa-console commands and a web shell) on one team database, each named
 * by MFA_CONSOLE_DATABASE_URL as a helpdesk's desktops would be: every rule of the engine holds.
 */
let url: string;
let dir: string;
let web: WebShellProcess | null = null;
const BOB = { name: 'Bob Admin', email: 'bob@example.com', phone: '+447111222777' };

beforeEach(async () => {
  url = await testDatabase();
  dir = mkdtempSync(join(tmpdir(), 'mfa-pg-procs-'));
  await cliSignIn(url, ADA, { bootstrap: true, dataDir: join(dir, 'ada') });
});
afterEach(async () => {
  await web?.stop();
  web = null;
  rmSync(dir, { recursive: true, force: true });
});

type Envelope<T = Record<string, unknown>> = { ok: boolean; value: T; error?: { code: string; message: string } };
const env = (terminal: string) => ({ MFA_CONSOLE_DATA_DIR: join(dir, terminal), MFA_CONSOLE_DATABASE_URL: url });
/** An mfa-console process at one terminal (its own data directory, so its own operator session). */
const at =
  (terminal: string) =>
  async <T = Record<string, unknown>>(...args: string[]): Promise<Envelope<T>> => {
    const run = await runCliProcess([...args, '--json'], env(terminal));
    try {
      return JSON.parse(run.stdout) as Envelope<T>;
    } catch {
      throw new Error(`mfa-console ${args.join(' ')} printed no JSON: ${run.stdout}${run.stderr}`);
    }
  };
const ada = at('ada');
/** The user's own terminal, where no operator is signed in. */
const own = at('user-terminal');
const codeOf = (envelope: Envelope) => envelope.error?.code ?? 'OK';
const tally = (codes: string[]) => codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Another session holds these rows locked (SELECT … FOR UPDATE), so the processes' writes queue on
 * them: once `writers` of them are waiting, the rows are let go and all those writes race at once,
 * each transaction having read the state before any of them changed it.
 */
async function raceOn<T>(rowsSql: string, writers: number, start: () => Promise<T>): Promise<T> {
  const holder = new Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(rowsSql);
    let settled = false;
    const running = start().finally(() => (settled = true));
    for (;;) {
      if (settled)
        throw new Error(`the writers ended before ${writers} of them queued: ${JSON.stringify(await running)}`);
      // Inside a transaction pg_stat_activity is one snapshot: clear it to see the processes queue.
      await holder.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await holder.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n >= writers) break;
      // Waiting for a condition the processes reach, not for a time: a pause between looks.
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await holder.query('COMMIT');
    return await running;
  } finally {
    await holder.end();
  }
}

async function lastCode(phone: string): Promise<string> {
  const [row] = await sql<{ body: string }>(
    'SELECT body FROM simulated_outbox WHERE phone = $1 ORDER BY id DESC LIMIT 1',
    [phone],
  );
  return /\b(\d{6})\b/.exec(row?.body ?? '')?.[1] as string;
}

/** Cal is enrolled and has a code on his phone; answers the code and a wrong one. */
async function enrolCal(): Promise<{ right: string; wrong: string }> {
  const added = await ada(
    'users',
    'add',
    '--reason',
    'New starter',
    '--name',
    'Cal Caller',
    '--email',
    'cal@example.com',
    '--role',
    'employee',
    '--phone',
    '+447111222444',
  );
  expect(added).toMatchObject({ ok: true });
  expect(await own('verify', 'send', 'cal@example.com')).toMatchObject({ ok: true });
  const right = await lastCode('+447111222444');
  return { right, wrong: right.slice(0, 5) + String((Number(right[5]) + 1) % 10) };
}

describe('several processes on one team database', () => {
  it('the command line and the web shell say they are on PostgreSQL, and never print its password', async () => {
    const info = await ada<{ dbPath: string; database: { kind: string; source: string } }>('info');
    expect(info.value.database).toEqual({ kind: 'postgres', source: 'environment' });
    expect(info.value.dbPath).toBe(url.replace(/:[^:@/]+@/, ':***@'));
    web = await startWebShellProcess(join(dir, 'web'), { MFA_CONSOLE_DATABASE_URL: url });
    const reply = await web.call<Envelope<{ dbPath: string; counts: { users: number } }>>('info', {});
    expect(reply.body.value.dbPath).not.toContain(new URL(url).password);
    // The operator the command line made is in the web shell's directory: one state.
    expect(reply.body.value.counts.users).toBe(1);
    const human = await runCliProcess(['info'], env('ada'));
    expect(human.stdout).toContain('***@127.0.0.1');
    expect(human.stdout + human.stderr).not.toContain(new URL(url).password);
  }, 60_000);

  it('a password on the command line is refused before anything is opened', async () => {
    const run = await runCliProcess(['info', '--db', url, '--json'], { MFA_CONSOLE_DATA_DIR: join(dir, 'x') });
    const answer = JSON.parse(run.stdout) as Envelope;
    expect(answer.error?.code).toBe('DATABASE_URL_HAS_PASSWORD');
    expect(answer.error?.message).not.toContain(new URL(url).password);
  }, 30_000);

  it('twenty wrong codes from ten CLI processes and a web shell at once: four wrong, then the cooldown, counted once', async () => {
    const { wrong } = await enrolCal();
    web = await startWebShellProcess(join(dir, 'web'), { MFA_CONSOLE_DATABASE_URL: url });
    const shell = web;
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, async () => codeOf(await own('verify', 'check', 'cal@example.com', wrong))),
      ...Array.from({ length: 10 }, async () =>
        codeOf((await shell.call<Envelope>('checkCode', { email: 'cal@example.com', code: wrong })).body),
      ),
    ]);
    expect(tally(answers)).toEqual({ WRONG_CODE: 4, COOLDOWN_ACTIVE: 16 });
    const [user] = await sql<{ consecutive_failures: number; cooldown_until: number | null }>(
      `SELECT consecutive_failures, cooldown_until FROM users WHERE email = 'cal@example.com'`,
    );
    expect(user.consecutive_failures).toBe(5);
    expect(user.cooldown_until).not.toBeNull();
    const events = await sql<{ type: string; n: number }>(
      `SELECT type, COUNT(*)::int AS n FROM events WHERE type IN ('wrong_code', 'cooldown_activated') GROUP BY type ORDER BY type`,
    );
    expect(events).toEqual([
      { type: 'cooldown_activated', n: 1 },
      { type: 'wrong_code', n: 4 },
    ]);
  }, 120_000);

  it('one backup code entered in a CLI process and the web shell at once signs in once', async () => {
    const { right } = await enrolCal();
    web = await startWebShellProcess(join(dir, 'web'), { MFA_CONSOLE_DATABASE_URL: url });
    const signedIn = await own<{ sessionId: string }>('verify', 'check', 'cal@example.com', right);
    expect(signedIn).toMatchObject({ ok: true });
    const generated = await web.call<Envelope<{ codes: string[] }>>('generateBackupCodes', {
      email: 'cal@example.com',
      sessionId: signedIn.value.sessionId,
    });
    const code = generated.body.value.codes[0];
    const shell = web;
    const answers = await Promise.all([
      own('verify', 'backup', 'cal@example.com', code).then(codeOf),
      own('verify', 'backup', 'cal@example.com', code).then(codeOf),
      shell.call<Envelope>('useBackupCode', { email: 'cal@example.com', code }).then((r) => codeOf(r.body)),
      shell.call<Envelope>('useBackupCode', { email: 'cal@example.com', code }).then((r) => codeOf(r.body)),
    ]);
    expect(tally(answers)).toEqual({ OK: 1, BACKUP_CODE_USED: 3 });
    const [used] = await sql<{ n: number }>(`SELECT COUNT(*)::int AS n FROM events WHERE type = 'backup_code_used'`);
    expect(used.n).toBe(1);
  }, 120_000);

  it('locks and unlocks from six processes at once: every answer is a rule’s, and the log alternates', async () => {
    await enrolCal();
    const lockOrUnlock = (i: number) =>
      i % 2 === 0
        ? ada('user', 'cal@example.com', 'lock', '--reason', 'Phone reported stolen')
        : ada(
            'user',
            'cal@example.com',
            'unlock',
            '--reason',
            'Caller verified',
            '--verified-another-way',
            'manager callback on the number in HR records',
          );
    // Cal starts unlocked: the three locks queue on his row (the unlocks find nothing to do at once).
    const answers = await raceOn(`SELECT 1 FROM users WHERE email = 'cal@example.com' FOR UPDATE`, 3, () =>
      Promise.all(Array.from({ length: 6 }, (_, i) => lockOrUnlock(i).then(codeOf))),
    );
    for (const answer of answers) expect(['OK', 'NOTHING_TO_DO']).toContain(answer);
    const log = await sql<{ type: string }>(
      `SELECT type FROM events WHERE type IN ('admin_lock', 'admin_unlock') ORDER BY id`,
    );
    const oks = answers.filter((answer) => answer === 'OK').length;
    expect(log).toHaveLength(oks);
    // Never two locks or two unlocks in a row: each change saw the one before it.
    log.forEach((event, i) => expect(event.type).toBe(i % 2 === 0 ? 'admin_lock' : 'admin_unlock'));
    const [cal] = await sql<{ locked_at: number | null }>(
      `SELECT locked_at FROM users WHERE email = 'cal@example.com'`,
    );
    expect(cal.locked_at !== null).toBe(log.at(-1)?.type === 'admin_lock');
  }, 120_000);

  it('two administrators deactivating each other at once while 2FA is on firm-wide: one administrator always stays', async () => {
    const added = await ada<{ temporaryPassword: string }>(
      'users',
      'add',
      '--reason',
      'Second administrator',
      '--name',
      BOB.name,
      '--email',
      BOB.email,
      '--role',
      'administrator',
      '--phone',
      BOB.phone,
    );
    expect(added).toMatchObject({ ok: true });
    await cliSignIn(url, BOB, { password: added.value.temporaryPassword, dataDir: join(dir, 'bob') });
    expect(await ada('policy', 'enable-2fa', '--reason', 'Firm security policy')).toMatchObject({ ok: true });
    const bob = at('bob');
    const answers = await raceOn(`SELECT 1 FROM users WHERE role = 'administrator' FOR UPDATE`, 2, () =>
      Promise.all([
        ada('user', BOB.email, 'deactivate', '--reason', 'Left the firm', '--confirm-fewer-admins').then(codeOf),
        bob('user', ADA.email, 'deactivate', '--reason', 'Left the firm', '--confirm-fewer-admins').then(codeOf),
      ]),
    );
    expect(answers.filter((answer) => answer === 'OK')).toHaveLength(1);
    const [admins] = await sql<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM users WHERE role = 'administrator' AND status = 'active'`,
    );
    expect(admins.n).toBe(1);
  }, 120_000);
});

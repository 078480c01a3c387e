import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliProcess, startWebShellProcess, type WebShellProcess } from '../../support/processes';
import { cliSignIn } from '../../support/cli-sign-in';
import { ADA } from '../../support/operators';

let dir: string;
let db: string;
let web: WebShellProcess | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-procs-'));
  db = join(dir, 'mfa-console.sqlite');
  // Ada's terminal is the data directory; she signs in there once.
  await cliSignIn(db, ADA, { bootstrap: true, dataDir: dir });
});
afterEach(async () => {
  await web?.stop();
  web = null;
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ MFA_CONSOLE_DATA_DIR: dir });
const cli = (args: string[]) => runCliProcess([...args, '--db', db, '--json'], env());
/** The user's own sign-in, from a terminal no operator is signed in to. */
const userCli = (args: string[]) =>
  runCliProcess([...args, '--db', db, '--json'], { MFA_CONSOLE_DATA_DIR: join(dir, 'user-terminal') });
const envelope = (stdout: string) => JSON.parse(stdout) as { ok: boolean; error?: { code: string; message: string } };

function sql<T>(query: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const connection = new Sqlite(db);
    connection.all(query, (error, rows) => {
      connection.close();
      if (error) reject(error);
      else resolve(rows as T[]);
    });
  });
}

async function enrolCal(): Promise<string> {
  expect(
    (
      await cli([
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
      ])
    ).code,
  ).toBe(0);
  expect((await userCli(['verify', 'send', 'cal@example.com'])).code).toBe(0);
  const [{ body }] = await sql<{ body: string }>('SELECT body FROM simulated_outbox ORDER BY id DESC LIMIT 1');
  const code = /\b(\d{6})\b/.exec(body)?.[1] as string;
  // A wrong code: the real one with its last digit changed.
  return code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
}

describe('several processes on one database file', () => {
  it('twenty CLI checks and twenty web-shell checks at once, while other CLIs write, all get a rule’s answer, and only five count', async () => {
    const wrong = await enrolCal();
    web = await startWebShellProcess(dir);
    const shell = web;
    // Other writers at the same time: ten helpdesk agents adding users from their terminals.
    const writers = Array.from({ length: 10 }, (_, i) =>
      cli([
        'users',
        'add',
        '--reason',
        'New starter',
        '--name',
        `New Starter ${i}`,
        '--email',
        `new${i}@example.com`,
        '--role',
        'employee',
      ]),
    );
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, async () => {
        const run = await userCli(['verify', 'check', 'cal@example.com', wrong]);
        return envelope(run.stdout).error?.code ?? 'OK';
      }),
      ...Array.from({ length: 20 }, async () => {
        const reply = await shell.call<{ ok: boolean; error?: { code: string } }>('checkCode', {
          email: 'cal@example.com',
          code: wrong,
        });
        return reply.body.error?.code ?? 'OK';
      }),
    ]);
    for (const run of await Promise.all(writers)) expect(envelope(run.stdout)).toMatchObject({ ok: true });
    const tally = answers.reduce<Record<string, number>>((t, code) => ({ ...t, [code]: (t[code] ?? 0) + 1 }), {});
    // Every answer is one the rules give: four wrong codes with attempts left, then the cooldown.
    expect(tally).toEqual({ WRONG_CODE: 4, COOLDOWN_ACTIVE: 36 });
    const [user] = await sql<{ consecutive_failures: number; cooldown_until: number | null }>(
      `SELECT consecutive_failures, cooldown_until FROM users WHERE email = 'cal@example.com'`,
    );
    expect(user.consecutive_failures).toBe(5);
    expect(user.cooldown_until).not.toBeNull();
    const events = await sql<{ type: string; n: number }>(
      `SELECT type, COUNT(*) AS n FROM events WHERE type IN ('wrong_code', 'cooldown_activated') GROUP BY type ORDER BY type`,
    );
    expect(events).toEqual([
      { type: 'cooldown_activated', n: 1 },
      { type: 'wrong_code', n: 4 },
    ]);
  }, 120_000);

  it('a lock waits while another program holds the write lock for 2 s, then succeeds', async () => {
    await enrolCal();
    // Another program takes the write lock and keeps it for two seconds.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const {Database}=require('sqlite3');const d=new Database(process.argv[1]);
         d.exec('BEGIN IMMEDIATE; UPDATE settings SET updated_at = updated_at;',(e)=>{if(e)throw e;
           process.stdout.write('held\\n');setTimeout(()=>d.exec('COMMIT',()=>d.close()),2000);});`,
        db,
      ],
      { cwd: join(__dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    const run = await cli(['user', 'cal@example.com', 'lock', '--reason', 'Phone reported stolen']);
    await exited;
    expect(envelope(run.stdout)).toMatchObject({ ok: true });
    const [user] = await sql<{ locked_at: number | null }>(
      `SELECT locked_at FROM users WHERE email = 'cal@example.com'`,
    );
    expect(user.locked_at).not.toBeNull();
  }, 60_000);

  it('when another program keeps the write lock, a write is refused as DATABASE_BUSY in one line', async () => {
    await enrolCal();
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const {Database}=require('sqlite3');const d=new Database(process.argv[1]);
         d.exec('BEGIN IMMEDIATE; UPDATE settings SET updated_at = updated_at;',(e)=>{if(e)throw e;process.stdout.write('held\\n');});
         process.stdin.on('data',()=>d.exec('ROLLBACK',()=>{d.close();process.exit(0);}));`,
        db,
      ],
      { cwd: join(__dirname, '../../..'), stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    const human = await runCliProcess(
      ['user', 'cal@example.com', 'lock', '--reason', 'Phone reported stolen', '--db', db],
      env(),
    );
    holder.stdin?.write('go\n');
    await exited;
    expect(human.code).not.toBe(0);
    expect(human.stderr.trim().split('\n')).toHaveLength(1);
    expect(human.stderr).toMatch(/^mfa-console: DATABASE_BUSY: The database is busy: another program/);
    const [user] = await sql<{ locked_at: number | null }>(
      `SELECT locked_at FROM users WHERE email = 'cal@example.com'`,
    );
    expect(user.locked_at).toBeNull();
  }, 60_000);
});

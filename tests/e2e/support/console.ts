import { spawn, type ChildProcess } from 'node:child_process';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import { Client } from 'pg';
import { Database as Sqlite } from 'sqlite3';

const ROOT = resolve(__dirname, '../../..');
const execFileAsync = promisify(execFile);

/** Every operator of the end-to-end tests signs in with this password. */
export const PASSWORD = 'correct horse battery staple';

export interface Operator {
  name: string;
  email: string;
  phone: string;
}

export interface RunningConsole {
  url: string;
  launchUrl: string;
  dataDir: string;
  /** Runs the mfa-console command line on this console's data directory (as whoever logged in there). */
  cli(args: string[]): string;
  /** The same without blocking this process, for when a fake server here must answer the CLI. */
  cliAsync(args: string[]): Promise<string>;
  /** A user's own sign-in steps from a terminal no operator is signed in to. */
  userCli(args: string[]): string;
  /** Creates the first administrator and signs the command line in as them. */
  bootstrap(who: Operator): Promise<void>;
  /** Signs the command line in as an operator (the code read from the simulated phone, or a backup code). */
  cliLogin(who: Operator, options?: { password?: string; backupCode?: string }): Promise<void>;
  /** The code the simulated phone received last. */
  lastCode(phone: string): Promise<string>;
  /**
   * Opens the console in the page, token included; signs in through the sign-in screen (as `who`,
   * or the first administrator) when it asks, and waits for the status bar.
   */
  open(page: Page, route?: string, who?: Operator): Promise<void>;
}

/** Signs in through the page: email and password, the code the simulated phone shows on screen. */
export async function signInOnPage(page: Page, who: Operator, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(who.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: /^Send a code to/ }).click();
  const sms = page.getByTestId('simulated-sign-in-sms');
  await sms.waitFor();
  const code = /\b(\d{6})\b/.exec((await sms.textContent()) ?? '')?.[1] ?? '';
  await page.getByLabel('Code from the SMS').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  const saved = page.getByLabel('I have saved these codes');
  const status = page.getByRole('status', { name: 'Status bar' });
  await Promise.race([saved.waitFor(), status.waitFor()]);
  if (await saved.isVisible()) {
    await saved.check();
    await page.getByRole('button', { name: 'Continue to the console' }).click();
  }
}

/** Rows of a query (with ? placeholders) on a SQLite file or a postgres:// database. */
async function readRows<T>(database: string, sql: string, params: unknown[]): Promise<T[]> {
  if (database.startsWith('postgres://')) {
    const client = new Client({ connectionString: database });
    await client.connect();
    try {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    } finally {
      await client.end();
    }
  }
  return new Promise((resolvePromise, reject) => {
    const db = new Sqlite(database);
    db.all(sql, params, (error, found) => {
      db.close();
      if (error) reject(error);
      else resolvePromise(found as T[]);
    });
  });
}

/** Starts the built web shell on a free port with its own empty data folder. */
export async function startConsole(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ console: RunningConsole; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--no-open', '--port', '0'], {
    env: { ...process.env, MFA_CONSOLE_DATA_DIR: dataDir, MFA_CONSOLE_NO_BROWSER: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const launchUrl = await new Promise<string>((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // A whole line only: a chunk may end in the middle of the URL.
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\r?\n/m.exec(output);
      if (match) resolvePromise(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`web shell exited with ${code}: ${output}`)));
  });
  const url = launchUrl.slice(0, launchUrl.indexOf('/?token='));
  let first: Operator | null = null;
  // What the tests read straight from the database: the console's file, or the team database it was started on.
  const rows = <T>(sql: string, params: unknown[]) =>
    readRows<T>(env.MFA_CONSOLE_DATABASE_URL ?? join(dataDir, 'mfa-console.sqlite'), sql, params);
  const cliEnv = (extra: Record<string, string> = {}) => ({
    ...process.env,
    MFA_CONSOLE_DATA_DIR: dataDir,
    ...env,
    ...extra,
  });
  const lastCode = async (phone: string) => {
    const [row] = await rows<{ body: string }>(
      `SELECT s.body FROM simulated_outbox s WHERE s.phone = (SELECT phone_e164 FROM users WHERE phone_e164 = ? OR email = ?)
           OR s.phone = ? ORDER BY s.id DESC LIMIT 1`,
      [phone, phone, phone],
    );
    const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
    if (!code) throw new Error(`no code was sent to ${phone}`);
    return code;
  };
  const cliLogin = async (who: Operator, options: { password?: string; backupCode?: string } = {}) => {
    const backup = options.backupCode ? ['--backup-code', options.backupCode] : [];
    const started = execFileSync(
      process.execPath,
      [join(ROOT, 'bin/mfa-console.cjs'), 'login', '--email', who.email, ...backup],
      {
        env: cliEnv({ MFA_CONSOLE_PASSWORD: options.password ?? PASSWORD, MFA_CONSOLE_NEW_PASSWORD: PASSWORD }),
        encoding: 'utf8',
      },
    );
    if (/Signed in as/.test(started)) return;
    const [user] = await rows<{ phone_e164: string }>('SELECT phone_e164 FROM users WHERE email = ?', [who.email]);
    execFileSync(
      process.execPath,
      [join(ROOT, 'bin/mfa-console.cjs'), 'login', '--code', await lastCode(user.phone_e164)],
      {
        env: cliEnv(),
        encoding: 'utf8',
      },
    );
  };
  const running: RunningConsole = {
    url,
    launchUrl,
    dataDir,
    cli: (args) =>
      execFileSync(process.execPath, [join(ROOT, 'bin/mfa-console.cjs'), ...args], {
        env: cliEnv(),
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    userCli: (args) =>
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'bin/mfa-console.cjs'),
          ...args,
          ...(env.MFA_CONSOLE_DATABASE_URL ? [] : ['--db', join(dataDir, 'mfa-console.sqlite')]),
        ],
        {
          env: cliEnv({ MFA_CONSOLE_DATA_DIR: join(dataDir, 'user-terminal') }),
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    async bootstrap(who) {
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'bin/mfa-console.cjs'),
          'operators',
          'bootstrap',
          '--name',
          who.name,
          '--email',
          who.email,
          '--phone',
          who.phone,
        ],
        { env: cliEnv({ MFA_CONSOLE_PASSWORD: PASSWORD }), encoding: 'utf8' },
      );
      first = who;
      await cliLogin(who);
      // No waiting between codes in a test: the CLI and the page sign in moments apart.
      execFileSync(
        process.execPath,
        [join(ROOT, 'bin/mfa-console.cjs'), 'policy', 'set', 'resendIntervalSeconds=0', '--reason', 'End-to-end tests'],
        { env: cliEnv(), encoding: 'utf8' },
      );
    },
    cliLogin,
    lastCode,
    cliAsync: async (args) =>
      (
        await execFileAsync(process.execPath, [join(ROOT, 'bin/mfa-console.cjs'), ...args], {
          env: { ...process.env, MFA_CONSOLE_DATA_DIR: dataDir, ...env },
          encoding: 'utf8',
        })
      ).stdout,
    async open(page, route = '/', who) {
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await page.goto(`${launchUrl}#${route}`);
      const status = page.getByRole('status', { name: 'Status bar' }).getByText(/Schema v\d+/);
      const signIn = page.getByRole('heading', { name: 'Sign in', level: 1 });
      await Promise.race([status.waitFor(), signIn.waitFor()]);
      const operator = who ?? first;
      if ((await signIn.isVisible()) && operator) {
        await signInOnPage(page, operator);
        // The route asked for, now that the console is open.
        await page.goto(`${url}/#${route}`);
      }
      await status.waitFor();
    },
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  return { console: running, stop };
}

/** Ada: the console's first administrator in every test that does not start from an empty console. */
export const FIRST_ADMIN: Operator = { name: 'Ada Admin', email: 'ada@example.com', phone: '+447111222333' };

/**
 * Each test gets its own data folder and its own web shell: `mfa` with Ada set up and the command
 * line signed in as her, `blank` with nothing at all (the first-start screens).
 */
export const test = base.extend<{ mfa: RunningConsole; blank: RunningConsole }>({
  mfa: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mfa-e2e-'));
    const { console: running, stop } = await startConsole(dataDir);
    await running.bootstrap(FIRST_ADMIN);
    await use(running);
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  blank: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mfa-e2e-'));
    const { console: running, stop } = await startConsole(dataDir);
    await use(running);
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

/** Screenshots go to screenshots/ so a person can look at them after a run. */
export function shot(name: string): string {
  return join(ROOT, 'screenshots', `${name}.png`);
}

/**
 * The screen as it is now, in the light and dark themes at 1024 and 1360 px wide:
 * screenshots/<name>-<width>-<theme>.png. The page is left light at 1360 px.
 */
export async function shots(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const width of [1024, 1360]) {
    await page.setViewportSize({ width, height: 860 });
    // A section lower on a long page: its top at the top of the window at each width.
    if (focus) await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: shot(`${name}-${width}-${colorScheme}`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 860 });
}

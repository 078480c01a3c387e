import { spawn, type ChildProcess } from 'node:child_process';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';

const ROOT = resolve(__dirname, '../../..');
const execFileAsync = promisify(execFile);

export interface RunningConsole {
  url: string;
  launchUrl: string;
  dataDir: string;
  /** Runs the mfa-console command line on this console's data directory. */
  cli(args: string[]): string;
  /** The same without blocking this process, for when a fake server here must answer the CLI. */
  cliAsync(args: string[]): Promise<string>;
  /** Opens the console in the page, token included, and waits for the status bar. */
  open(page: Page, route?: string): Promise<void>;
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
  const running: RunningConsole = {
    url,
    launchUrl,
    dataDir,
    cli: (args) =>
      execFileSync(process.execPath, [join(ROOT, 'bin/mfa-console.cjs'), ...args], {
        env: { ...process.env, MFA_CONSOLE_DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    cliAsync: async (args) =>
      (
        await execFileAsync(process.execPath, [join(ROOT, 'bin/mfa-console.cjs'), ...args], {
          env: { ...process.env, MFA_CONSOLE_DATA_DIR: dataDir, ...env },
          encoding: 'utf8',
        })
      ).stdout,
    async open(page, route = '/') {
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await page.goto(`${launchUrl}#${route}`);
      await page
        .getByRole('status', { name: 'Status bar' })
        .getByText(/Schema v\d+/)
        .waitFor();
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

/** Each test gets its own data folder and its own web shell. */
export const test = base.extend<{ mfa: RunningConsole }>({
  mfa: async ({}, use) => {
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
export async function shots(page: Page, name: string): Promise<void> {
  for (const width of [1024, 1360]) {
    await page.setViewportSize({ width, height: 860 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: shot(`${name}-${width}-${colorScheme}`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 860 });
}

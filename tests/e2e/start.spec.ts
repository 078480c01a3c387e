import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInOnPage } from './support/console';

const ROOT = resolve(__dirname, '../..');

test('npm start without Electron serves the web shell with demo data, and Ctrl-C stops it cleanly', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mfa-start-'));
  // The same script `npm start -- --demo` runs; MFA_CONSOLE_WEB=1 forces the web shell on a desktop that has Electron.
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.cjs'), '--demo', '--no-open'], {
    env: { ...process.env, MFA_CONSOLE_DATA_DIR: dataDir, MFA_CONSOLE_WEB: '1', MFA_CONSOLE_NO_BROWSER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  try {
    const url = await new Promise<string>((resolvePromise, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        // A whole line only (the URL alone on it): a chunk may end in the middle of the URL.
        const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\r?\n/m.exec(output);
        if (match) resolvePromise(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${output}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    expect(output).toMatch(/Loaded demo data: \d+ users/);
    // Once, on a line of its own: the demo administrator and a fresh random password.
    await expect.poll(() => /^(demo\.admin@example\.com) (\S+)\r?$/m.exec(output)).not.toBeNull();
    const [, email, password] = /^(demo\.admin@example\.com) (\S+)\r?$/m.exec(output)!;
    expect(output.split(password)).toHaveLength(2);
    await page.goto(url);
    await signInOnPage(page, { name: 'Demo Administrator', email, phone: '' }, password);
    await expect(page.getByRole('status', { name: 'Status bar' }).getByTestId('status-users')).not.toHaveText(
      '0 users',
    );

    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

const WEB = resolve(__dirname, '../../../out/main/web.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-launch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function until<T>(probe: () => T | null): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

it('opens the browser without the token on any command line; only the printed line carries it', async () => {
  // A stand-in browser that writes down the arguments it was started with (xdg-open hands the page
  // to $BROWSER when no desktop is running).
  const argvFile = join(dir, 'browser-argv.txt');
  const browser = join(dir, 'browser.sh');
  writeFileSync(browser, `#!/bin/sh\necho "$@" >> '${argvFile}'\n`);
  chmodSync(browser, 0o755);
  const env: Record<string, string | undefined> = {
    ...process.env,
    MFA_CONSOLE_DATA_DIR: join(dir, 'data'),
    BROWSER: browser,
  };
  for (const key of ['CI', 'MFA_CONSOLE_NO_BROWSER', 'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_CURRENT_DESKTOP'])
    delete env[key];
  const child = spawn(process.execPath, [WEB, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const launchUrl = await until(() => /^(http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))\r?\n/m.exec(output));
    const token = decodeURIComponent(launchUrl[2]);
    const argv = await until(() => (existsSync(argvFile) ? readFileSync(argvFile, 'utf8') : null));
    expect(argv).not.toContain(token);
    const page = argv.trim();
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(readFileSync(page, 'utf8')).toContain(token);

    // As soon as the tab uses the token, the forwarding page is gone.
    const reply = await fetch(`${launchUrl[1].slice(0, launchUrl[1].indexOf('/?'))}/api/info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(existsSync(page)).toBe(false);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}, 60_000);

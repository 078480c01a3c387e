import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

describe('npm run test:e2e without a usable browser', () => {
  it('stops before Playwright with one line naming what is wrong', () => {
    const run = spawnSync(process.execPath, [resolve(ROOT, 'scripts/e2e.cjs')], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(''); // Playwright never started
    expect(run.stderr.trim().split('\n')).toEqual([
      'e2e: CHROMIUM_PATH=/nonexistent/chromium is not a file; point it at a Chromium or Chrome binary, or unset it to search the usual places.',
    ]);
  });

  it('the Playwright config refuses the same way when run directly', () => {
    const run = spawnSync(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '--list'], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('e2e: CHROMIUM_PATH=/nonexistent/chromium is not a file');
  });
});

import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../../scripts/find-browser.cjs';

const none = () => null;
const only = (...paths: string[]) => {
  const present = new Set(paths);
  return (path: string) => present.has(path);
};

describe('the end-to-end tests find a browser the way users have one', () => {
  it('uses CHROMIUM_PATH when it names a file, and refuses a wrong one instead of falling back', () => {
    const env = { CHROMIUM_PATH: '/opt/chrome/chrome' };
    expect(findBrowser({ env, platform: 'linux', exists: only('/opt/chrome/chrome', '/usr/bin/chromium') })).toEqual({
      path: '/opt/chrome/chrome',
      source: 'CHROMIUM_PATH',
    });
    const wrong = findBrowser({ env, platform: 'linux', exists: only('/usr/bin/chromium'), playwrightPath: none });
    expect(wrong.path).toBeNull();
    expect(wrong.message).toBe(
      'e2e: CHROMIUM_PATH=/opt/chrome/chrome is not a file; point it at a Chromium or Chrome binary, or unset it to search the usual places.',
    );
  });

  it("prefers Debian's chromium, then other Linux names", () => {
    expect(
      findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium', '/usr/bin/google-chrome') }).path,
    ).toBe('/usr/bin/chromium');
    expect(findBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/google-chrome-stable') }).path).toBe(
      '/usr/bin/google-chrome-stable',
    );
  });

  it('finds Chrome or Chromium where macOS and Windows install them', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser({ env: {}, platform: 'darwin', exists: only(mac) }).path).toBe(mac);
    const chromiumMac = '/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(findBrowser({ env: { HOME: '/Users/ann' }, platform: 'darwin', exists: only(chromiumMac) }).path).toBe(
      chromiumMac,
    );
    const win = 'C:\\Users\\ann\\AppData\\Local/Google/Chrome/Application/chrome.exe';
    const found = findBrowser({
      env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' },
      platform: 'win32',
      exists: (p) => p.replace(/\\/g, '/') === win.replace(/\\/g, '/'),
    });
    expect(found.path?.replace(/\\/g, '/')).toBe(win.replace(/\\/g, '/'));
  });

  it('falls back to a browser Playwright installed', () => {
    const bundled = '/home/ann/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';
    expect(findBrowser({ env: {}, platform: 'linux', exists: only(bundled), playwrightPath: () => bundled })).toEqual({
      path: bundled,
      source: 'playwright',
    });
  });

  it('without any, says in one line exactly what to install for the platform', () => {
    const linux = findBrowser({ env: {}, platform: 'linux', exists: () => false, playwrightPath: none });
    expect(linux.path).toBeNull();
    expect(linux.message).toContain('`sudo apt-get install chromium`');
    expect(linux.message).toContain('`npx playwright install chromium`');
    expect(linux.message).not.toContain('\n');
    const mac = findBrowser({ env: {}, platform: 'darwin', exists: () => false, playwrightPath: none });
    expect(mac.message).toContain('install Google Chrome');
    expect(mac.message).not.toContain('apt-get');
  });
});

import { defineConfig } from '@playwright/test';
import { findBrowser } from './scripts/find-browser.cjs';

// CHROMIUM_PATH, Debian's chromium, Chrome or Chromium where macOS and Windows keep them, or a
// browser `npx playwright install chromium` put in place; without one, one line says what to install.
const browser = findBrowser();
if (!browser.path) throw new Error(browser.message);

/**
 * End-to-end tests drive the built renderer in Debian's Chromium through the web
 * shell (the Electron binary cannot be downloaded here). Playwright downloads no
 * browser: `.ci/run` installs /usr/bin/chromium with apt-get; scripts/find-browser.cjs finds it
 * (or the one a user has).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    launchOptions: {
      executablePath: browser.path,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
  },
});

// `npm run test:e2e`: finds a browser first, so a machine without one stops here with one line
// saying what to install, instead of failing inside Playwright on a missing executable.
const { spawnSync } = require('node:child_process');
const { findBrowser } = require('./find-browser.cjs');

const browser = findBrowser();
if (!browser.path) {
  console.error(browser.message);
  process.exit(1);
}
const cli = require.resolve('@playwright/test/cli');
const result = spawnSync(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: browser.path },
});
process.exit(result.status ?? 1);

// Finds the Chromium or Chrome the end-to-end tests drive, the way a user has one installed.
// Playwright downloads no browser here (toolchain facts): without one, say exactly what to install.
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** Where each platform keeps a Chromium-family browser, in the order they are tried. */
function candidates(platform, env) {
  if (platform === 'darwin') {
    const apps = ['/Applications', env.HOME ? join(env.HOME, 'Applications') : null].filter(Boolean);
    return apps.flatMap((dir) => [
      join(dir, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
      join(dir, 'Chromium.app/Contents/MacOS/Chromium'),
    ]);
  }
  if (platform === 'win32') {
    const roots = [
      env.LOCALAPPDATA,
      env.PROGRAMFILES,
      env['PROGRAMFILES(X86)'],
      env.ProgramFiles,
      env['ProgramFiles(x86)'],
    ];
    return [...new Set(roots.filter(Boolean))].flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  // Debian's chromium first (what .ci/run installs), then other distributions' names.
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
}

/** What to install, in one line, for this platform. */
function installHint(platform) {
  if (platform === 'darwin') {
    return 'install Google Chrome (https://www.google.com/chrome/) or run `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary';
  }
  if (platform === 'win32') {
    return 'install Google Chrome (https://www.google.com/chrome/) or run `npx playwright install chromium`, or set CHROMIUM_PATH to chrome.exe';
  }
  return 'install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or run `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary';
}

/** The browser Playwright installed with `npx playwright install chromium`, if any. */
function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath();
  } catch {
    return null;
  }
}

const isFile = (path) => {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The browser to use: `{ path, source }`, or `{ path: null, message }` with one line saying what
 * is missing and what to install. CHROMIUM_PATH, when set, is the only one tried: a wrong path is
 * an error, not a reason to test with another browser.
 */
function findBrowser({
  env = process.env,
  platform = process.platform,
  exists = isFile,
  playwrightPath = playwrightChromium,
} = {}) {
  const chosen = env.CHROMIUM_PATH && env.CHROMIUM_PATH.trim();
  if (chosen) {
    if (exists(chosen)) return { path: chosen, source: 'CHROMIUM_PATH' };
    return {
      path: null,
      message: `e2e: CHROMIUM_PATH=${chosen} is not a file; point it at a Chromium or Chrome binary, or unset it to search the usual places.`,
    };
  }
  for (const path of candidates(platform, env)) if (exists(path)) return { path, source: 'installed' };
  const bundled = playwrightPath();
  if (bundled && exists(bundled)) return { path: bundled, source: 'playwright' };
  return {
    path: null,
    message: `e2e: no Chromium or Chrome found for the end-to-end tests: ${installHint(platform)}.`,
  };
}

module.exports = { findBrowser, candidates };

// Electron's own postinstall downloads its binary from GitHub. It is disabled in
// package.json ("allowScripts") so that `npm install` succeeds offline; this script
// tries the same download and tolerates failure with one clear line.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) process.exit(0); // production install without devDependencies
if (process.env.MFA_CONSOLE_SKIP_ELECTRON === '1' || process.env.CI === 'true') {
  console.log('mfa-console: skipping the Electron download (CI); the console will open in a browser instead.');
  process.exit(0);
}
const pathFile = path.join(dir, 'path.txt');
if (fs.existsSync(pathFile)) process.exit(0); // already fetched

const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  cwd: dir,
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  stdio: 'ignore',
  timeout: 120_000,
});
if (result.status === 0 && fs.existsSync(pathFile)) {
  console.log('mfa-console: Electron downloaded; `npm start` opens the desktop window.');
} else {
  console.log(
    'mfa-console: the Electron binary could not be downloaded; `npm start` will open the console in a browser instead.',
  );
}
process.exit(0);

// Builds the app with electron-vite when the bundle is missing or older than the sources.
const { spawnSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const outputs = [
  'out/main/index.js',
  'out/main/web.js',
  'out/main/cli.js',
  'out/preload/index.js',
  'out/renderer/index.html',
];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!outputs.every((file) => existsSync(join(root, file)))) return true;
  const built = Math.min(...outputs.map((file) => statSync(join(root, file)).mtimeMs));
  return newestSource(join(root, 'src')) > built;
}

function ensureBuilt() {
  if (!isStale()) return;
  process.stderr.write('mfa-console: building the app (electron-vite build)...\n');
  const result = spawnSync(
    process.execPath,
    [join(require.resolve('electron-vite/package.json'), '..', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) {
    process.stderr.write('mfa-console: the build failed; run `npm run build` to see why.\n');
    process.exit(1);
  }
}

module.exports = { ensureBuilt, isStale };

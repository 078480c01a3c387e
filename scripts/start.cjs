// `npm start`: build what is missing, then open the Electron window when the Electron
// binary is installed, or else serve the same console in a browser (the web shell).
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { ensureBuilt } = require('./ensure-built.cjs');

const root = join(__dirname, '..');
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron'); // in plain Node this is the binary's path, or throws
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

ensureBuilt();
const electron = process.env.MFA_CONSOLE_WEB === '1' ? null : electronBinary();
if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  console.log('mfa-console: no Electron binary here; starting the web shell instead.');
  require(join(root, 'out', 'main', 'web.js'))
    .runWebShell(args)
    .catch((error) => {
      console.error(`mfa-console: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}

// `npm test` runs the Electron security scanner (@doyensec/electronegativity) over src/ and fails on
// any HIGH or MEDIUM finding. Its command-line entry breaks with the commander this project uses,
// so its runner is called directly.
//
// It never leaves this machine: the scanner would fetch translations and Electron's release list
// from the internet with `got`; that module is replaced by one that refuses at once (the shipped
// English texts are used), and the one check that needs the release list
// (AvailableSecurityFixesGlobalCheck: is there a newer Electron with security fixes) is not run.
const { dirname, resolve, join } = require('node:path');

const scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [scannerDir] });
const offline = () => Promise.reject(new Error('electron-scan: no network access'));
offline.head = offline;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };

const run = require('@doyensec/electronegativity/dist/runner.js');
const NEEDS_NETWORK = ['AvailableSecurityFixesGlobalCheck'];

const root = join(__dirname, '..');
const electronVersion = require(join(root, 'node_modules', 'electron', 'package.json')).version;

async function main() {
  const quiet = console.log;
  const notes = [];
  console.log = (...args) => notes.push(args.join(' '));
  let result;
  try {
    result = await run(
      {
        input: resolve(root, 'src'),
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: electronVersion,
        excludeFromScan: NEEDS_NETWORK,
      },
      false,
    );
  } finally {
    console.log = quiet;
  }
  const blocking = result.issues.filter((issue) => ['HIGH', 'MEDIUM'].includes(issue.severity.name));
  const broken = result.errors.filter((error) => !error.tolerable);
  for (const issue of result.issues) {
    const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
    console.log(`electronegativity: ${issue.severity.name} ${issue.confidence.name} ${issue.id} at ${where}`);
  }
  for (const error of broken) console.log(`electronegativity: could not scan ${error.file}: ${error.message}`);
  const summary = `${result.atomicChecks + result.globalChecks} checks (${NEEDS_NETWORK.join(', ')} skipped: it needs the internet), ${result.issues.length} finding(s), ${blocking.length} HIGH or MEDIUM`;
  if (blocking.length || broken.length) {
    console.error(`electronegativity: FAILED (${summary}).`);
    process.exit(1);
  }
  console.log(`electronegativity: passed (${summary}).`);
}

main().catch((error) => {
  console.error(`electronegativity: ${error.stack ?? error}`);
  process.exit(1);
});

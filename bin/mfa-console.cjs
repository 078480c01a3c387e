#!/usr/bin/env node
// The `mfa-console` command: the same engine and data directory as the app.
// It runs the built bundle; on a fresh install it builds once first.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { ensureBuilt } = require('../scripts/ensure-built.cjs');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) ensureBuilt();
require(cli)
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

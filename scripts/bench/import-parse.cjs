// Bundles scripts/bench/import-parse.ts with rolldown (as scripts/bench.cjs does for the main
// bench) and runs it: node scripts/bench/import-parse.cjs [--records N] [--keep]
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const outDir = join(root, 'node_modules', '.cache', 'mfa-bench-import');

async function main() {
  const bundle = join(outDir, 'import-parse.cjs');
  if (process.argv[2] !== '--measure') {
    const { build } = await import('rolldown');
    const pkg = require(join(root, 'package.json'));
    const external = [...Object.keys(pkg.dependencies), /^node:/].map((dep) =>
      typeof dep === 'string' ? new RegExp(`^${dep.replace(/[/.]/g, '\\$&')}(/|$)`) : dep,
    );
    await build({
      input: join(__dirname, 'import-parse.ts'),
      platform: 'node',
      tsconfig: join(root, 'tsconfig.node.json'),
      external,
      output: { dir: outDir, format: 'cjs', entryFileNames: 'import-parse.cjs' },
      logLevel: 'warn',
    });
  }
  await require(bundle).runImportBench(process.argv.slice(2), __filename);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

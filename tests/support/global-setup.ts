// Tests that run the console as real processes (several CLIs and a web shell on one file) need the
// built bundle: build it once when it is missing or older than the sources.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../../scripts/ensure-built.cjs') as { ensureBuilt: () => void };

export default function setup(): void {
  ensureBuilt();
}

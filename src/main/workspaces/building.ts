import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../core/domain-error';
import { openDatabase } from '../db/data-source';

/**
 * A workspace that does not exist yet (the command line's `import --db new.sqlite`) is built in a
 * hidden file beside it, `.<name>.building-<pid>-<random>.sqlite`, and put in place only once the
 * import has committed: made durable (fsync), then linked to its name (refused if that name was
 * taken meanwhile) and the building name removed. So the import can write it without a journal
 * (nothing to undo: a failure, a Cancel or a killed process leaves no workspace at all, never a
 * half-built one), and the next build removes what a killed one left.
 */
export interface Building {
  /** The file being built (the import's database). */
  path: string;
  /** Where the workspace goes. */
  final: string;
  publish(): void;
  discard(): void;
}

const prefixOf = (final: string) => `.${basename(final)}.building-`;
const FILES = ['', '-wal', '-shm', '-journal'];

function remove(path: string): void {
  for (const suffix of FILES) rmSync(`${path}${suffix}`, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Files a killed build of the same workspace left behind (their process is gone). */
function removeAbandoned(final: string): void {
  const prefix = prefixOf(final);
  for (const name of readdirSync(dirname(final))) {
    const pid = name.startsWith(prefix) ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid))
      rmSync(join(dirname(final), name), { force: true });
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes the empty workspace to build in (the console's schema, by its migrations). */
export async function startBuilding(final: string): Promise<Building> {
  mkdirSync(dirname(final), { recursive: true, mode: 0o700 });
  removeAbandoned(final);
  const path = join(dirname(final), `${prefixOf(final)}${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
  try {
    await (await openDatabase({ path })).destroy();
  } catch (error) {
    remove(path);
    throw error;
  }
  return {
    path,
    final,
    publish: () => {
      fsyncPath(path);
      try {
        linkSync(path, final);
      } catch (error) {
        remove(path);
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        throw new DomainError(
          'WORKSPACE_EXISTS',
          `path: ${final} was created by someone else during the import; import into it again, or choose a new file name.`,
          { path: final },
        );
      }
      remove(path);
      fsyncPath(dirname(final));
    },
    discard: () => remove(path),
  };
}

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which export temporary files are being written, by which process. An export writes its rows to
 * a hidden `.part` file beside the target (full phone numbers, perhaps) and renames it when done;
 * if the process is killed, the journal entry outlives it, and the next start (or the next export
 * to the same name) removes the orphaned file. Kept in the data directory, not the database, so a
 * read-only database still exports and cleans up.
 */
export class ExportJournal {
  constructor(private readonly dir: string) {}

  private entry(temp: string): string {
    return join(this.dir, `${createHash('sha256').update(temp).digest('hex').slice(0, 24)}.json`);
  }

  /** Records that this process writes `temp`. */
  record(temp: string, target: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const body = JSON.stringify({ pid: process.pid, temp, target, startedAt: Date.now() });
    writeFileSync(this.entry(temp), body, { mode: 0o600 });
  }

  forget(temp: string): void {
    rmSync(this.entry(temp), { force: true });
  }

  /** True when `temp` was left by a process that is gone (its file can be removed). */
  isOrphaned(temp: string): boolean {
    const owner = readEntry(this.entry(temp));
    return owner !== null && !alive(owner.pid);
  }

  /** Removes the temporary files of exports whose process is gone; returns their paths. */
  cleanOrphans(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((name) => name.endsWith('.json'));
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names) {
      const owner = readEntry(join(this.dir, name));
      if (owner && alive(owner.pid)) continue;
      if (owner) {
        try {
          unlinkSync(owner.temp);
          removed.push(owner.temp);
        } catch {
          // Already gone (or its folder is): nothing left to protect.
        }
      }
      rmSync(join(this.dir, name), { force: true });
    }
    return removed;
  }
}

function readEntry(path: string): { pid: number; temp: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; temp?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.temp === 'string'
      ? { pid: parsed.pid, temp: parsed.temp }
      : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const exportJournalDir = (dataDir: string): string => join(dataDir, 'exports-in-progress');

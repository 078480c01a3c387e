import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The workspaces opened lately, newest first; kept in the data directory (`recent-workspaces.json`). */
export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: number;
}

export const RECENT_FILE = 'recent-workspaces.json';
const KEEP = 10;

export function recentPath(dataDir: string): string {
  return join(dataDir, RECENT_FILE);
}

export function readRecent(dataDir: string): RecentWorkspace[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(recentPath(dataDir), 'utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is RecentWorkspace =>
        typeof entry?.path === 'string' && typeof entry?.name === 'string' && typeof entry?.openedAt === 'number',
    );
  } catch {
    // No list yet, or one a crash cut short: start a new one.
    return [];
  }
}

/** Puts a workspace at the top of the list (written to a temporary file, then renamed). */
export function rememberRecent(dataDir: string, path: string, openedAt: number): RecentWorkspace[] {
  const list = [{ path, name: basename(path), openedAt }, ...readRecent(dataDir).filter((w) => w.path !== path)].slice(
    0,
    KEEP,
  );
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = recentPath(dataDir);
  writeFileSync(`${file}.part`, JSON.stringify(list, null, 2), { mode: 0o600 });
  renameSync(`${file}.part`, file);
  return list;
}

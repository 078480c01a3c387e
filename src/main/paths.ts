import { join } from 'node:path';
import applicationConfigPath from 'application-config-path';

/** The product name Electron uses for its userData folder; the other shells use the same. */
export const APP_NAME = 'MFA Support Console';
export const DB_FILE = 'mfa-console.sqlite';

/**
 * The one data directory: `MFA_CONSOLE_DATA_DIR` when set, otherwise the folder
 * Electron calls userData (Linux ~/.config/<name>, macOS ~/Library/Application
 * Support/<name>, Windows %APPDATA%\<name>), computed the same way without Electron.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.MFA_CONSOLE_DATA_DIR?.trim();
  if (override) return override;
  return applicationConfigPath(APP_NAME);
}

export function dbPath(dir: string = dataDir()): string {
  return join(dir, DB_FILE);
}

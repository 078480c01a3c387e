/**
 * Where credentials live (the Twilio Auth Token, API key secret, SIDs). Two implementations:
 * a file readable by the user only (web shell, command line) and Electron safeStorage (desktop).
 * Values never leave the main process: the API reports only whether each is set.
 */
export interface SecretStore {
  /** 'file' (mode 0600 in the data directory) or 'safe-storage' (encrypted by the OS keychain). */
  readonly kind: 'file' | 'safe-storage';
  get(name: string): Promise<string | null>;
  /** Writes every entry at once; a null value removes that secret. */
  setMany(entries: Record<string, string | null>): Promise<void>;
}

/** The plain 0600 file of the web shell and the command line, in the data directory. */
export const SECRETS_FILE = 'secrets.json';
/**
 * The desktop app's encrypted file. A separate name, because the other shells cannot decrypt it:
 * sharing one file would hand them ciphertext where they expect a token.
 */
export const SAFE_STORAGE_SECRETS_FILE = 'secrets.safe-storage.json';

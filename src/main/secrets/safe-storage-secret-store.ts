import { SecretFile } from './secret-file';
import type { SecretStore } from './secret-store';

/** The part of Electron's `safeStorage` this store uses; passed in so tests need no Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const PREFIX = 'safeStorage:';

/**
 * Secrets encrypted with Electron safeStorage (Keychain, DPAPI, libsecret), stored as base64 in
 * a 0600 file. When the OS offers no encryption it refuses to save rather than fall back to clear
 * text silently: the desktop app promises encrypted credentials.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safe-storage' as const;
  private readonly file: SecretFile;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    path: string,
  ) {
    this.file = new SecretFile(path);
  }

  async get(name: string): Promise<string | null> {
    const stored = this.file.read()[name];
    if (stored === undefined) return null;
    if (!stored.startsWith(PREFIX)) {
      throw new Error(`The secret "${name}" is not encrypted with safeStorage; save it again from Settings.`);
    }
    return this.safeStorage.decryptString(Buffer.from(stored.slice(PREFIX.length), 'base64'));
  }

  async setMany(entries: Record<string, string | null>): Promise<void> {
    const values = this.file.read();
    for (const [name, value] of Object.entries(entries)) {
      if (value === null) {
        delete values[name];
        continue;
      }
      if (!this.safeStorage.isEncryptionAvailable()) {
        throw new Error('The operating system offers no encryption for secrets (safeStorage), so they were not saved.');
      }
      values[name] = PREFIX + this.safeStorage.encryptString(value).toString('base64');
    }
    this.file.write(values);
  }
}

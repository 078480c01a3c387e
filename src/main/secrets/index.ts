import { join } from 'node:path';
import { SAFE_STORAGE_SECRETS_FILE, SECRETS_FILE } from './secret-store';

export { FileSecretStore } from './file-secret-store';
export { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';
export { SAFE_STORAGE_SECRETS_FILE, SECRETS_FILE, type SecretStore } from './secret-store';

/** The secrets file of a data directory. */
export function secretsPath(dataDir: string): string {
  return join(dataDir, SECRETS_FILE);
}

/** The desktop app's safeStorage-encrypted secrets file of a data directory. */
export function safeStorageSecretsPath(dataDir: string): string {
  return join(dataDir, SAFE_STORAGE_SECRETS_FILE);
}

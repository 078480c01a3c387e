import { join } from 'node:path';
import { SECRETS_FILE } from './secret-store';

export { FileSecretStore } from './file-secret-store';
export { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';
export { SECRETS_FILE, type SecretStore } from './secret-store';

/** The secrets file of a data directory. */
export function secretsPath(dataDir: string): string {
  return join(dataDir, SECRETS_FILE);
}

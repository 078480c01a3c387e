import { SecretFile } from './secret-file';
import type { SecretStore } from './secret-store';

/**
 * Secrets in plain JSON in a file readable by the user only (mode 0600). The web shell and the
 * command line have no OS keychain to ask, so file permissions are the protection; the README
 * says so.
 */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file' as const;
  private readonly file: SecretFile;

  constructor(path: string) {
    this.file = new SecretFile(path);
  }

  async get(name: string): Promise<string | null> {
    return this.file.read()[name] ?? null;
  }

  async setMany(entries: Record<string, string | null>): Promise<void> {
    const values = this.file.read();
    for (const [name, value] of Object.entries(entries)) {
      if (value === null) delete values[name];
      else values[name] = value;
    }
    this.file.write(values);
  }
}

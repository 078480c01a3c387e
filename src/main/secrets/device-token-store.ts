import { SecretFile } from './secret-file';

/**
 * The desktop's "remember this device" token for operator sign-in, in a 0600 file of the data
 * directory: the console asks this device for no code until the token expires (30 days) or is
 * revoked. Unreadable or malformed: treated as none, so the operator is asked for a code.
 */
export class DeviceTokenStore {
  private readonly file: SecretFile;

  constructor(path: string) {
    this.file = new SecretFile(path);
  }

  get(): string | null {
    try {
      return this.file.read().deviceToken ?? null;
    } catch {
      return null;
    }
  }

  set(token: string): void {
    this.file.write({ deviceToken: token });
  }
}

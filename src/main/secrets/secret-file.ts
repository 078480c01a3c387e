import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A JSON map kept in a file only its owner can read or write (0600), written whole through a
 * temporary file and a rename, so a crash never leaves half a file of credentials.
 */
export class SecretFile {
  constructor(readonly path: string) {}

  read(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`The secrets file ${this.path} is not a JSON object.`);
    }
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  }

  write(values: Record<string, string>): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(values, null, 2) + '\n', { mode: 0o600 });
    // The mode given to writeFileSync is ignored when a stale temporary file already exists.
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.path);
  }
}

import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The records --skip-invalid left out, one CSV row each (line, column, reason): written as the
 * file is read to `<name>.part` (mode 0600), renamed when the import commits, removed if it does not.
 */
export class RejectionReport {
  readonly finalPath: string;
  private readonly partPath: string;
  private stream: WriteStream | null = null;

  constructor(
    private readonly dir: string,
    now: number,
    readonly fileIndex: number,
    fileName: string,
  ) {
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    const safe = fileName.replace(/[^\w.-]+/g, '_');
    this.finalPath = join(dir, `${stamp}-${fileIndex + 1}-${safe}.rejected.csv`);
    this.partPath = `${this.finalPath}.part`;
  }

  add(line: number, column: string | undefined, message: string): void {
    if (!this.stream) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.stream = createWriteStream(this.partPath, { mode: 0o600 });
      this.stream.write('line,column,reason\r\n');
    }
    this.stream.write(`${line},${csvCell(column ?? '')},${csvCell(message)}\r\n`);
  }

  private async close(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (stream) await new Promise<void>((resolve) => stream.end(() => resolve()));
  }

  /** After the import committed: keep the report if anything was rejected. */
  async keep(any: boolean): Promise<void> {
    const had = this.stream !== null;
    await this.close();
    if (had && any) renameSync(this.partPath, this.finalPath);
    else if (had) rmSync(this.partPath, { force: true });
  }

  async discard(): Promise<void> {
    const had = this.stream !== null;
    await this.close();
    if (had) rmSync(this.partPath, { force: true });
  }
}

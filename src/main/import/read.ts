import { parseZone } from '../events/time-range';
import { detectIn, formatById } from './detect';
import { ImportError, invalidRecord } from './errors';
import { openSource, type ReadProgress } from './source/open';
import type { ImportFormat, ParsedRecord } from './types';

export interface ReadOptions {
  /** A format id: overrides detection (`--format`). */
  format?: string;
  /** IANA zone or UTC offset for formats whose times carry none (privacyIDEA). */
  timezone?: string;
  /** Go on past bad records, yielding each as `rejected` with its line and reason. */
  skipInvalid?: boolean;
  /** Overrides the file identity own-export dedup keys use (default: hash of the size and first 64 KiB). */
  sourceIdentity?: string;
}

export interface ImportCounts {
  /** Records read, whatever became of them. */
  records: number;
  events: number;
  rejected: number;
  /** Well-formed records of a kind the catalog has no type for, by vendor code. */
  ignored: number;
  ignoredByCode: Record<string, number>;
}

/**
 * An import file opened and its format known (say it before writing anything), then read record
 * by record. In strict mode the first bad record throws IMPORT_INVALID (file, line, column);
 * with `skipInvalid` it is yielded as `rejected`. Ignored records are only counted.
 */
export class ImportReader implements AsyncIterable<ParsedRecord> {
  readonly counts: ImportCounts = { records: 0, events: 0, rejected: 0, ignored: 0, ignoredByCode: {} };

  constructor(
    readonly format: ImportFormat,
    readonly file: string,
    readonly sourceIdentity: string,
    readonly gzip: boolean,
    private readonly batchesOf: () => AsyncIterable<ParsedRecord[]>,
    private readonly skipInvalid: boolean,
    /** Bytes of the file read so far and, once read to the end, its SHA-256. */
    readonly progress: ReadProgress = { bytesRead: 0, sha256: null },
    /** The file's size as stored (for time left). */
    readonly size = 0,
  ) {}

  /** Events and (with skipInvalid) rejections, in file order, in batches: the fast path for a bulk writer. */
  async *batches(): AsyncIterable<ParsedRecord[]> {
    const counts = this.counts;
    for await (const batch of this.batchesOf()) {
      const out: ParsedRecord[] = [];
      for (const record of batch) {
        counts.records++;
        if (record.kind === 'event') {
          counts.events++;
          out.push(record);
        } else if (record.kind === 'ignored') {
          counts.ignored++;
          counts.ignoredByCode[record.code] = (counts.ignoredByCode[record.code] ?? 0) + 1;
        } else {
          counts.rejected++;
          if (!this.skipInvalid) {
            throw invalidRecord(this.file, record.line, record.column, record.message, this.format.id);
          }
          out.push(record);
        }
      }
      if (out.length) yield out;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ParsedRecord> {
    for await (const batch of this.batches()) yield* batch;
  }
}

/** Opens a file and detects its format from the content (gzip, BOM and encoding handled). */
export async function readImportFile(path: string, options: ReadOptions = {}): Promise<ImportReader> {
  const source = await openSource(path);
  const format = options.format ? formatById(options.format, source.file) : detectIn(source);
  if (format.needsTimezone) {
    if (!options.timezone) {
      throw new ImportError(
        'TIMEZONE_REQUIRED',
        `${source.file}: ${format.label} times carry no UTC offset; say the server's time zone (an IANA zone such as Europe/Berlin) to import it.`,
        { file: source.file, format: format.id },
      );
    }
    parseZone(options.timezone);
  }
  const sourceIdentity = options.sourceIdentity ?? source.identity;
  const formatOptions = { file: source.file, timezone: options.timezone, sourceIdentity };
  return new ImportReader(
    format,
    source.file,
    sourceIdentity,
    source.gzip,
    () => format.records(source.input, formatOptions),
    options.skipInvalid === true,
    source.progress,
    source.size,
  );
}

/** The format of a file, from its content only. */
export async function detectFormat(path: string): Promise<ImportFormat> {
  return detectIn(await openSource(path));
}

import { isUtf8 } from 'node:buffer';
import { encodingError } from '../source/open';
import { firstInvalidUtf8, newlinesBefore } from '../source/utf8';

/**
 * Streams the records of a JSON document (or of several concatenated ones: a saved multi-page
 * pull) without holding the document: a small scanner finds each record's bytes by structure
 * (brackets and strings) and native JSON.parse builds the record.
 *
 * Why not an npm streaming parser: measured on 1.75 KB Okta LogEvents (node 20, this machine),
 * @streamparser/json 0.0.26 gave 26,000 records/s and stream-json 3.8.0 21,500 records/s, both
 * tokenising every byte in JavaScript; the issue's goal is 50,000/s for the whole import. Scanning
 * only for structure and handing each record to JSON.parse gives ~90,000/s, and JSON.parse also
 * validates each record completely.
 *
 * `path` says where the records are: [] for top-level arrays (`[{...}, ...]`, maybe several),
 * ['response', 'authlogs'] for the array at that key path in top-level objects (maybe several).
 */
export type JsonItem =
  | { line: number; value: unknown; error?: undefined; encoding?: undefined }
  | { line: number; error: string; fatal?: boolean; encoding?: string; value?: undefined };

/** A record (or a skipped value) this large is refused: memory stays bounded whatever the file holds. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

type Expect = 'value' | 'valueOrClose' | 'commaOrClose' | 'keyOrClose' | 'key' | 'colon';

interface Frame {
  kind: 'obj' | 'arr';
  /** 'records': elements are records; 'nav': an object on the path; 'skip' never stacks (skipped whole). */
  role: 'records' | 'nav';
  level: number;
  expect: Expect;
  found: boolean;
  line: number;
  /** The key whose value comes next (nav objects). */
  key: string | null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const EMPTY = Buffer.alloc(0);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function countNewlines(buf: Buffer, start: number, end: number): number {
  let n = 0;
  let i = buf.indexOf(NEWLINE, start);
  while (i !== -1 && i < end) {
    n++;
    i = buf.indexOf(NEWLINE, i + 1);
  }
  return n;
}

/** What a byte looks like in a message: `"x"`, or `byte 0xC3` for one that is no printable ASCII. */
export function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f
    ? `"${String.fromCharCode(c)}"`
    : `byte 0x${c.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * End (exclusive) of the JSON value starting at `start`, or -1 if the buffer ends first. Strings
 * are jumped over with indexOf; only structure outside strings is looked at byte by byte.
 */
function valueEnd(buf: Buffer, start: number): number {
  const first = buf[start];
  const len = buf.length;
  if (first === QUOTE) return stringEnd(buf, start);
  if (first !== 0x7b && first !== 0x5b) {
    // number, true, false, null (or garbage): up to the next delimiter
    let i = start;
    while (i < len) {
      const c = buf[i];
      if (c === 0x2c || c === 0x5d || c === 0x7d || isSpace(c)) return i;
      i++;
    }
    return -1;
  }
  let depth = 0;
  let i = start;
  while (i < len) {
    const c = buf[i];
    if (c === QUOTE) {
      const end = stringEnd(buf, i);
      if (end === -1) return -1;
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

/** End (exclusive) of the string whose opening quote is at `start`, or -1. */
function stringEnd(buf: Buffer, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, i);
    if (q === -1) return -1;
    let k = q - 1;
    let backslashes = 0;
    while (k > start && buf[k] === BACKSLASH) {
      backslashes++;
      k--;
    }
    if ((backslashes & 1) === 0) return q + 1;
    i = q + 1;
  }
}

/** Where JSON.parse stopped, as a line inside the record ("at position 12" in V8's message). */
function errorLine(text: string, message: string, recordLine: number): number {
  const at = /position (\d+)/.exec(message);
  if (!at) return recordLine;
  let lines = 0;
  const stop = Math.min(Number(at[1]), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < stop; i = text.indexOf('\n', i + 1)) lines++;
  return recordLine + lines;
}

function shortJsonError(message: string): string {
  return message
    .replace(/^(SyntaxError: )?/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/, ".*$/, '');
}

export class JsonRecordScanner {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private line = 1;
  private readonly stack: Frame[] = [];
  private stopped = false;
  private sawValue = false;

  constructor(private readonly path: readonly string[]) {}

  /** Feeds a chunk; records and errors go to `out`. Returns false once a fatal error stopped the scan. */
  push(chunk: Buffer, out: JsonItem[]): boolean {
    if (this.stopped) return false;
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    this.scan(out, false);
    if (!this.stopped && this.buf.length - this.pos > MAX_RECORD_BYTES) {
      this.fail(
        out,
        `expected records under ${MAX_RECORD_BYTES / 1024 / 1024} MiB each, found one that is larger (or a value that never ends)`,
      );
    }
    return !this.stopped;
  }

  /** The input ended: a record or container still open is a truncated file. */
  end(out: JsonItem[]): void {
    if (this.stopped) return;
    this.scan(out, true);
    if (this.stopped) return;
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1];
      this.fail(
        out,
        `expected "${open.kind === 'arr' ? ']' : '}'}" to close the ${open.kind === 'arr' ? 'array' : 'object'} opened on line ${open.line}, found the end of the file (the file is truncated)`,
      );
    } else if (!this.sawValue) {
      this.fail(out, 'expected a JSON value, found nothing');
    }
  }

  private fail(out: JsonItem[], error: string, line = this.line): void {
    out.push({ line, error, fatal: true });
    this.stopped = true;
  }

  private scan(out: JsonItem[], atEnd: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    while (this.pos < len) {
      const c = buf[this.pos];
      if (isSpace(c)) {
        if (c === NEWLINE) this.line++;
        this.pos++;
        continue;
      }
      const frame = this.stack[this.stack.length - 1];
      if (!frame) {
        // Top level: a whole document (the first, or another page after it).
        if (!this.openTop(c, out)) return;
        continue;
      }
      const expect = frame.expect;
      if (expect === 'commaOrClose') {
        if (c === 0x2c) {
          frame.expect = frame.kind === 'arr' ? 'value' : 'key';
          this.pos++;
        } else if ((c === 0x5d && frame.kind === 'arr') || (c === 0x7d && frame.kind === 'obj')) {
          this.close(frame, out);
          this.pos++;
        } else {
          return this.fail(out, `expected "," or "${frame.kind === 'arr' ? ']' : '}'}", found ${describeByte(c)}`);
        }
        continue;
      }
      if (expect === 'colon') {
        if (c !== 0x3a) return this.fail(out, `expected ":", found ${describeByte(c)}`);
        frame.expect = 'value';
        this.pos++;
        continue;
      }
      if (expect === 'keyOrClose' || expect === 'key') {
        if (c === 0x7d && expect === 'keyOrClose') {
          this.close(frame, out);
          this.pos++;
          continue;
        }
        if (c !== QUOTE) return this.fail(out, `expected a key in quotes, found ${describeByte(c)}`);
        const end = stringEnd(buf, this.pos);
        if (end === -1) break;
        try {
          frame.key = JSON.parse(buf.toString('utf8', this.pos, end)) as string;
        } catch {
          return this.fail(
            out,
            `expected a key in quotes, found ${buf.toString('utf8', this.pos, Math.min(end, this.pos + 40))}`,
          );
        }
        frame.expect = 'colon';
        this.pos = end;
        continue;
      }
      // expect value / valueOrClose
      if (c === 0x5d && expect === 'valueOrClose') {
        this.close(frame, out);
        this.pos++;
        continue;
      }
      if (frame.role === 'records') {
        const end = valueEnd(buf, this.pos);
        if (end === -1 || (end === len && !atEnd && buf[this.pos] !== 0x7b && buf[this.pos] !== 0x5b)) break;
        out.push(this.record(buf, this.pos, end));
        this.line += countNewlines(buf, this.pos, end);
        this.pos = end;
        frame.expect = 'commaOrClose';
        continue;
      }
      // A nav object's value: descend along the path, or skip it whole.
      const key = frame.key;
      const onPath = key === this.path[frame.level];
      if (onPath) {
        frame.found = true;
        const last = frame.level === this.path.length - 1;
        const want = last ? 0x5b : 0x7b;
        if (c !== want) {
          return this.fail(
            out,
            `expected ${last ? 'an array' : 'an object'} at "${this.path.slice(0, frame.level + 1).join('.')}", found ${describeByte(c)}`,
          );
        }
        frame.expect = 'commaOrClose';
        this.stack.push({
          kind: last ? 'arr' : 'obj',
          role: last ? 'records' : 'nav',
          level: frame.level + 1,
          expect: last ? 'valueOrClose' : 'keyOrClose',
          found: false,
          line: this.line,
          key: null,
        });
        this.pos++;
        continue;
      }
      const end = valueEnd(buf, this.pos);
      if (end === -1 || (end === len && !atEnd)) break;
      this.line += countNewlines(buf, this.pos, end);
      this.pos = end;
      frame.expect = 'commaOrClose';
    }
    if (atEnd && this.pos < len && !this.stopped) {
      const open = this.stack[this.stack.length - 1];
      const inRecord = open?.role === 'records';
      this.fail(
        out,
        inRecord
          ? `the record starting here is cut off: expected its closing bracket, found the end of the file (the file is truncated)`
          : `expected the rest of the JSON, found the end of the file (the file is truncated)`,
      );
    }
  }

  private openTop(c: number, out: JsonItem[]): boolean {
    const wantArray = this.path.length === 0;
    if (c !== (wantArray ? 0x5b : 0x7b)) {
      const what = wantArray ? 'a JSON array "["' : 'a JSON object "{"';
      this.fail(
        out,
        `expected ${this.sawValue ? 'the end of the file or another page, ' : ''}${what}, found ${describeByte(c)}`,
      );
      return false;
    }
    this.sawValue = true;
    this.stack.push({
      kind: wantArray ? 'arr' : 'obj',
      role: wantArray ? 'records' : 'nav',
      level: 0,
      expect: wantArray ? 'valueOrClose' : 'keyOrClose',
      found: false,
      line: this.line,
      key: null,
    });
    this.pos++;
    return true;
  }

  private close(frame: Frame, out: JsonItem[]): void {
    this.stack.pop();
    if (frame.role === 'nav' && !frame.found) {
      out.push({
        line: frame.line,
        error: `expected the key "${this.path[frame.level]}"${frame.level > 0 ? ` in "${this.path.slice(0, frame.level).join('.')}"` : ''}, found an object without it`,
      });
    }
  }

  private record(buf: Buffer, start: number, end: number): JsonItem {
    const line = this.line;
    const bytes = buf.subarray(start, end);
    if (!isUtf8(bytes)) {
      const at = Math.max(0, firstInvalidUtf8(bytes));
      const hex = bytes[at].toString(16).toUpperCase().padStart(2, '0');
      return {
        line: line + newlinesBefore(bytes, at),
        error: 'not UTF-8',
        encoding: `byte 0x${hex}, which is not UTF-8 (Windows-1252 or Latin-1?)`,
      };
    }
    const text = bytes.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        line: errorLine(text, message, line),
        error: `the record is not valid JSON (${shortJsonError(message)})`,
      };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return {
        line,
        error: `expected a record (a JSON object), found ${text.length > 40 ? text.slice(0, 40) + '…' : text}`,
      };
    }
    return { line, value };
  }
}

/** The first record at `path` in a head of the content, or null when the head does not hold one whole. */
export function firstJsonRecord(head: Buffer, path: readonly string[]): Record<string, unknown> | null {
  const scanner = new JsonRecordScanner(path);
  const out: JsonItem[] = [];
  scanner.push(head, out);
  const item = out.find((i) => i.value !== undefined);
  return item ? (item.value as Record<string, unknown>) : null;
}

/** Batches of records from the content's bytes; an encoding error stops the import with its line. */
export async function* jsonRecords(
  chunks: AsyncIterable<Buffer>,
  path: readonly string[],
  file: string,
): AsyncIterable<JsonItem[]> {
  const scanner = new JsonRecordScanner(path);
  for await (const chunk of chunks) {
    const out: JsonItem[] = [];
    const going = scanner.push(chunk, out);
    yield checked(out, file);
    if (!going) return;
  }
  const out: JsonItem[] = [];
  scanner.end(out);
  if (out.length) yield checked(out, file);
}

function checked(items: JsonItem[], file: string): JsonItem[] {
  for (const item of items) if (item.encoding) throw encodingError(file, item.line, item.encoding);
  return items;
}

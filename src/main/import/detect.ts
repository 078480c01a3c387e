import { ImportError } from './errors';
import { FORMATS } from './formats';
import type { ImportSource } from './source/open';
import type { DetectSample, ImportFormat, JsonHead } from './types';
import { firstJsonRecord } from './readers/json';

/** What detection reads from a head of decoded content. */
export function sampleOf(head: Buffer): DetectSample {
  const text = head.toString('utf8');
  const newline = text.indexOf('\n');
  const firstLine = (newline === -1 ? text : text.slice(0, newline)).replace(/\r$/, '');
  return { text, firstLine, json: jsonHead(head, text, firstLine) };
}

function jsonHead(head: Buffer, text: string, firstLine: string): JsonHead | null {
  const start = text.trimStart()[0];
  if (start === '[') return { shape: 'array', first: firstJsonRecord(head, []), firstLineIsObject: false };
  if (start !== '{') return null;
  let lineObject: Record<string, unknown> | null = null;
  try {
    const value: unknown = JSON.parse(firstLine);
    if (value && typeof value === 'object' && !Array.isArray(value)) lineObject = value as Record<string, unknown>;
  } catch {
    lineObject = null;
  }
  return { shape: 'object', first: lineObject, firstLineIsObject: lineObject !== null };
}

/** The best-scoring format for the content, or IMPORT_UNKNOWN_FORMAT saying what was seen. */
export function detectIn(source: Pick<ImportSource, 'file' | 'head'>): ImportFormat {
  const sample = sampleOf(source.head);
  let best: ImportFormat | null = null;
  let bestScore = 0;
  for (const format of FORMATS) {
    const score = format.detect(sample);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  if (!best) {
    throw new ImportError(
      'IMPORT_UNKNOWN_FORMAT',
      `${source.file}: no known log format matches; it starts with ${describeHead(sample)}. Known formats: ${FORMATS.map((f) => f.id).join(', ')} (name one with --format).`,
      { file: source.file, line: 1 },
    );
  }
  return best;
}

function describeHead(sample: DetectSample): string {
  if (sample.json?.first)
    return `JSON whose first record has the keys ${Object.keys(sample.json.first).slice(0, 8).join(', ')}`;
  if (sample.json) return `JSON (${sample.json.shape === 'array' ? 'an array' : 'an object'}) of no known shape`;
  const line = sample.firstLine.length > 100 ? `${sample.firstLine.slice(0, 100)}…` : sample.firstLine;
  return `the line ${JSON.stringify(line)}`;
}

export function formatById(id: string, file: string): ImportFormat {
  const format = FORMATS.find((f) => f.id === id);
  if (!format) {
    throw new ImportError(
      'IMPORT_UNKNOWN_FORMAT',
      `format: "${id}" is not a known format; use one of ${FORMATS.map((f) => f.id).join(', ')}.`,
      { file, format: id },
    );
  }
  return format;
}

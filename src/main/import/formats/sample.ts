import { CsvHeader, CsvTokenizer, type CsvItem } from '../readers/csv';
import type { DetectSample } from '../types';

/** The first line read as a CSV header, or null when it is not one. */
export function csvHeaderOf(sample: DetectSample): CsvHeader | null {
  const tokenizer = new CsvTokenizer();
  const out: CsvItem[] = [];
  tokenizer.push(sample.firstLine + '\n', out);
  const first = out[0];
  return first?.fields && first.fields.length > 1 ? new CsvHeader(first.fields) : null;
}

/** Keys of an object, for detection. */
export function hasKeys(record: Record<string, unknown> | null | undefined, keys: readonly string[]): boolean {
  return !!record && keys.every((key) => key in record);
}

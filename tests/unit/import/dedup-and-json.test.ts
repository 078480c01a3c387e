import { describe, expect, it } from 'vitest';
import { JsonRecordScanner, type JsonItem } from '../../../src/main/import/readers/json';
import { fixture, readAll } from './helpers';

describe('dedup keys', () => {
  it.each([
    'twilio-messages.csv',
    'twilio-verify-attempts.json',
    'okta-logs-pages.json',
    'duo-auth-v2.json',
    'duo-telephony-v1.json',
    'entra-graph-pages.json',
    'auth0-logs.json',
  ])('%s: the same keys on every read, one per record', async (name) => {
    const first = (await readAll(fixture(name))).events.map((e) => e.key);
    expect((await readAll(fixture(name))).events.map((e) => e.key)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('a message has one key whether it comes from the console CSV or a BulkExport day file', async () => {
    const csv = (await readAll(fixture('twilio-messages.csv'))).events.map((e) => e.key);
    const bulk = (await readAll(fixture('twilio-bulkexport-day.ndjson'))).events.map((e) => e.key);
    expect(bulk).toEqual(csv);
  });
});

describe('JSON record scanner', () => {
  const text = '[{"a":"x]}\\"\\\\","n":1},\n {"b":[1,{"c":"}"}]}]\n[{"d":null}]';
  function scan(pieces: number[]): JsonItem[] {
    const scanner = new JsonRecordScanner([]);
    const out: JsonItem[] = [];
    const bytes = Buffer.from(text);
    let pos = 0;
    for (const n of pieces) {
      scanner.push(bytes.subarray(pos, pos + n), out);
      pos += n;
    }
    scanner.push(bytes.subarray(pos), out);
    scanner.end(out);
    return out;
  }

  it('finds records by structure (brackets inside strings, escaped quotes, several pages) however the bytes are cut', () => {
    const whole = scan([]);
    expect(whole).toEqual([
      { line: 1, value: { a: 'x]}"\\', n: 1 } },
      { line: 2, value: { b: [1, { c: '}' }] } },
      { line: 3, value: { d: null } },
    ]);
    for (let cut = 1; cut < text.length; cut++) expect(scan([cut, 1, 3]), `cut at ${cut}`).toEqual(whole);
  });

  it('records at a key path of wrapper objects; a page without the key is reported', () => {
    const scanner = new JsonRecordScanner(['response', 'authlogs']);
    const out: JsonItem[] = [];
    scanner.push(
      Buffer.from(
        '{"stat":"OK","response":{"metadata":{"x":[1]},"authlogs":[{"txid":"1"}]}}\n{"stat":"FAIL","code":40002}',
      ),
      out,
    );
    scanner.end(out);
    expect(out).toEqual([
      { line: 1, value: { txid: '1' } },
      { line: 2, error: 'expected the key "response", found an object without it' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { CsvHeader, CsvTokenizer, type CsvItem } from '../../../src/main/import/readers/csv';

/** Feeds `text` in pieces of the given sizes, then the rest. */
function tokenize(text: string, sizes: number[] = []): CsvItem[] {
  const tokenizer = new CsvTokenizer();
  const out: CsvItem[] = [];
  let pos = 0;
  for (const n of sizes) {
    tokenizer.push(text.slice(pos, pos + n), out);
    pos += n;
  }
  tokenizer.push(text.slice(pos), out);
  tokenizer.end(out);
  return out;
}

const SAMPLE = 'a,b,c\r\n1,"x\r\ny",\r\n"q""uote",,""\n\n3,w,"end"';

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted line breaks, doubled quotes, NULL (unquoted empty) apart from "" and the line each record starts on', () => {
    expect(tokenize(SAMPLE)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x\r\ny', null] },
      { line: 4, fields: ['q"uote', null, ''] },
      { line: 6, fields: ['3', 'w', 'end'] },
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const whole = tokenize(SAMPLE);
    for (let cut = 1; cut < SAMPLE.length; cut++) {
      expect(tokenize(SAMPLE, [cut, 1, 2]), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('an unclosed quote at the end is a truncated file, named with the line the field opened on', () => {
    expect(tokenize('a,b\n1,"never\nclosed')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      {
        line: 2,
        error:
          'expected a closing quote for the field opened on line 2, found the end of the file (the file is truncated)',
        fatal: true,
      },
    ]);
  });

  it('text after a closing quote is refused (a quote inside a quoted field must be doubled)', () => {
    const [, bad] = tokenize('a,b\n1,"x"y\n');
    expect(bad).toMatchObject({ line: 2, fatal: true });
    expect(bad.error).toContain('expected a comma or the end of the line after a closing quote, found "y"');
  });

  it('a trailing comma is one more empty field', () => {
    expect(tokenize('a,b,\n')).toEqual([{ line: 1, fields: ['a', 'b', null] }]);
  });
});

describe('CSV header', () => {
  it('keeps duplicate names apart and matches names with odd spacing', () => {
    const header = new CsvHeader([
      'Date (UTC)',
      'Incoming token type',
      'Autonomous system  number ',
      'Incoming token type',
    ]);
    expect(header.index('Incoming token type')).toBe(1);
    expect(header.index('Incoming token type', 2)).toBe(3);
    expect(header.index('autonomous system number')).toBe(2);
    expect(header.missing(['Date (UTC)', 'Request ID'])).toEqual(['Request ID']);
  });
});

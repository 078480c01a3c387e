import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/main/import';
import { fixture, readAll, tempDir } from './helpers';

async function refusal(path: string, options = {}): Promise<ImportError> {
  const error = await readAll(path, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('strict mode: the first bad record stops the import with file, line and field', () => {
  it('a truncated JSON file', async () => {
    const error = await refusal(fixture('broken/okta-truncated.json'));
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.details).toMatchObject({ file: 'okta-truncated.json', format: 'okta-logs-json' });
    expect(error.message).toMatch(/^okta-truncated\.json, line \d+: /);
    expect(error.message).toContain('the file is truncated');
  });

  it('a CSV row with the wrong number of fields', async () => {
    const error = await refusal(fixture('broken/twilio-wrong-field-count.csv'));
    expect(error).toMatchObject({ code: 'IMPORT_INVALID', details: { file: 'twilio-wrong-field-count.csv', line: 5 } });
    expect(error.message).toBe(
      'twilio-wrong-field-count.csv, line 5: expected 13 fields (as many as the header has), found 14',
    );
  });

  it('an invalid NDJSON line', async () => {
    const error = await refusal(fixture('broken/bulkexport-bad-line.ndjson'));
    expect(error).toMatchObject({ code: 'IMPORT_INVALID', details: { line: 3 } });
    expect(error.message).toContain(
      'bulkexport-bad-line.ndjson, line 3: expected a JSON object on the line, found invalid JSON',
    );
  });

  it('a field that is not what the format promises names its column', async () => {
    const dir = tempDir();
    const path = join(dir, 'messages.csv');
    writeFileSync(
      path,
      'From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit\r\n' +
        '+14155550100,+447400123123,hi,delivered,yesterday,2010-04-01,1,,AC1,SM0a1b2c3d4e5f60718293a4b5c6d7e8f9,outbound-api,,USD\r\n',
    );
    const error = await refusal(path);
    expect(error.details).toMatchObject({ line: 2, column: 'SentDate' });
    expect(error.message).toBe(
      'messages.csv, line 2, column SentDate: expected a time with an offset (ISO 8601 such as 2026-11-20T09:14:03Z, or RFC 2822), found "yesterday"',
    );
  });

  it('a wrong encoding: Latin-1 bytes are refused with their line, UTF-16 at line 1', async () => {
    const latin1 = await refusal(fixture('broken/entra-latin1.csv'));
    expect(latin1).toMatchObject({ code: 'IMPORT_ENCODING', details: { file: 'entra-latin1.csv', line: 2 } });
    expect(latin1.message).toContain('expected UTF-8 text, found byte 0xEB');
    const utf16 = await refusal(fixture('broken/entra-utf16.csv'));
    expect(utf16).toMatchObject({ code: 'IMPORT_ENCODING', details: { line: 1 } });
    expect(utf16.message).toContain('UTF-16 (byte-order mark FF FE)');
  });

  it('an invalid byte deep in a large file is found on its line', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.csv');
    const header =
      'From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit\r\n';
    const row = (i: number) =>
      `+14155550100,+447400123123,"code ${i}",sent,2026-11-20T09:14:03Z,2010-04-01,1,,AC1,SM${i.toString(16).padStart(32, '0')},outbound-api,,USD\r\n`;
    const rows = Array.from({ length: 30_000 }, (_, i) => row(i)).join('');
    writeFileSync(path, Buffer.concat([Buffer.from(header + rows), Buffer.from([0x43, 0xff, 0x0d, 0x0a])]));
    const error = await refusal(path);
    expect(error).toMatchObject({ code: 'IMPORT_ENCODING', details: { line: 30_002 } });
  });

  it('an empty file, and one of white space only', async () => {
    expect(await refusal(fixture('broken/empty.csv'))).toMatchObject({
      code: 'IMPORT_EMPTY',
      details: { file: 'empty.csv' },
    });
    expect(await refusal(fixture('broken/whitespace.json'))).toMatchObject({ code: 'IMPORT_EMPTY' });
  });

  it('a file of an unknown format', async () => {
    expect(await refusal(fixture('broken/unknown.csv'))).toMatchObject({ code: 'IMPORT_UNKNOWN_FORMAT' });
  });

  it('privacyIDEA without a time zone is refused before anything is read, and an unknown zone too', async () => {
    const error = await refusal(fixture('privacyidea-audit.csv'));
    expect(error).toMatchObject({ code: 'TIMEZONE_REQUIRED', details: { format: 'privacyidea-audit-csv' } });
    expect(error.message).toContain('IANA zone');
    await expect(readAll(fixture('privacyidea-audit.csv'), { timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'INVALID_TIME_ZONE',
    });
  });

  it('a missing file is unreadable, and so is a cut-off gzip file', async () => {
    await expect(readAll('/nonexistent/file.csv')).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
    const dir = tempDir();
    const path = join(dir, 'day.gz');
    const { gzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const zipped = gzipSync(readFileSync(fixture('twilio-bulkexport-day.ndjson')));
    writeFileSync(path, zipped.subarray(0, zipped.length - 30));
    await expect(readAll(path)).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });
});

describe('--skip-invalid imports the valid records and reports every rejected one', () => {
  it('reports each bad row with its line and reason, and imports the rest', async () => {
    const dir = tempDir();
    const path = join(dir, 'auth0.json');
    writeFileSync(
      path,
      JSON.stringify(
        [
          { date: '2026-11-20T13:00:40.000Z', type: 'fp', log_id: '9001', user_name: 'a@example.com' },
          { date: 'not a date', type: 'fp', log_id: '9002' },
          { date: '2026-11-20T13:00:42.000Z', type: 'gd_auth_failed', log_id: 9003 },
          { date: '2026-11-20T13:00:43.000Z', type: 'gd_auth_succeed', log_id: '9004' },
        ],
        null,
        2,
      ),
    );
    const { reader, records } = await readAll(path, { skipInvalid: true });
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['event', 2],
      ['rejected', 8],
      ['rejected', 13],
      ['event', 18],
    ]);
    expect(records[1]).toMatchObject({
      column: 'date',
      message: 'expected an ISO-8601 time with an offset (such as 2026-11-20T09:14:03Z), found "not a date"',
    });
    expect(records[2]).toMatchObject({ column: 'log_id', message: 'expected the log id as a string, found 9003' });
    expect(reader.counts).toMatchObject({ records: 4, events: 2, rejected: 2, ignored: 0 });
  });

  it('a truncated file gives the records before the cut and one fatal rejection', async () => {
    const { records } = await readAll(fixture('broken/okta-truncated.json'), { skipInvalid: true });
    expect(records.filter((r) => r.kind === 'event').length).toBe(2);
    const last = records[records.length - 1];
    expect(last).toMatchObject({ kind: 'rejected', fatal: true });
  });

  it('an NDJSON line that is not JSON is skipped and the next lines still read', async () => {
    const { records, reader } = await readAll(fixture('broken/bulkexport-bad-line.ndjson'), { skipInvalid: true });
    expect(records.find((r) => r.kind === 'rejected')).toMatchObject({ line: 3 });
    expect(reader.counts.events).toBe(7);
  });
});

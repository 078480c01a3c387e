import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError } from '../../../src/main/import';
import { copyAs, fixture, readAll, tempDir } from './helpers';

const SAMPLES: [string, string][] = [
  ['twilio-messages.csv', 'twilio-messages-csv'],
  ['twilio-bulkexport-day.ndjson', 'twilio-bulkexport-ndjson'],
  ['twilio-verify-attempts.json', 'twilio-verify-attempts-json'],
  ['okta-logs-pages.json', 'okta-logs-json'],
  ['okta-logs-one-array.json', 'okta-logs-json'],
  ['okta-console.csv', 'okta-csv'],
  ['duo-auth-v2.json', 'duo-auth-v2-json'],
  ['duo-telephony-v1.json', 'duo-telephony-v1-json'],
  ['entra-signins.csv', 'entra-signins-csv'],
  ['entra-signins-bom.csv', 'entra-signins-csv'],
  ['entra-graph-pages.json', 'entra-graph-json'],
  ['auth0-logs.json', 'auth0-logs-json'],
  ['privacyidea-audit.csv', 'privacyidea-audit-csv'],
  ['privacyidea-audit-3.0.csv', 'privacyidea-audit-csv'],
];

describe('format detection reads the content, never the file name', () => {
  it.each(SAMPLES)('%s is %s', async (name, id) => {
    expect((await detectFormat(fixture(name))).id).toBe(id);
  });

  it.each(SAMPLES)('%s is still %s under a misleading name', async (name, id) => {
    const misleading = name.endsWith('.csv') ? 'export.json' : 'export.csv';
    expect((await detectFormat(copyAs(name, misleading))).id).toBe(id);
    expect((await detectFormat(copyAs(name, 'no-extension'))).id).toBe(id);
  });

  it('a gzip BulkExport day file is recognised by its magic bytes and read as a stream, whatever its name', async () => {
    const dir = tempDir();
    const path = join(dir, 'day.json');
    writeFileSync(path, gzipSync(readFileSync(fixture('twilio-bulkexport-day.ndjson'))));
    const { reader, events } = await readAll(path);
    expect(reader.format.id).toBe('twilio-bulkexport-ndjson');
    expect(reader.gzip).toBe(true);
    expect(events.map((e) => e.recordId)).toEqual(
      (await readAll(fixture('twilio-bulkexport-day.ndjson'))).events.map((e) => e.recordId),
    );
  });

  it('an unknown format is refused with what was seen and the known formats', async () => {
    const error = await detectFormat(fixture('broken/unknown.csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'IMPORT_UNKNOWN_FORMAT', details: { file: 'unknown.csv' } });
    expect((error as Error).message).toContain('the line "timestamp,host,level,message"');
    expect((error as Error).message).toContain('okta-logs-json');
  });

  it('--format overrides detection, and an unknown format id is refused', async () => {
    const { reader } = await readAll(fixture('entra-signins.csv'), { format: 'entra-signins-csv' });
    expect(reader.format.id).toBe('entra-signins-csv');
    await expect(readAll(fixture('entra-signins.csv'), { format: 'okta-xml' })).rejects.toMatchObject({
      code: 'IMPORT_UNKNOWN_FORMAT',
    });
    // Forcing the wrong format reads the file by that format's rules, which refuse it by column.
    await expect(readAll(fixture('entra-signins.csv'), { format: 'okta-csv' })).rejects.toMatchObject({
      code: 'IMPORT_INVALID',
      details: { line: 1, column: 'uuid' },
    });
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importJobs, startImport } from '../../../src/main/workspaces/importing';
import { runImport } from '../../../src/main/import/pipeline/run-import';
import type { ImportStatusValue, WorkspaceStatus } from '../../../src/shared/contract';
import { fixture, openBench, sha256, tableCounts, type Bench } from './helpers';

let b: Bench;
let ws: string;
beforeEach(async () => {
  b = await openBench();
  ws = join(b.dir, 'lockouts.sqlite');
  await b.ada.value<WorkspaceStatus>('workspaceCreate', { path: ws });
});
afterEach(() => b.close());

/** Starts an import through the API and waits for it to end. */
async function imported(input: Record<string, unknown>): Promise<ImportStatusValue> {
  const started = await b.ada.value<ImportStatusValue>('importStart', input);
  return importJobs(b.ctx.workspaces).settled(started.id);
}

describe('importing into a workspace', () => {
  it('imports two vendor files; the event log holds exactly their records, the Sources panel each file', async () => {
    const okta = fixture('okta-logs-pages.json');
    const twilio = fixture('twilio-messages.csv');
    const done = await imported({ files: [{ path: okta }, { path: twilio }] });
    expect(done.state).toBe('done');
    expect(done.detected?.map((d) => d.format)).toEqual(['okta-logs-json', 'twilio-messages-csv']);
    const [a, t] = done.result!.files;
    expect(a).toMatchObject({ format: 'okta-logs-json', records: 9, imported: 8, ignored: 1, duplicates: 0 });
    expect(t).toMatchObject({ format: 'twilio-messages-csv', records: 8, imported: 8 });
    expect(t.byType).toEqual({
      code_sent: 2,
      incorrect_phone_number: 2,
      mfa_provider_failure: 1,
      sms_delivered: 1,
      sms_failure: 1,
      sms_received: 1,
    });
    const page = await b.ada.value<{ rows: unknown[] }>('eventsQuery', { filters: {}, limit: 100 });
    expect(page.rows).toHaveLength(16);
    const sources =
      await b.ada.value<{ fileName: string; sha256: string; size: number; operator: string }[]>('importSources');
    expect(sources.map((s) => s.fileName)).toEqual(['twilio-messages.csv', 'okta-logs-pages.json']);
    expect(sources[1]).toMatchObject({
      sha256: sha256(okta),
      size: readFileSync(okta).length,
      operator: 'ada@example.com',
    });
    // Searchable when it says done: the text index was built in the same transaction.
    const found = await b.ada.value<{ rows: unknown[] }>('eventsQuery', {
      filters: { search: (await firstEmail()) ?? 'x' },
    });
    expect(found.rows.length).toBeGreaterThan(0);
  });

  it('re-importing the same files adds no duplicate', async () => {
    const files = [{ path: fixture('okta-logs-pages.json') }, { path: fixture('duo-auth-v2.json') }];
    const first = await imported({ files });
    const before = await tableCounts(b.ctx);
    const again = await imported({ files });
    expect(again.state).toBe('done');
    expect(again.result!.imported).toBe(0);
    expect(again.result!.duplicates).toBe(first.result!.imported);
    const after = await tableCounts(b.ctx);
    expect(after.events).toBe(before.events);
    expect(after.import_sources).toBe(before.import_sources + 2);
  });

  it.each([
    ['okta-truncated.json', 'IMPORT_INVALID'],
    ['twilio-wrong-field-count.csv', 'IMPORT_INVALID'],
    ['bulkexport-bad-line.ndjson', 'IMPORT_INVALID'],
    ['entra-latin1.csv', 'IMPORT_ENCODING'],
    ['entra-utf16.csv', 'IMPORT_ENCODING'],
    ['empty.csv', 'IMPORT_EMPTY'],
    ['whitespace.json', 'IMPORT_EMPTY'],
    ['unknown.csv', 'IMPORT_UNKNOWN_FORMAT'],
  ])('refuses the broken file %s with %s, and writes nothing at all', async (name, code) => {
    await imported({ files: [{ path: fixture('duo-auth-v2.json') }] });
    const before = await tableCounts(b.ctx);
    // A good file first: one bad file stops the whole import, the good one included.
    const done = await imported({
      files: [{ path: fixture('twilio-messages.csv') }, { path: fixture(`broken/${name}`) }],
    });
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe(code);
    expect(done.error?.message).toContain(name);
    if (code === 'IMPORT_INVALID') expect(done.error?.details).toMatchObject({ file: name, line: expect.any(Number) });
    expect(await tableCounts(b.ctx)).toEqual(before);
  });

  it('--skip-invalid imports the valid records and reports every rejected one, also as a report file', async () => {
    const done = await imported({
      files: [{ path: fixture('broken/twilio-wrong-field-count.csv') }],
      skipInvalid: true,
    });
    expect(done.state).toBe('done');
    const [file] = done.result!.files;
    expect(file.rejectedCount).toBeGreaterThan(0);
    expect(file.imported).toBeGreaterThan(0);
    expect(file.rejected[0]).toMatchObject({ line: expect.any(Number), message: expect.stringContaining('expected') });
    expect(existsSync(file.rejectionReport!)).toBe(true);
    const report = readFileSync(file.rejectionReport!, 'utf8').trim().split('\r\n');
    expect(report[0]).toBe('line,column,reason');
    expect(report).toHaveLength(1 + file.rejectedCount);
    expect(report[1]).toMatch(new RegExp(`^${file.rejected[0].line},`));
  });

  it('a privacyIDEA log is refused until the time zone is given, then stored in UTC', async () => {
    const path = fixture('privacyidea-audit.csv');
    const refused = await imported({ files: [{ path }] });
    expect(refused.error?.code).toBe('TIMEZONE_REQUIRED');
    expect((await tableCounts(b.ctx)).events).toBe(0);
    const done = await imported({ files: [{ path }], timezone: 'Europe/Berlin' });
    expect(done.state).toBe('done');
    expect(done.result!.imported).toBeGreaterThan(0);
    const sources = await b.ada.value<{ timezone: string }[]>('importSources');
    expect(sources[0].timezone).toBe('Europe/Berlin');
  });

  it('Cancel leaves the workspace exactly as it was before', async () => {
    await imported({ files: [{ path: fixture('okta-logs-pages.json') }] });
    const before = await tableCounts(b.ctx);
    let batches = 0;
    await expect(
      runImport(
        {
          dbPath: ws,
          files: [{ path: fixture('twilio-messages.csv') }, { path: fixture('auth0-logs.json') }],
          operator: 'ada@example.com',
          now: Date.now(),
          rejectionDir: `${ws}.rejections`,
        },
        { cancelled: () => ++batches > 1 },
      ),
    ).rejects.toMatchObject({ code: 'IMPORT_CANCELLED' });
    expect(await tableCounts(b.ctx)).toEqual(before);
  });

  it('imports only into a workspace, never into the live database', async () => {
    await b.ada.value('workspaceClose');
    const refused = await b.ada.call('importStart', { files: [{ path: fixture('okta-logs-pages.json') }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'WORKSPACE_REQUIRED' } });
    expect(() =>
      startImport(b.ctx.workspaces, b.ctx.clock, { files: [{ path: fixture('okta-logs-pages.json') }] }, null),
    ).toThrow(/workspace/);
  });

  it('says each file’s format from its content before anything is written', async () => {
    const detected = await b.ada.value<{ format: string | null; error: { code: string } | null }[]>('importDetect', {
      files: [{ path: fixture('entra-signins-bom.csv') }, { path: fixture('broken/unknown.csv') }],
    });
    expect(detected[0].format).toBe('entra-signins-csv');
    expect(detected[1]).toMatchObject({ format: null, error: { code: 'IMPORT_UNKNOWN_FORMAT' } });
    expect((await tableCounts(b.ctx)).events).toBe(0);
  });
});

async function firstEmail(): Promise<string | null> {
  const [row] = await b.ctx.workspaces.current!.db.query<{ e: string | null }>(
    `SELECT user_email AS e FROM events WHERE user_email IS NOT NULL LIMIT 1`,
  );
  return row?.e ?? null;
}

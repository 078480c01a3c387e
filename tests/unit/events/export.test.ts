import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFilters, EventPage, ExportStatus } from '../../../src/shared/contract/events';
import { EventExporter } from '../../../src/main/events/export';
import { ExportJournal } from '../../../src/main/events/export-journal';
import { EXPORT_COLUMNS } from '../../../src/main/events/export-format';
import { generatedConsole, type Console } from './helpers';
import { fixtureOperator } from '../../support/operators';

let c: Console;
let dir: string;

beforeAll(async () => {
  c = await generatedConsole(250, 20_000, 5);
  dir = mkdtempSync(join(tmpdir(), 'mfa-export-'));
});
afterAll(async () => {
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

async function allRows(filters: EventFilters): Promise<EventPage['rows']> {
  const rows: EventPage['rows'] = [];
  let after: string | undefined;
  do {
    const page: EventPage = await c.call('eventsQuery', { filters, limit: 1000, after });
    rows.push(...page.rows);
    after = page.nextCursor ?? undefined;
  } while (after);
  return rows;
}

async function exportTo(input: Record<string, unknown>): Promise<ExportStatus> {
  const { id } = await c.call('exportStart', input);
  for (;;) {
    const status = await c.call('exportStatus', { id });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const filters: EventFilters = {
  types: ['sms_failure', 'mfa_provider_failure', 'wrong_code'],
  from: '2026-10-15',
  to: '2026-11-15',
};

describe('export', () => {
  it('CSV holds exactly the filtered rows, in the explorer order, phones masked', async () => {
    const expected = await allRows(filters);
    expect(expected.length).toBeGreaterThan(1_000);
    const path = join(dir, 'errors.csv');
    const status = await exportTo({ filters, format: 'csv', path });
    expect(status).toMatchObject({
      state: 'done',
      rowsWritten: expected.length,
      total: expected.length,
      unmasked: false,
    });

    const [header, ...records] = parseCsv(readFileSync(path, 'utf8'));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const col = (name: string) => header.indexOf(name);
    expect(records.map((r) => Number(r[col('id')]))).toEqual(expected.map((r) => r.id));
    for (const [i, row] of expected.entries()) {
      const record = records[i];
      expect(record[col('occurred_at')]).toBe(row.occurredAtIso);
      expect(record[col('type')]).toBe(row.type);
      expect(record[col('phone')]).toBe(row.phoneMasked ?? '');
      expect(record[col('phone_masked')]).toBe(row.phoneMasked ? 'true' : 'false');
      expect(record[col('message')]).toBe(row.message ?? '');
      expect(record[col('provider_code')]).toBe(row.providerCode ?? '');
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('Excel-friendly CSV is the same CSV after a UTF-8 byte-order mark; plain CSV has none', async () => {
    const plain = join(dir, 'plain.csv');
    const excel = join(dir, 'excel.csv');
    expect(await exportTo({ filters, format: 'csv', path: plain })).toMatchObject({ state: 'done', format: 'csv' });
    expect(await exportTo({ filters, format: 'csv-excel', path: excel })).toMatchObject({
      state: 'done',
      format: 'csv-excel',
    });
    const plainBytes = readFileSync(plain);
    const excelBytes = readFileSync(excel);
    expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(plainBytes.subarray(0, 3).toString()).toBe('id,');
    expect(excelBytes.subarray(3).equals(plainBytes)).toBe(true);
    // What Excel needs the mark for: text beyond ASCII, such as the mask's bullets.
    expect(plainBytes.toString('utf8')).toContain('•');
  });

  it('NDJSON holds the same rows; unmasked phones only on request, and that is audited', async () => {
    const expected = await allRows(filters);
    const path = join(dir, 'errors.ndjson');
    const unmasked = {
      filters,
      format: 'ndjson',
      path,
      unmasked: true,
      reason: 'Carrier escalation needs full numbers',
    };
    // A two-person action: the first try files a request, another administrator approves it.
    await expect(c.call('exportStart', unmasked)).rejects.toMatchObject({
      code: 'APPROVAL_REQUIRED',
      error: { details: { requestId: 1 } },
    });
    const [other] = await c.ctx.db.query<{ email: string }>(
      `SELECT email FROM users WHERE role = 'administrator' AND status = 'active' AND email <> 'test.operator@example.com' LIMIT 1`,
    );
    const approver = await fixtureOperator(c.api, c.ctx, { email: other.email });
    await approver.value('approvalApprove', { id: 1, reason: 'The carrier needs them' });
    const status = await exportTo({ ...unmasked, approvalId: 1 });
    expect(status.state).toBe('done');
    const lines = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(expected.map((r) => r.id));
    const raw = await c.ctx.db.query<{ id: number; phone: string }>('SELECT id, phone FROM events WHERE id = ?', [
      lines[0].id,
    ]);
    expect(lines[0].phone).toBe(raw[0].phone);
    expect(lines[0].phone).toMatch(/^\+\d{8,15}$/);
    expect(lines[0].phone_masked).toBe(false);
    expect(typeof lines[0].user_id).toBe('number');

    const audit: EventPage = await c.call('eventsQuery', { filters: { types: ['export_unmasked'] } });
    expect(audit.rows).toHaveLength(1);
    // Recorded under the signed-in operator (the session's, never one named in the request).
    expect(audit.rows[0]).toMatchObject({
      actor: 'test.operator@example.com',
      reason: 'Carrier escalation needs full numbers',
    });
  });

  it('an unmasked export without a reason is refused, and nothing is audited', async () => {
    await expect(
      c.call('exportStart', { format: 'csv', path: join(dir, 'no-reason.csv'), unmasked: true }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('reason') });
    expect(readdirSync(dir)).not.toContain('no-reason.csv');
  });

  it('an unmasked export with filters that cannot run is refused before it is audited', async () => {
    await expect(
      c.call('exportStart', {
        format: 'csv',
        path: join(dir, 'bad-zone.csv'),
        unmasked: true,
        reason: 'x',
        filters: { from: '2026-11-01', timeZone: 'Nowhere/Land' },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_TIME_ZONE' });
    const audit: EventPage = await c.call('eventsQuery', { filters: { types: ['export_unmasked'] } });
    expect(audit.rows.map((r) => r.reason)).not.toContain('x');
  });

  it('refuses to overwrite a file unless asked, and a missing folder', async () => {
    const path = join(dir, 'exists.csv');
    writeFileSync(path, 'keep me');
    await expect(c.call('exportStart', { format: 'csv', path })).rejects.toMatchObject({ code: 'EXPORT_FILE_EXISTS' });
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    const status = await exportTo({ format: 'csv', path, overwrite: true, filters: { types: ['account_lock'] } });
    expect(status.state).toBe('done');
    expect(readFileSync(path, 'utf8')).not.toBe('keep me');
    await expect(c.call('exportStart', { format: 'csv', path: join(dir, 'missing', 'x.csv') })).rejects.toMatchObject({
      code: 'EXPORT_FOLDER_MISSING',
    });
  });

  it('a cancelled export leaves neither the file nor its temporary file', async () => {
    // Small pages so the export is certainly still running when Cancel arrives.
    const exporter = new EventExporter(c.ctx.db, c.clock, new ExportJournal(join(dir, 'journal')), 50);
    const path = join(dir, 'cancelled.csv');
    const { id, total } = await exporter.start({ format: 'csv', path });
    // The generated log plus the unmasked export's request, approval and audit event.
    expect(total).toBe(20_000 + 3);
    await new Promise((resolve) => setImmediate(resolve));
    const status = await exporter.cancel(id);
    expect(status.state).toBe('cancelled');
    expect(status.rowsWritten).toBeLessThan(total);
    expect(readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('cancel through the API reports the export as cancelled', async () => {
    const path = join(dir, 'api-cancel.ndjson');
    const { id } = await c.call('exportStart', { format: 'ndjson', path });
    const status = await c.call('exportCancel', { id });
    expect(status.state).toBe('cancelled');
    expect(readdirSync(dir).filter((f) => f.includes('api-cancel'))).toEqual([]);
    await expect(c.call('exportStatus', { id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

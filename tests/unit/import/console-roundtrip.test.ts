import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, type NewEvent } from '../../../src/main/events/append';
import { readExportPage } from '../../../src/main/events/export';
import { createExportLookups } from '../../../src/main/events/export-lookups';
import { exportHeader, type ExportFormat } from '../../../src/main/events/export-format';
import { resolveFilters } from '../../../src/main/events/filters';
import { requestPrint } from '../../../src/main/events/query';
import { DEFAULT_SORT } from '../../../src/main/events/query-sql';
import { rawRunner } from '../../../src/main/events/raw-runner';
import { maskPhone } from '../../../src/shared/mask';
import { eventLabel } from '../../../src/shared/events';
import { openConsole, type Console } from '../events/helpers';
import { readAll, tempDir } from './helpers';

/** Events whose every column is awkward: quotes, commas, line breaks, formulas, NULL beside '', Unicode. */
const EVENTS: NewEvent[] = [
  {
    occurredAt: Date.parse('2026-11-22T08:59:25.006Z'),
    type: 'sms_failure',
    userId: 3,
    userName: '=HYPERLINK("http://evil")',
    userEmail: 'a@example.com',
    userRole: 'employee',
    phone: '+447400123456',
    country: 'GB',
    carrier: 'Three UK',
    provider: 'twilio',
    providerCode: '30007',
    message: 'SMS not delivered, "filtered"\r\nby carrier\nagain',
    sessionId: 'vs_1',
    details: { messageSid: 'SM1', nested: { list: [1, 'two', null] } },
  },
  {
    occurredAt: Date.parse('2026-11-22T09:00:00.000Z'),
    type: 'admin_unlock',
    userId: null,
    userName: 'Zoë Ångström 山田',
    userEmail: '',
    phone: '+12025550123',
    carrier: '+44 network',
    message: '',
    actor: '@helpdesk',
    reason: '-caller verified, by callback',
    details: null,
  },
  {
    occurredAt: Date.parse('2026-11-22T09:00:00.999Z'),
    type: 'cooldown_activated',
    userId: 12,
    userName: "O'Brien",
    userRole: 'technician',
    message: '\tleading tab',
    reason: "'quoted'",
    details: {},
  },
];

let c: Console;
beforeAll(async () => {
  c = await openConsole();
  await c.ctx.db.transaction(async (m) => {
    for (const event of EVENTS) await appendEvent(m, event);
  });
});
afterAll(() => c.close());

async function exportFile(format: ExportFormat, unmasked: boolean): Promise<string> {
  const text = await c.ctx.db.read(async (m) => {
    const runner = rawRunner(m);
    const filters = await resolveFilters({}, runner);
    const lookups = await createExportLookups(runner, unmasked);
    const page = await readExportPage(
      runner,
      lookups,
      filters,
      DEFAULT_SORT,
      requestPrint({}, DEFAULT_SORT),
      undefined,
      100,
      format,
    );
    await lookups.drop();
    return exportHeader(format) + page.text;
  });
  const path = join(tempDir(), `events.${format}`);
  writeFileSync(path, text);
  return path;
}

interface DbRow {
  id: number;
  occurred_at: number;
  type: string;
  user_id: number | null;
  user_name: string | null;
  user_email: string | null;
  user_role: string | null;
  phone: string | null;
  country: string | null;
  carrier: string | null;
  provider: string | null;
  provider_code: string | null;
  message: string | null;
  actor: string | null;
  reason: string | null;
  session_id: string | null;
  details: string | null;
}

describe("the console's own export reads back exactly, every column", () => {
  for (const format of ['csv', 'ndjson'] as const) {
    for (const unmasked of [false, true]) {
      it(`${format}, ${unmasked ? 'unmasked' : 'masked'}`, async () => {
        const path = await exportFile(format, unmasked);
        const { reader, events } = await readAll(path);
        expect(reader.format.id).toBe(`console-${format}`);
        const rows = (await c.ctx.db.read((m) => m.query('SELECT * FROM events ORDER BY id DESC'))) as DbRow[];
        expect(events.length).toBe(rows.length);
        rows.forEach((row, i) => {
          const { event, recordId, key } = events[i];
          expect(recordId).toBe(String(row.id));
          expect(key).toBe(`console:${reader.sourceIdentity}:${row.id}`);
          const phone = row.phone && !unmasked ? maskPhone(row.phone) : row.phone;
          expect(event).toEqual({
            occurredAt: row.occurred_at,
            type: row.type,
            userId: row.user_id,
            userName: row.user_name,
            userEmail: row.user_email,
            userRole: row.user_role,
            phone,
            phoneMasked: !unmasked && row.phone !== null,
            country: row.country,
            carrier: row.carrier,
            provider: row.provider,
            providerCode: row.provider_code,
            message: row.message,
            actor: row.actor,
            reason: row.reason,
            sessionId: row.session_id,
            details: row.details === null ? null : JSON.parse(row.details),
          });
          // type_label is derived from the type, as the catalog names it.
          expect(eventLabel(event.type)).not.toBe(event.type);
        });
      });
    }
  }

  it('dedup keys are stable across re-reads and follow the file, not its name or folder', async () => {
    const path = await exportFile('csv', false);
    const first = (await readAll(path)).events.map((e) => e.key);
    const again = (await readAll(path)).events.map((e) => e.key);
    expect(again).toEqual(first);
    const elsewhere = join(tempDir(), 'renamed.txt');
    writeFileSync(elsewhere, (await import('node:fs')).readFileSync(path));
    expect((await readAll(elsewhere)).events.map((e) => e.key)).toEqual(first);
    // Another export (other content) gives other keys for the same event ids.
    const other = (await readAll(await exportFile('csv', true))).events.map((e) => e.key);
    expect(other).not.toEqual(first);
  });
});

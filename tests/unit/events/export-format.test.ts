import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../../src/main/events/append';
import { readExportPage } from '../../../src/main/events/export';
import { createExportLookups } from '../../../src/main/events/export-lookups';
import {
  EXPORT_COLUMNS,
  NDJSON_ANNOTATION_COLUMNS,
  exportHeader,
  type ExportFormat,
} from '../../../src/main/events/export-format';
import { resolveFilters } from '../../../src/main/events/filters';
import { requestPrint } from '../../../src/main/events/query';
import { DEFAULT_SORT } from '../../../src/main/events/query-sql';
import { rawRunner } from '../../../src/main/events/raw-runner';
import { maskPhone } from '../../../src/shared/mask';
import { openConsole, type Console } from './helpers';

let c: Console;
beforeAll(async () => {
  c = await openConsole();
  await c.ctx.db.transaction(async (m) => {
    await appendEvent(m, {
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
      message: 'SMS not delivered, "filtered"\nby carrier',
      sessionId: 'vs_1',
      details: { messageSid: 'SM1' },
    });
    await appendEvent(m, {
      occurredAt: Date.parse('2026-11-22T09:00:00Z'),
      type: 'firm_policy_changed',
      phone: '+12025550123',
    });
  });
});
afterAll(() => c.close());

async function exported(format: ExportFormat, unmasked: boolean): Promise<string> {
  return c.ctx.db.read(async (m) => {
    const runner = rawRunner(m);
    const f = await resolveFilters({}, runner);
    const lookups = await createExportLookups(runner, unmasked);
    const page = await readExportPage(
      runner,
      lookups,
      f,
      DEFAULT_SORT,
      requestPrint({}, DEFAULT_SORT),
      undefined,
      10,
      format,
    );
    await lookups.drop();
    expect(page.rows).toBe(2);
    expect(page.nextCursor).toBeNull();
    return exportHeader(format) + page.text;
  });
}

describe('export lines built by SQLite', () => {
  it('CSV: text quoted (RFC 4180), formulas defused, masked phones as the console shows them, UTC milliseconds', async () => {
    expect(await exported('csv', false)).toBe(
      `${EXPORT_COLUMNS.join(',')}\r\n` +
        `2,2026-11-22T09:00:00.000Z,firm_policy_changed,"Firm-wide 2FA Changed",,,,,"${maskPhone('+12025550123')}",true,,,,,,,,,\r\n` +
        `1,2026-11-22T08:59:25.006Z,sms_failure,"SMS Failure",3,"'=HYPERLINK(""http://evil"")","a@example.com",employee,` +
        `"${maskPhone('+447400123456')}",true,GB,"Three UK","twilio","30007","SMS not delivered, ""filtered""\nby carrier",,,vs_1,` +
        `"{""messageSid"":""SM1""}"\r\n`,
    );
  });

  it('NDJSON: typed values in column order, details as an object, the full number only when unmasked', async () => {
    const [policy, failure] = (await exported('ndjson', false))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(Object.keys(failure)).toEqual([...EXPORT_COLUMNS, ...NDJSON_ANNOTATION_COLUMNS]);
    expect(failure).toMatchObject({ starred: false, tags: [], note: null });
    expect(failure).toMatchObject({
      id: 1,
      occurred_at: '2026-11-22T08:59:25.006Z',
      type_label: 'SMS Failure',
      user_id: 3,
      user_name: '=HYPERLINK("http://evil")',
      phone: maskPhone('+447400123456'),
      phone_masked: true,
      message: 'SMS not delivered, "filtered"\nby carrier',
      details: { messageSid: 'SM1' },
      actor: null,
    });
    expect(policy).toMatchObject({ id: 2, user_id: null, phone: '+1••••••••23', details: null });
    const [, full] = (await exported('ndjson', true))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(full).toMatchObject({ phone: '+447400123456', phone_masked: false });
  });
});

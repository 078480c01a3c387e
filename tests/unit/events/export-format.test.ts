import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportChunk, exportHeader } from '../../../src/main/events/export-format';
import type { EventDbRow } from '../../../src/main/events/query-sql';

const row: EventDbRow = {
  id: 7,
  occurred_at: Date.parse('2026-11-22T08:59:25.136Z'),
  type: 'sms_failure',
  user_id: 3,
  user_name: '=HYPERLINK("http://evil")',
  user_email: 'a@example.com',
  user_role: 'employee',
  phone: '+447400123456',
  country: 'GB',
  carrier: 'Three UK',
  provider: 'twilio',
  provider_code: '30007',
  message: 'SMS not delivered, "filtered"\nby carrier',
  actor: null,
  reason: null,
  session_id: 'vs_1',
  details: '{"messageSid":"SM1"}',
};

describe('export rows', () => {
  it('CSV: quoted where needed, formulas defused, masked phone, same columns as the header', () => {
    const csv = exportHeader('csv') + exportChunk([row], 'csv', false);
    expect(csv).toBe(
      `${EXPORT_COLUMNS.join(',')}\r\n` +
        `7,2026-11-22T08:59:25.136Z,sms_failure,SMS Failure,3,"'=HYPERLINK(""http://evil"")",a@example.com,employee,` +
        `+44••••••••56,true,GB,Three UK,twilio,30007,"SMS not delivered, ""filtered""\nby carrier",,,vs_1,` +
        `"{""messageSid"":""SM1""}"\r\n`,
    );
  });

  it('NDJSON: typed values, details as an object, the full number only when unmasked', () => {
    const masked = JSON.parse(exportChunk([row], 'ndjson', false));
    expect(Object.keys(masked)).toEqual([...EXPORT_COLUMNS]);
    expect(masked).toMatchObject({
      id: 7,
      user_id: 3,
      phone: '+44••••••••56',
      phone_masked: true,
      details: { messageSid: 'SM1' },
    });
    expect(masked.user_name).toBe('=HYPERLINK("http://evil")');
    const full = JSON.parse(exportChunk([row], 'ndjson', true));
    expect(full).toMatchObject({ phone: '+447400123456', phone_masked: false });
  });
});

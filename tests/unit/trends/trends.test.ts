import { testDatabase } from '../../support/test-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { Database } from '../../../src/main/db/database';
import { appendEvent, type NewEvent } from '../../../src/main/events/append';
import { trends } from '../../../src/main/trends/queries';

let db: Database;
beforeEach(async () => {
  db = new Database(await openDatabase({ path: await testDatabase() }));
});
afterEach(() => db.close());

const at = (iso: string) => Date.parse(iso);
const add = (occurredAt: number, type: NewEvent['type'], extra: Partial<NewEvent> = {}) =>
  db.transaction((m) => appendEvent(m, { occurredAt, type, ...extra }));

describe('trends', () => {
  it('counts errors per UTC day with both ends of the range included and empty days present', async () => {
    await add(at('2026-11-01T00:00:00Z'), 'account_lock');
    await add(at('2026-11-03T23:59:59Z'), 'wrong_code');
    await add(at('2026-11-03T12:00:00Z'), 'wrong_code');
    await add(at('2026-11-04T00:00:00Z'), 'wrong_code'); // after the range
    await add(at('2026-11-02T10:00:00Z'), 'sign_in_succeeded'); // not an error
    const v = await trends(db, '2026-11-01', '2026-11-03');
    expect(v.daily).toEqual([
      { day: '2026-11-01', wrong_code: 0, account_lock: 1 },
      { day: '2026-11-02', wrong_code: 0, account_lock: 0 },
      { day: '2026-11-03', wrong_code: 2, account_lock: 0 },
    ]);
    expect(v.types).toEqual(['wrong_code', 'account_lock']);
  });

  it('ranks carriers by SMS failures with a failure rate and their commonest code', async () => {
    const t = at('2026-11-02T09:00:00Z');
    for (let i = 0; i < 3; i++) await add(t, 'sms_failure', { carrier: 'Telstra', providerCode: '30007' });
    await add(t, 'sms_failure', { carrier: 'Telstra', providerCode: '30003' });
    for (let i = 0; i < 4; i++) await add(t, 'code_sent', { carrier: 'Telstra' });
    await add(t, 'sms_failure', { carrier: 'EE', providerCode: '30003' }); // no sends known: no rate
    await add(t, 'code_sent', { carrier: 'Vodafone UK' }); // no failures: not listed
    const v = await trends(db, '2026-11-01', '2026-11-03');
    expect(v.carriers).toEqual([
      { carrier: 'Telstra', failures: 4, sent: 4, rate: 0.5, topCode: '30007' },
      { carrier: 'EE', failures: 1, sent: 0, rate: null, topCode: '30003' },
    ]);
  });

  it('splits provider failures by code and places failures by hour of day', async () => {
    await add(at('2026-11-02T08:15:00Z'), 'mfa_provider_failure', { providerCode: '500' });
    await add(at('2026-11-02T08:45:00Z'), 'mfa_provider_failure', { providerCode: '500' });
    await add(at('2026-11-02T17:00:00Z'), 'mfa_provider_failure', { providerCode: 'TIMEOUT', country: 'GB' });
    const v = await trends(db, '2026-11-02', '2026-11-02');
    expect(v.providerDaily).toEqual([{ day: '2026-11-02', '500': 2, TIMEOUT: 1 }]);
    expect(v.hours).toHaveLength(24);
    expect(v.hours[8]).toEqual({ hour: 8, failures: 2 });
    expect(v.hours[17]).toEqual({ hour: 17, failures: 1 });
    expect(v.countries).toEqual([{ country: 'GB', failures: 1 }]);
  });
});

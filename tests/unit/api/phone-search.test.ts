import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PHONE_DIGITS } from '../../../src/shared/phone-search';
import { openConsole, type Console } from '../events/helpers';

let c: Console;
beforeAll(async () => {
  c = await openConsole();
  await c.call('addUser', {
    reason: 'New starter',
    name: 'Ada Admin',
    email: 'ada@example.com',
    role: 'administrator',
    phone: '+447400123001',
  });
  await c.call('addUser', {
    reason: 'New starter',
    name: 'Cal Caller',
    email: 'cal@example.com',
    role: 'employee',
    phone: '07111 222444',
    country: 'GB',
  });
  await c.call('addUser', {
    reason: 'New starter',
    name: 'Nia Obi',
    email: 'nia@example.com',
    role: 'employee',
    phone: '+2348031234567',
  });
  // Every user's phone is in the log: a code sent to each.
  for (const email of ['ada@example.com', 'cal@example.com', 'nia@example.com'])
    await c.api.call('sendCode', { email });
});
afterAll(() => c.close());

async function directory(search: string): Promise<string[]> {
  const { users } = await c.call('listUsers', { search });
  return users.map((u) => u.email).sort();
}
async function errorLog(search: string): Promise<string[]> {
  const { rows } = await c.call('eventsQuery', { filters: { search } });
  return [...new Set(rows.map((r) => r.userEmail ?? ''))].sort();
}

describe('a phone search finds the same people in the Users directory and the Error log', () => {
  it(`from ${MIN_PHONE_DIGITS} digits: the last four, a middle part, national with its 0, international`, async () => {
    expect(MIN_PHONE_DIGITS).toBe(4);
    for (const search of ['2444', '1112 2244', '07111 222444', '+44 (0)7111 222444', '+447111222444']) {
      expect(await directory(search), search).toEqual(['cal@example.com']);
      expect(await errorLog(search), search).toEqual(['cal@example.com']);
    }
    for (const search of ['4567', '+234 803 123 4567', '08031234567']) {
      expect(await directory(search), search).toEqual(['nia@example.com']);
      expect(await errorLog(search), search).toEqual(['nia@example.com']);
    }
  });

  it('fewer digits are not a phone search in either', async () => {
    expect(await directory('444')).toEqual([]);
    expect(await errorLog('444')).toEqual([]);
  });
});

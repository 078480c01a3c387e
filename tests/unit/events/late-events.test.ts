import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFilters, EventPage, EventSort, EventTotal } from '../../../src/shared/contract/events';
import { appendEvent } from '../../../src/main/events/append';
import { generatedConsole, NOW, type Console } from './helpers';

// A Twilio delivery sync logs failures at the time Twilio sent the message: older than events
// already in the log. Text search must stay exact, in time order, and fast around them.

interface RawEvent {
  id: number;
  occurred_at: number;
  type: string;
  user_name: string | null;
  user_email: string | null;
  message: string | null;
}

const DAY = 86_400_000;
let c: Console;
let all: RawEvent[];
let lateIds: number[];

beforeAll(async () => {
  c = await generatedConsole(300, 20_000, 11);
  const users = await c.ctx.db.query<{ id: number; name: string; email: string }>(
    'SELECT id, name, email FROM users ORDER BY id LIMIT 40',
  );
  // 3,000 back-dated failures (a first sync), spread over the last 60 days (a deterministic sequence).
  let x = 7;
  const next = () => (x = (x * 48271) % 2147483647) / 2147483647;
  await c.ctx.db.transaction(async (m) => {
    for (let i = 0; i < 3000; i++) {
      const user = users[Math.floor(next() * users.length)];
      await appendEvent(m, {
        occurredAt: NOW - Math.floor(next() * 60 * DAY),
        type: i % 3 === 0 ? 'mfa_provider_failure' : 'sms_failure',
        userId: user.id,
        userName: user.name,
        userEmail: user.email,
        provider: 'twilio',
        providerCode: i % 3 === 0 ? '500' : '30007',
        message: i % 2 ? 'SMS not delivered: filtered by carrier (30007)' : 'Delivery synced late from Twilio',
      });
    }
  });
  all = await c.ctx.db.query<RawEvent>('SELECT id, occurred_at, type, user_name, user_email, message FROM events');
  lateIds = (await c.ctx.db.query<{ id: number }>('SELECT id FROM late_events ORDER BY id')).map((r) => r.id);
});
afterAll(() => c.close());

const words = (e: RawEvent) => `${e.user_name} ${e.user_email} ${e.message}`.toLowerCase();

async function pageThrough(filters: EventFilters, sort?: EventSort, limit = 97): Promise<number[]> {
  const ids: number[] = [];
  let after: string | undefined;
  for (let page = 0; page < 2000; page++) {
    const result: EventPage = await c.call('eventsQuery', { filters, sort, limit, after });
    ids.push(...result.rows.map((r) => r.id));
    if (!result.nextCursor) return ids;
    after = result.nextCursor;
  }
  throw new Error('paging did not end');
}

function expected(keep: (e: RawEvent) => boolean, ascending = false): number[] {
  const dir = ascending ? 1 : -1;
  return all
    .filter(keep)
    .sort((a, b) => dir * (a.occurred_at - b.occurred_at || a.id - b.id))
    .map((e) => e.id);
}

describe('events logged out of time order', () => {
  it('are exactly those older than an event logged before them', () => {
    let newest = -Infinity;
    const want: number[] = [];
    for (const e of [...all].sort((a, b) => a.id - b.id)) {
      if (e.occurred_at < newest) want.push(e.id);
      newest = Math.max(newest, e.occurred_at);
    }
    expect(want.length).toBeGreaterThan(2500);
    expect(lateIds).toEqual(want);
  });

  it("leave the first page's estimate of a broad text search close to the exact count", async () => {
    const truth = all.filter((e) => /\bexample/.test(words(e))).length;
    expect(truth).toBeGreaterThan(10_000);
    const first: EventPage = await c.call('eventsQuery', { filters: { search: 'example' }, limit: 50 });
    expect(first.total).toMatchObject({ exact: false, method: 'estimate' });
    expect(first.total!.value).toBeGreaterThan(truth * 0.85);
    expect(first.total!.value).toBeLessThan(truth * 1.15);
  });

  const window = { from: Date.parse('2026-10-20T00:00:00Z'), to: Date.parse('2026-11-05T00:00:00Z') };
  const cases: [string, EventFilters, (e: RawEvent) => boolean, EventSort?][] = [
    ['a common word', { search: 'sms' }, (e) => /\bsms/.test(words(e))],
    ['a word only late events have', { search: 'synced' }, (e) => /\bsynced\b/.test(words(e))],
    ['a surname', { search: 'okafor' }, (e) => /\bokafor/.test(words(e))],
    [
      'text + type',
      { search: 'filtered', types: ['sms_failure'] },
      (e) => /\bfiltered/.test(words(e)) && e.type === 'sms_failure',
    ],
    [
      'text + window',
      { search: 'sms', from: '2026-10-20', to: '2026-11-04' },
      (e) => /\bsms/.test(words(e)) && e.occurred_at >= window.from && e.occurred_at < window.to,
    ],
    [
      'text, oldest first',
      { search: 'filtered' },
      (e) => /\bfiltered/.test(words(e)),
      { field: 'occurredAt', direction: 'asc' },
    ],
  ];
  for (const [name, filters, keep, sort] of cases) {
    it(`keep text search exact and in time order: ${name}`, async () => {
      const want = expected(keep, sort?.direction === 'asc');
      expect(want.some((id) => lateIds.includes(id))).toBe(true);
      expect(await pageThrough(filters, sort)).toEqual(want);
      const total: EventTotal = await c.call('eventsCount', { filters });
      expect(total).toMatchObject({ value: want.length, exact: true });
      const first: EventPage = await c.call('eventsQuery', { filters, sort, limit: 50 });
      if (first.total?.exact) expect(first.total.value).toBe(want.length);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFilters, EventSort } from '../../../src/shared/contract/events';
import type { EventPage, EventTotal } from '../../../src/shared/contract/events';
import { generatedConsole, NOW, type Console } from './helpers';

interface RawEvent {
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
  provider_code: string | null;
  message: string | null;
}

let c: Console;
let all: RawEvent[];

beforeAll(async () => {
  c = await generatedConsole(300, 30_000, 11);
  // The reference answer: every event in JavaScript. Only the tests do this; the console never does.
  all = await c.ctx.db.query<RawEvent>('SELECT * FROM events');
});
afterAll(() => c.close());

const queryEvents = (input: unknown): Promise<EventPage> => c.call('eventsQuery', input);
const countEvents = (filters: EventFilters): Promise<EventTotal> => c.call('eventsCount', { filters });

/** Every page until the cursor runs out, as the grid would fetch them. */
async function pageThrough(filters: EventFilters, sort?: EventSort, limit = 700): Promise<number[]> {
  const ids: number[] = [];
  let after: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await queryEvents({ filters, sort, limit, after });
    ids.push(...result.rows.map((r) => r.id));
    if (!result.nextCursor) return ids;
    after = result.nextCursor;
  }
  throw new Error('paging did not end');
}

const newestFirst = (a: RawEvent, b: RawEvent) => b.occurred_at - a.occurred_at || b.id - a.id;
const expected = (keep: (e: RawEvent) => boolean) =>
  all
    .filter(keep)
    .sort(newestFirst)
    .map((e) => e.id);
const words = (e: RawEvent) => `${e.user_name} ${e.user_email} ${e.message}`.toLowerCase();

describe('filters, each alone, against a reference computed in JavaScript', () => {
  it('no filter pages through every event, newest first, without repeats', async () => {
    const ids = await pageThrough({}, undefined, 1_000);
    expect(ids).toEqual(expected(() => true));
    expect(new Set(ids).size).toBe(all.length);
  });

  it('one type, and several types', async () => {
    expect(await pageThrough({ types: ['account_lock'] })).toEqual(expected((e) => e.type === 'account_lock'));
    const four = ['account_lock', 'cooldown_activated', 'mfa_provider_failure', 'not_my_number'];
    const ids = await pageThrough({ types: four as never }, undefined, 300);
    expect(ids).toEqual(expected((e) => four.includes(e.type)));
    expect(ids.length).toBeGreaterThan(300);
  });

  it('user by id and by email (any case)', async () => {
    const someone = all.find((e) => e.type === 'sms_failure')!;
    const byId = expected((e) => e.user_id === someone.user_id);
    expect(await pageThrough({ user: someone.user_id! }, undefined, 7)).toEqual(byId);
    expect(await pageThrough({ user: someone.user_email!.toUpperCase() })).toEqual(byId);
  });

  it('role, carrier, country and provider code', async () => {
    expect(await pageThrough({ role: 'administrator' })).toEqual(expected((e) => e.user_role === 'administrator'));
    const carrier = all.find((e) => e.provider_code === '30007')!.carrier!;
    expect(await pageThrough({ carrier })).toEqual(expected((e) => e.carrier === carrier));
    expect(await pageThrough({ country: 'gb' })).toEqual(expected((e) => e.country === 'GB'));
    expect(await pageThrough({ code: '30007' })).toEqual(expected((e) => e.provider_code === '30007'));
    expect(await pageThrough({ code: '500' })).toEqual(expected((e) => e.provider_code === '500'));
  });

  it('free text: a surname, part of a name, an email, message words', async () => {
    const surname = all.find((e) => e.user_name?.endsWith('Okafor'))!;
    expect(await pageThrough({ search: 'okafor' })).toEqual(expected((e) => /\bokafor/.test(words(e))));
    expect(await pageThrough({ search: 'OKAF' })).toEqual(expected((e) => /\bokaf/.test(words(e))));
    expect(await pageThrough({ search: surname.user_email! })).toEqual(
      expected((e) => e.user_email === surname.user_email),
    );
    expect(await pageThrough({ search: 'filtered carrier' })).toEqual(
      expected((e) => /\bfiltered\b/.test(words(e)) && /\bcarrier/.test(words(e))),
    );
  });

  it('phone digits: the full number, with spaces, and the national number with its trunk 0', async () => {
    const gb = all.find((e) => e.country === 'GB' && e.phone)!;
    const mine = expected((e) => e.phone === gb.phone);
    const national = gb.phone!.slice(3); // +44 7400123456 -> 7400123456
    expect(await pageThrough({ search: gb.phone! })).toEqual(mine);
    expect(await pageThrough({ search: `+44 ${national.slice(0, 4)} ${national.slice(4)}` })).toEqual(mine);
    expect(await pageThrough({ search: `0${national.slice(0, 4)} ${national.slice(4)}` })).toEqual(mine);
    expect(await pageThrough({ search: `+44 (0)${national}` })).toEqual(mine);
  });

  it('a search that matches nothing gives an empty page, no cursor and a total of 0', async () => {
    const page = await queryEvents({ filters: { search: 'zzzznothing' } });
    expect(page.rows).toEqual([]);
    expect(page.nextCursor).toBeNull();
    expect(page.total).toEqual({ value: 0, exact: true, method: 'count' });
  });
});

describe('dates: From and To are whole days in the operator time zone, both inclusive', () => {
  const dayStart = (iso: string) => Date.parse(iso);

  it('UTC days', async () => {
    const from = dayStart('2026-11-01T00:00:00Z');
    const to = dayStart('2026-11-08T00:00:00Z'); // the day after To
    const ids = await pageThrough({ from: '2026-11-01', to: '2026-11-07' });
    expect(ids).toEqual(expected((e) => e.occurred_at >= from && e.occurred_at < to));
    expect(ids.length).toBeGreaterThan(100);
  });

  it('an IANA zone across a DST change and a half-hour offset', async () => {
    // New York left daylight time on 2026-11-01: Oct 31 starts 04:00Z, Nov 2 ends 05:00Z next day.
    const ny = await pageThrough({ from: '2026-10-31', to: '2026-11-02', timeZone: 'America/New_York' });
    expect(ny).toEqual(
      expected(
        (e) => e.occurred_at >= dayStart('2026-10-31T04:00:00Z') && e.occurred_at < dayStart('2026-11-03T05:00:00Z'),
      ),
    );
    const india = await pageThrough({ from: '2026-11-10', to: '2026-11-10', timeZone: '+05:30' });
    expect(india).toEqual(
      expected(
        (e) => e.occurred_at >= dayStart('2026-11-09T18:30:00Z') && e.occurred_at < dayStart('2026-11-10T18:30:00Z'),
      ),
    );
  });

  it('refuses an unknown zone and a From after To, naming the field', async () => {
    await expect(queryEvents({ filters: { from: '2026-11-01', timeZone: 'Mars/Base' } })).rejects.toMatchObject({
      code: 'INVALID_TIME_ZONE',
      message: expect.stringContaining('timeZone'),
    });
    await expect(queryEvents({ filters: { from: '2026-11-05', to: '2026-11-04' } })).rejects.toMatchObject({
      code: 'INVALID_DATE_RANGE',
    });
  });
});

describe('combinations', () => {
  const combos: [string, EventFilters, (e: RawEvent) => boolean][] = [
    [
      'type + 30-day window',
      { types: ['sms_failure'], from: '2026-10-01', to: '2026-10-30' },
      (e) =>
        e.type === 'sms_failure' &&
        e.occurred_at >= Date.parse('2026-10-01') &&
        e.occurred_at < Date.parse('2026-10-31'),
    ],
    [
      'carrier + code + role',
      { code: '30003', role: 'employee', carrier: 'EE' },
      (e) => e.provider_code === '30003' && e.user_role === 'employee' && e.carrier === 'EE',
    ],
    [
      'search + type + country',
      { search: 'code', types: ['wrong_code', 'code_expired'], country: 'US' },
      (e) => /\bcode/.test(words(e)) && ['wrong_code', 'code_expired'].includes(e.type) && e.country === 'US',
    ],
    [
      'search + window in a zone',
      { search: 'sms', from: '2026-11-15', to: '2026-11-21', timeZone: 'Asia/Tokyo' },
      (e) =>
        /\bsms/.test(words(e)) &&
        e.occurred_at >= Date.parse('2026-11-14T15:00:00Z') &&
        e.occurred_at < Date.parse('2026-11-21T15:00:00Z'),
    ],
  ];
  for (const [name, filters, keep] of combos) {
    it(name, async () => {
      const want = expected(keep);
      expect(want.length).toBeGreaterThan(0);
      expect(await pageThrough(filters, undefined, 97)).toEqual(want);
      expect(await countEvents(filters)).toMatchObject({ value: want.length, exact: true });
    });
  }
});

describe('sorting on the server', () => {
  const cmp = (column: keyof RawEvent, dir: 1 | -1) => (a: RawEvent, b: RawEvent) => {
    const x = a[column] as string | null;
    const y = b[column] as string | null;
    // SQLite puts missing values first when ascending.
    if (x !== y) return x === null ? -dir : y === null ? dir : x < y ? -dir : dir;
    return dir * (a.occurred_at - b.occurred_at || a.id - b.id);
  };
  const cases: [EventSort, (a: RawEvent, b: RawEvent) => number][] = [
    [{ field: 'occurredAt', direction: 'asc' }, (a, b) => a.occurred_at - b.occurred_at || a.id - b.id],
    [{ field: 'type', direction: 'asc' }, cmp('type', 1)],
    [{ field: 'carrier', direction: 'desc' }, cmp('carrier', -1)],
    [{ field: 'providerCode', direction: 'asc' }, cmp('provider_code', 1)],
    [{ field: 'providerCode', direction: 'desc' }, cmp('provider_code', -1)],
  ];
  for (const [sort, order] of cases) {
    it(`${sort.field} ${sort.direction}, paged`, async () => {
      const filters: EventFilters = { from: '2026-11-10', to: '2026-11-12' };
      const keep = (e: RawEvent) =>
        e.occurred_at >= Date.parse('2026-11-10') && e.occurred_at < Date.parse('2026-11-13');
      const want = all
        .filter(keep)
        .sort(order)
        .map((e) => e.id);
      expect(await pageThrough(filters, sort, 113)).toEqual(want);
    });
  }
});

describe('totals', () => {
  it('are exact for small sets and for whole UTC days, marked estimates otherwise, with an exact count on request', async () => {
    const small = await queryEvents({ filters: { types: ['not_my_number'] } });
    expect(small.total).toMatchObject({ exact: true, value: all.filter((e) => e.type === 'not_my_number').length });

    // Daily counts plus the partial UTC days at both ends of a New York week: still exact.
    const week = {
      types: ['code_sent', 'wrong_code'],
      from: '2026-11-02',
      to: '2026-11-08',
      timeZone: 'America/New_York',
    };
    const inWeek = (e: RawEvent) =>
      ['code_sent', 'wrong_code'].includes(e.type) &&
      e.occurred_at >= Date.parse('2026-11-02T05:00:00Z') &&
      e.occurred_at < Date.parse('2026-11-09T05:00:00Z');
    expect((await queryEvents({ filters: week })).total).toEqual({
      value: all.filter(inWeek).length,
      exact: true,
      method: 'daily-counts',
    });
    const oneHour = { carrier: 'EE', from: '2026-11-20T09:00:00Z', to: '2026-11-20T09:59:59.999Z' };
    expect((await queryEvents({ filters: oneHour })).total).toMatchObject({
      value: all.filter(
        (e) =>
          e.carrier === 'EE' &&
          e.occurred_at >= Date.parse('2026-11-20T09:00:00Z') &&
          e.occurred_at < Date.parse('2026-11-20T10:00:00Z'),
      ).length,
      exact: true,
    });

    const fromDaily = await queryEvents({ filters: { types: ['code_sent'] } });
    expect(fromDaily.total).toEqual({
      exact: true,
      method: 'daily-counts',
      value: all.filter((e) => e.type === 'code_sent').length,
    });

    // Text over most of the log: above the exact limit, so the first page says "about".
    const broad = await queryEvents({ filters: { search: 'example' } });
    const truth = all.filter((e) => /\bexample/.test(words(e))).length;
    expect(truth).toBeGreaterThan(10_000);
    expect(broad.total?.exact).toBe(false);
    expect(broad.total!.value).toBeGreaterThan(truth * 0.7);
    expect(broad.total!.value).toBeLessThan(truth * 1.3);
    expect(await countEvents({ search: 'example' })).toEqual({ value: truth, exact: true, method: 'count' });

    const next = await queryEvents({ filters: { search: 'example' }, after: broad.nextCursor! });
    expect(next.total).toBeNull();
  });

  it('text plus other filters: exact when the text matches are few, an estimate when they are many', async () => {
    const narrow = { search: 'okafor', types: ['code_sent'] } as EventFilters;
    const narrowTruth = all.filter((e) => /\bokafor/.test(words(e)) && e.type === 'code_sent').length;
    expect((await queryEvents({ filters: narrow })).total).toEqual({
      value: narrowTruth,
      exact: true,
      method: 'count',
    });

    // "example" is in every email: more text matches than the first page will look at.
    const wide = { search: 'example', types: ['sign_in_succeeded'] } as EventFilters;
    const wideTruth = all.filter((e) => /\bexample/.test(words(e)) && e.type === 'sign_in_succeeded').length;
    const total = (await queryEvents({ filters: wide })).total!;
    expect(total).toMatchObject({ exact: false, method: 'estimate' });
    expect(total.value).toBeGreaterThan(wideTruth * 0.8);
    expect(total.value).toBeLessThan(wideTruth * 1.2);
    expect(await countEvents(wide)).toMatchObject({ value: wideTruth, exact: true });
  });
});

describe('cursors', () => {
  it('are refused for other filters or sorts, and when garbled', async () => {
    const first = await queryEvents({ filters: { types: ['sms_failure'] }, limit: 5 });
    await expect(queryEvents({ filters: { types: ['wrong_code'] }, after: first.nextCursor! })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
    await expect(
      queryEvents({
        filters: { types: ['sms_failure'] },
        sort: { field: 'type', direction: 'asc' },
        after: first.nextCursor!,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    await expect(queryEvents({ after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('the same filters in another order reuse the cursor', async () => {
    const first = await queryEvents({ filters: { country: 'US', types: ['sms_failure', 'wrong_code'] }, limit: 5 });
    const next = await queryEvents({
      filters: { types: ['wrong_code', 'sms_failure'], country: 'US' },
      limit: 5,
      after: first.nextCursor!,
    });
    expect(next.rows[0].occurredAt).toBeLessThanOrEqual(first.rows[4].occurredAt);
  });

  it('the newest event is before the fixed now', () => {
    expect(Math.max(...all.map((e) => e.occurred_at))).toBeLessThan(NOW);
  });
});

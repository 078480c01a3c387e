import { testDatabase } from '../../support/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { Database } from '../../../src/main/db/database';
import { appendEvent, type NewEvent } from '../../../src/main/events/append';
import { localHourStart } from '../../../src/main/events/local-clock';
import { queryEvents } from '../../../src/main/events/query';
import { rawRunner } from '../../../src/main/events/raw-runner';
import { parseZone, resolveRange } from '../../../src/main/events/time-range';
import { stats } from '../../../src/main/trends/stats';
import { eventFiltersSchema } from '../../../src/shared/contract/events';
import { statsInputSchema, type StatsBy, type StatsRow } from '../../../src/shared/contract/trends';

const FROM = '2026-10-20';
const TO = '2026-11-04'; // both European and American clocks go back inside the range
const CARRIERS = ['EE', 'Telstra', 'Vodafone UK', null];
const COUNTRIES = ['GB', 'AU', 'US', null];
const CODES = ['30007', '30003', '500'];

let db: Database;
const events: NewEvent[] = [];

/** A small seeded generator (mulberry32): the same events on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  db = new Database(await openDatabase({ path: await testDatabase() }));
  const next = random(14);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const start = Date.parse('2026-10-18T00:00:00Z'); // a little outside the range on both sides
  const span = 20 * 86_400_000;
  for (let i = 0; i < 1500; i++) {
    const roll = next();
    const type: NewEvent['type'] =
      roll < 0.45
        ? 'code_sent'
        : roll < 0.65
          ? 'sms_failure'
          : roll < 0.75
            ? 'mfa_provider_failure'
            : roll < 0.95
              ? 'sign_in_succeeded'
              : 'wrong_code';
    const failure = type === 'sms_failure' || type === 'mfa_provider_failure';
    events.push({
      occurredAt: start + Math.floor(next() * span),
      type,
      carrier: pick(CARRIERS),
      country: pick(COUNTRIES),
      provider: 'twilio',
      providerCode: failure ? pick(CODES) : null,
      phone: `+4477009${String(Math.floor(next() * 100000)).padStart(5, '0')}`,
    });
  }
  await db.transaction(async (m) => {
    for (const e of events) await appendEvent(m, e);
  });
});
afterAll(() => db.close());

const DAY = 86_400_000;

/** What `stats` should answer, worked out from the events in JS. */
function reference(by: StatsBy, timeZone: string): Map<string, Omit<StatsRow, 'failureRate' | 'conversionRate'>> {
  const zone = parseZone(timeZone);
  const range = resolveRange(FROM, TO, timeZone);
  const groups = new Map<string, Omit<StatsRow, 'failureRate' | 'conversionRate'>>();
  for (const e of events) {
    const hourStart = Math.floor(e.occurredAt / 3_600_000) * 3_600_000;
    if (hourStart < range.from! || hourStart >= range.to!) continue;
    const local = localHourStart(e.occurredAt, zone);
    const parts: Record<string, string | number> = {};
    const day = new Date(local).toISOString().slice(0, 10);
    const hour = new Date(local).getUTCHours();
    const weekday = ((Math.floor(local / DAY) + 3) % 7) + 1;
    if (by === 'day') parts.day = day;
    if (by === 'hour') parts.hour = hour;
    if (by === 'weekday-hour') Object.assign(parts, { weekday, hour });
    if (by === 'carrier' || by === 'carrier-day') {
      if (!e.carrier) continue;
      parts.carrier = e.carrier;
      if (by === 'carrier-day') parts.day = day;
    }
    if (by === 'country') {
      if (!e.country) continue;
      parts.country = e.country;
    }
    if (by === 'code') {
      if (!e.providerCode) continue;
      parts.code = e.providerCode;
    }
    const key = JSON.stringify(parts);
    const g = groups.get(key) ?? {
      ...parts,
      sends: 0,
      deliveryFailures: 0,
      providerFailures: 0,
      failures: 0,
      conversions: 0,
    };
    if (e.type === 'code_sent') g.sends++;
    if (e.type === 'sms_failure') g.deliveryFailures++;
    if (e.type === 'mfa_provider_failure') g.providerFailures++;
    g.failures = g.deliveryFailures + g.providerFailures;
    if (e.type === 'sign_in_succeeded') g.conversions++;
    groups.set(key, g);
  }
  return groups;
}

const keyOf = (row: StatsRow) => {
  const { day, hour, weekday, carrier, country, code } = row;
  const parts = Object.fromEntries(
    Object.entries({ day, weekday, hour, carrier, country, code }).filter(([, v]) => v !== undefined),
  );
  return parts;
};

describe('stats over the hourly rollups', () => {
  for (const timeZone of ['UTC', 'Europe/London', 'America/New_York', '+05:30']) {
    for (const by of ['day', 'hour', 'weekday-hour', 'carrier', 'country', 'code', 'carrier-day'] as const) {
      it(`groups by ${by} in ${timeZone} exactly as the events add up`, async () => {
        const input = statsInputSchema.parse({ by, from: FROM, to: TO, timeZone, limit: 1000 });
        const value = await db.read((m) => stats(rawRunner(m), input));
        const expected = reference(by, timeZone);
        const nonEmpty = value.rows.filter((r) => r.sends + r.failures + r.conversions > 0);
        expect(nonEmpty).toHaveLength(expected.size);
        for (const row of nonEmpty) {
          const want = [...expected.values()].find(
            (g) => JSON.stringify(keyOf(g as StatsRow)) === JSON.stringify(keyOf(row)),
          );
          expect(want, JSON.stringify(keyOf(row))).toBeDefined();
          const { failureRate, conversionRate, ...counts } = row;
          expect({ ...counts, sends: by === 'code' ? want!.sends : counts.sends }).toEqual(
            by === 'code' ? { ...want, sends: want!.sends } : want,
          );
          if (by !== 'code') {
            const attempts = Math.max(row.sends + row.providerFailures, row.failures);
            expect(failureRate).toBe(attempts > 0 ? Math.min(1, row.failures / attempts) : null);
            expect(conversionRate).toBe(row.sends > 0 ? Math.min(1, row.conversions / row.sends) : null);
          }
        }
      });
    }
  }

  it('lists every day of the range and all 168 weekday x hour cells, empty ones at zero', async () => {
    const days = await db.read((m) => stats(rawRunner(m), statsInputSchema.parse({ by: 'day', from: FROM, to: TO })));
    expect(days.rows.map((r) => r.day)).toHaveLength(16);
    expect(days.rows[0].day).toBe(FROM);
    expect(days.rows.at(-1)!.day).toBe(TO);
    const cells = await db.read((m) =>
      stats(rawRunner(m), statsInputSchema.parse({ by: 'weekday-hour', from: '2026-10-20', to: '2026-10-20' })),
    );
    expect(cells.rows).toHaveLength(168);
    expect(cells.rows.filter((r) => r.weekday !== 2).every((r) => r.sends + r.failures === 0)).toBe(true); // a Tuesday
  });

  it('narrows to a carrier, a country, a code and the types asked for', async () => {
    const input = statsInputSchema.parse({
      by: 'carrier',
      from: FROM,
      to: TO,
      carrier: 'EE',
      country: 'gb',
      types: ['sms_failure'],
    });
    const value = await db.read((m) => stats(rawRunner(m), input));
    const range = resolveRange(FROM, TO, 'UTC');
    const want = events.filter(
      (e) =>
        e.type === 'sms_failure' &&
        e.carrier === 'EE' &&
        e.country === 'GB' &&
        e.occurredAt >= range.from! &&
        e.occurredAt < range.to!,
    ).length;
    expect(value.rows).toEqual([
      expect.objectContaining({ carrier: 'EE', deliveryFailures: want, sends: 0, providerFailures: 0 }),
    ]);
  });

  it('rates an error code against every attempt of the range', async () => {
    const value = await db.read((m) => stats(rawRunner(m), statsInputSchema.parse({ by: 'code', from: FROM, to: TO })));
    const all = reference('day', 'UTC');
    const attempts = [...all.values()].reduce((s, g) => s + g.sends + g.providerFailures, 0);
    for (const row of value.rows) expect(row.failureRate).toBeCloseTo(row.failures / attempts, 12);
  });

  it('refuses a range whose from is after its to, naming the field', () => {
    const parsed = statsInputSchema.safeParse({ by: 'day', from: '2026-11-05', to: '2026-11-01' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].path).toEqual(['from']);
  });
});

describe("the explorer's hour-of-day and weekday filters", () => {
  for (const timeZone of ['UTC', 'Europe/London', 'America/New_York']) {
    it(`open exactly the events a weekday x hour cell counts, in ${timeZone}`, async () => {
      const cells = await db.read((m) =>
        stats(rawRunner(m), statsInputSchema.parse({ by: 'weekday-hour', from: FROM, to: TO, timeZone })),
      );
      // The busiest few cells: the rows the explorer lists for each are the cell's failures.
      const busiest = [...cells.rows].sort((a, b) => b.failures - a.failures).slice(0, 4);
      for (const cell of busiest) {
        const page = await queryEvents(db, {
          filters: {
            from: FROM,
            to: TO,
            timeZone,
            hourOfDay: cell.hour,
            weekday: cell.weekday,
            types: ['sms_failure', 'mfa_provider_failure'],
          },
          limit: 1000,
        });
        expect(page.rows).toHaveLength(cell.failures);
        expect(page.total).toMatchObject({ value: cell.failures, exact: true });
        const zone = parseZone(timeZone);
        for (const row of page.rows) {
          const local = localHourStart(row.occurredAt, zone);
          expect(new Date(local).getUTCHours()).toBe(cell.hour);
          expect(((Math.floor(local / DAY) + 3) % 7) + 1).toBe(cell.weekday);
        }
      }
    });
  }

  it('filters by hour of day without a date range (the whole log)', async () => {
    const page = await queryEvents(db, { filters: { hourOfDay: 9, types: ['sms_failure'] }, limit: 1000 });
    const want = events.filter((e) => e.type === 'sms_failure' && new Date(e.occurredAt).getUTCHours() === 9);
    expect(page.rows).toHaveLength(want.length);
  });

  it('refuses an hour or weekday out of range, naming the field', () => {
    const hour = eventFiltersSchema.safeParse({ hourOfDay: 24 });
    expect(hour.error!.issues[0]).toMatchObject({ path: ['hourOfDay'], message: 'must be an hour from 0 to 23' });
    const weekday = eventFiltersSchema.safeParse({ weekday: 0 });
    expect(weekday.error!.issues[0]).toMatchObject({ path: ['weekday'], message: 'must be 1 (Monday) to 7 (Sunday)' });
  });
});

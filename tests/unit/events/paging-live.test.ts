import { afterEach, describe, expect, it } from 'vitest';
import type { EventFilters, EventPage, EventSort } from '../../../src/shared/contract/events';
import { appendEvent } from '../../../src/main/events/append';
import { generatedConsole, type Console } from './helpers';

let c: Console;
afterEach(() => c?.close());

/** The engine logging a fresh event "now", between two page requests. */
async function engineAppends(n: number, type: 'sms_failure' | 'wrong_code' = 'sms_failure'): Promise<void> {
  for (let i = 0; i < n; i++) {
    c.clock.advance(1_000);
    await c.ctx.db.transaction((m) =>
      appendEvent(m, {
        occurredAt: c.clock.now(),
        type,
        userId: 1,
        userName: 'Okafor Live',
        userEmail: 'live@example.com',
        carrier: 'EE',
        country: 'GB',
        providerCode: type === 'sms_failure' ? '30007' : null,
        message: 'SMS not delivered by EE: filtered by carrier (30007)',
      }),
    );
  }
}

async function snapshot(filters: EventFilters, sort?: EventSort): Promise<number[]> {
  const ids: number[] = [];
  let after: string | undefined;
  do {
    const page: EventPage = await c.call('eventsQuery', { filters, sort, limit: 1000, after });
    ids.push(...page.rows.map((r) => r.id));
    after = page.nextCursor ?? undefined;
  } while (after);
  return ids;
}

describe('cursor paging while the engine keeps logging', () => {
  const cases: [string, EventFilters, EventSort | undefined, number][] = [
    ['all events', {}, undefined, 700],
    ['several types (merged index walks)', { types: ['sms_failure', 'wrong_code'] }, undefined, 150],
    ['free text (walks the search index)', { search: 'filtered' }, undefined, 20],
    ['sorted by carrier', { types: ['sms_failure'] }, { field: 'carrier', direction: 'desc' }, 60],
  ];
  for (const [name, filters, sort, limit] of cases) {
    it(`${name}: neither skips nor repeats a row`, async () => {
      c = await generatedConsole(200, 12_000, 3);
      const before = await snapshot(filters, sort);
      const seen: number[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page: EventPage = await c.call('eventsQuery', { filters, sort, limit, after });
        seen.push(...page.rows.map((r) => r.id));
        after = page.nextCursor ?? undefined;
        pages++;
        await engineAppends(3, pages % 2 ? 'sms_failure' : 'wrong_code');
      } while (after);
      expect(pages).toBeGreaterThan(1);
      const fresh = new Set((await snapshot(filters, sort)).filter((id) => !before.includes(id)));
      expect(fresh.size).toBeGreaterThan(0);
      // Newest-first paging shows what existed when it started; new events are newer than
      // the first page and appear when the operator goes back to it (or sorted elsewhere).
      const old = seen.filter((id) => !fresh.has(id));
      expect(old).toEqual(before);
      expect(new Set(seen).size).toBe(seen.length);
    });
  }
});

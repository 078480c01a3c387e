import { afterEach, describe, expect, it } from 'vitest';
import type { EventPage, SavedFilter } from '../../../src/shared/contract/events';
import { generatedConsole, type Console } from './helpers';

let c: Console;
afterEach(() => c?.close());

describe('saved filters', () => {
  it('are saved by name, reopened to the same results, replaced and deleted', async () => {
    c = await generatedConsole(100, 3_000, 2);
    const filters = {
      carrier: 'EE',
      types: ['sms_failure', 'wrong_code'],
      from: '2026-11-01',
      timeZone: 'Europe/London',
    };
    const saved: SavedFilter = await c.call('savedFilterSave', { name: 'EE failures', filters });
    expect(saved).toMatchObject({ name: 'EE failures', filters, sort: null });

    const [reopened] = await c.call('savedFiltersList', {});
    const direct: EventPage = await c.call('eventsQuery', { filters });
    const again: EventPage = await c.call('eventsQuery', { filters: reopened.filters });
    expect(again.rows.map((r) => r.id)).toEqual(direct.rows.map((r) => r.id));

    c.clock.advance(60_000);
    await c.call('savedFilterSave', {
      name: 'ee FAILURES',
      filters: { carrier: 'EE' },
      sort: { field: 'type', direction: 'asc' },
    });
    const list: SavedFilter[] = await c.call('savedFiltersList', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: 'EE failures',
      filters: { carrier: 'EE' },
      sort: { field: 'type', direction: 'asc' },
    });
    expect(list[0].updatedAt).toBeGreaterThan(list[0].createdAt);

    expect(await c.call('savedFilterDelete', { name: 'EE Failures' })).toEqual({ deleted: true });
    expect(await c.call('savedFilterDelete', { name: 'EE Failures' })).toEqual({ deleted: false });
    expect(await c.call('savedFiltersList', {})).toEqual([]);
  });

  it('refuses filters a query would refuse, naming the field', async () => {
    c = await generatedConsole(50, 500, 2);
    await expect(
      c.call('savedFilterSave', { name: 'bad', filters: { from: '2026-11-01', timeZone: 'Atlantis/Deep' } }),
    ).rejects.toMatchObject({ code: 'INVALID_TIME_ZONE', message: expect.stringContaining('timeZone') });
    await expect(c.call('savedFilterSave', { name: ' ', filters: {} })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('name'),
    });
    expect(await c.call('savedFiltersList', {})).toEqual([]);
  });
});

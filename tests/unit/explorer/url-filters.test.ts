import { describe, expect, it } from 'vitest';
import { ERROR_EVENT_IDS } from '../../../src/shared/events';
import {
  DEFAULT_SORT,
  apiFiltersOf,
  fromApiFilters,
  hasFilters,
  includesAll,
  paramsFromQuery,
  queryFromParams,
  toApiFilters,
  type ExplorerQuery,
} from '../../../src/renderer/src/pages/explorer/url-filters';

const read = (search: string) => queryFromParams(new URLSearchParams(search));

describe('explorer filters in the URL', () => {
  it('round-trips every filter and a sort, so Back and a shared link restore the same view', () => {
    const query: ExplorerQuery = {
      filters: {
        search: 'vodafone 30007',
        from: '2026-11-01',
        to: '2026-11-22',
        types: ['account_lock', 'not_my_number'],
        user: 'cal@example.com',
        role: 'employee',
        carrier: 'AT&T Wireless',
        country: 'GB',
        code: '30007',
      },
      sort: { field: 'carrier', direction: 'asc' },
    };
    const params = paramsFromQuery(query);
    expect(params.getAll('type')).toEqual(['account_lock', 'not_my_number']);
    expect(params.get('sort')).toBe('carrier:asc');
    expect(read(params.toString())).toEqual(query);
  });

  it('keeps Starred and Tag in the URL and in saved filters; a malformed tag in a link is dropped', () => {
    const query: ExplorerQuery = {
      filters: { starred: true, tags: ['fraud', 'sim-swap'], all: true },
      sort: DEFAULT_SORT,
    };
    const params = paramsFromQuery(query);
    expect(params.toString()).toBe('starred=1&tag=fraud&tag=sim-swap&all=1');
    expect(read(params.toString())).toEqual(query);
    expect(read('tag=Fraud&tag=no%2Fslash&tag=fraud&starred=yes').filters).toEqual({ tags: ['fraud'] });
    const api = apiFiltersOf(query.filters);
    expect(api).toEqual({ starred: true, tags: ['fraud', 'sim-swap'] });
    expect(fromApiFilters(api)).toEqual(query.filters);
    expect(hasFilters({ starred: true })).toBe(true);
  });

  it('reads the Users page link ?user=<email>', () => {
    expect(read('user=cal%40example.com').filters).toEqual({ user: 'cal@example.com' });
  });

  it('leaves the default sort (newest first) and empty values out of the URL', () => {
    expect(paramsFromQuery({ filters: {}, sort: DEFAULT_SORT }).toString()).toBe('');
    expect(read('q=%20%20&user=&sort=')).toEqual({ filters: {}, sort: DEFAULT_SORT });
  });

  it('drops what the API would refuse: unknown types, malformed days, bad roles, sort fields and countries', () => {
    const q = read(
      'type=account_lock&type=drop_tables&from=22/11/2026&to=2026-11-22&role=root&country=GBR&sort=email:asc',
    );
    expect(q.filters).toEqual({ types: ['account_lock'], to: '2026-11-22' });
    expect(q.sort).toEqual(DEFAULT_SORT);
  });

  it('upper-cases a country and ignores a repeated type', () => {
    expect(read('country=gb&type=account_lock&type=account_lock').filters).toEqual({
      country: 'GB',
      types: ['account_lock'],
    });
  });

  it('sends the operator time zone only when a day is chosen', () => {
    expect(toApiFilters({ types: ['account_lock'] }, 'America/New_York')).toEqual({ types: ['account_lock'] });
    expect(toApiFilters({ to: '2026-11-22', all: true }, 'America/New_York')).toEqual({
      to: '2026-11-22',
      timeZone: 'America/New_York',
    });
  });

  it('shows the errors only unless the switch includes sign-ins and admin actions (?all=1)', () => {
    expect(toApiFilters({}, 'UTC')).toEqual({ types: [...ERROR_EVENT_IDS] });
    expect(toApiFilters({ carrier: 'EE' }, 'UTC')).toEqual({ carrier: 'EE', types: [...ERROR_EVENT_IDS] });
    expect(toApiFilters({ all: true }, 'UTC')).toEqual({});
    // Chosen types are what they are, with or without the switch.
    expect(toApiFilters({ types: ['code_sent'] }, 'UTC')).toEqual({ types: ['code_sent'] });
    expect(read('all=1').filters).toEqual({ all: true });
    expect(read('all=yes').filters).toEqual({});
    expect(paramsFromQuery({ filters: { user: 'cal@example.com', all: true }, sort: DEFAULT_SORT }).toString()).toBe(
      'user=cal%40example.com&all=1',
    );
    expect(includesAll({})).toBe(false);
    expect(includesAll({ types: ['account_lock'] })).toBe(false);
    expect(includesAll({ types: ['account_lock', 'admin_unlock'] })).toBe(true);
    expect(hasFilters({ all: true })).toBe(true);
  });

  it('opens a "more like this" preset or saved filter as URL filters (user ids become text, instants days)', () => {
    // No types in the API's filters is every event: "All events of …" includes sign-ins.
    expect(fromApiFilters({ user: 27 })).toEqual({ user: '27', all: true });
    // A filter saved from the default view (errors only) reopens as the default view.
    expect(fromApiFilters(apiFiltersOf({ carrier: 'EE' }))).toEqual({ carrier: 'EE' });
    expect(fromApiFilters({ code: '500', types: ['mfa_provider_failure'] })).toEqual({
      code: '500',
      types: ['mfa_provider_failure'],
    });
    expect(fromApiFilters({ from: '2026-11-01T09:00:00Z', timeZone: 'Europe/London' })).toEqual({
      from: '2026-11-01',
      all: true,
    });
  });

  it('knows when anything narrows the log', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ types: [] })).toBe(false);
    expect(hasFilters({ carrier: 'EE' })).toBe(true);
  });
});

describe("a Trends cell's hour, weekday and zone in the URL", () => {
  it('round-trips hour of day, weekday and a link zone, and sends them with that zone', () => {
    const params = new URLSearchParams('hour=0&weekday=7&tz=UTC&carrier=EE&from=2026-11-01&to=2026-11-30');
    const { filters } = queryFromParams(params);
    expect(filters).toMatchObject({ hourOfDay: 0, weekday: 7, timeZone: 'UTC', carrier: 'EE' });
    expect(queryFromParams(paramsFromQuery({ filters, sort: DEFAULT_SORT })).filters).toEqual(filters);
    expect(toApiFilters(filters, 'Europe/London')).toMatchObject({ hourOfDay: 0, weekday: 7, timeZone: 'UTC' });
  });

  it("uses the operator's zone for an hour filter without dates, and drops values out of range", () => {
    expect(toApiFilters(queryFromParams(new URLSearchParams('hour=9')).filters, 'Europe/London')).toMatchObject({
      hourOfDay: 9,
      timeZone: 'Europe/London',
    });
    expect(queryFromParams(new URLSearchParams('hour=24&weekday=0&tz=not a zone')).filters).toEqual({});
  });
});

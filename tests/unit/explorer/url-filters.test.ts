import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  fromApiFilters,
  hasFilters,
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
    expect(toApiFilters({ to: '2026-11-22' }, 'America/New_York')).toEqual({
      to: '2026-11-22',
      timeZone: 'America/New_York',
    });
  });

  it('opens a "more like this" preset or saved filter as URL filters (user ids become text, instants days)', () => {
    expect(fromApiFilters({ user: 27 })).toEqual({ user: '27' });
    expect(fromApiFilters({ code: '500', types: ['mfa_provider_failure'] })).toEqual({
      code: '500',
      types: ['mfa_provider_failure'],
    });
    expect(fromApiFilters({ from: '2026-11-01T09:00:00Z', timeZone: 'Europe/London' })).toEqual({
      from: '2026-11-01',
    });
  });

  it('knows when anything narrows the log', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ types: [] })).toBe(false);
    expect(hasFilters({ carrier: 'EE' })).toBe(true);
  });
});

import type { EventFilters, EventSort, EventSortField } from '../../../../shared/contract/events';
import { EVENT_SORT_FIELDS } from '../../../../shared/contract/events';
import { tagSchema } from '../../../../shared/annotations';
import { ERROR_EVENT_IDS, EVENT_TYPE_IDS, type EventTypeId } from '../../../../shared/events';

export const ROLES = ['administrator', 'employee', 'technician'] as const;
export type Role = (typeof ROLES)[number];

/** What the explorer filters on, as the URL holds it (no time zone: that is the operator's, added per call). */
export interface ExplorerFilters {
  search?: string;
  /** Calendar days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  types?: EventTypeId[];
  /** A user id or an email address. */
  user?: string;
  role?: Role;
  carrier?: string;
  country?: string;
  code?: string;
  /** Only events an investigator starred. */
  starred?: boolean;
  /** Events carrying any of these tags (normalised). */
  tags?: string[];
  /** Hour of day 0-23 and ISO weekday 1 (Monday) to 7, in the operator's time zone (a Trends heatmap cell). */
  hourOfDay?: number;
  weekday?: number;
  /**
   * The zone the days and hours are in when a link says so (Trends' UTC-day charts); otherwise the
   * operator's own.
   */
  timeZone?: string;
  /**
   * Sign-ins and admin actions too. Without it (and without chosen types) the log shows errors
   * only: the documents' window is "Multi-Factor Authentication Errors".
   */
  all?: boolean;
}

export interface ExplorerQuery {
  filters: ExplorerFilters;
  sort: EventSort;
}

export const DEFAULT_SORT: EventSort = { field: 'occurredAt', direction: 'desc' };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_KEYS = ['user', 'carrier', 'code'] as const;

const isType = (v: string): v is EventTypeId => (EVENT_TYPE_IDS as readonly string[]).includes(v);
const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);
const isSortField = (v: string): v is EventSortField => (EVENT_SORT_FIELDS as readonly string[]).includes(v);

/**
 * Reads the filters from the URL's search params. Anything unrecognised (an unknown type id,
 * a malformed date) is dropped rather than sent, so an old or hand-edited link still opens.
 */
export function queryFromParams(params: URLSearchParams): ExplorerQuery {
  const filters: ExplorerFilters = {};
  const search = params.get('q')?.trim();
  if (search) filters.search = search;
  for (const key of ['from', 'to'] as const) {
    const v = params.get(key);
    if (v && DAY_RE.test(v)) filters[key] = v;
  }
  const types = [...new Set(params.getAll('type').filter(isType))];
  if (types.length > 0) filters.types = types;
  for (const key of TEXT_KEYS) {
    const v = params.get(key)?.trim();
    if (v) filters[key] = v;
  }
  const role = params.get('role');
  if (role && isRole(role)) filters.role = role;
  const country = params.get('country')?.trim();
  if (country && /^[A-Za-z]{2}$/.test(country)) filters.country = country.toUpperCase();
  if (params.get('starred') === '1') filters.starred = true;
  const tags = [
    ...new Set(
      params.getAll('tag').flatMap((t) => {
        const parsed = tagSchema.safeParse(t);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  ].slice(0, 10);
  if (tags.length > 0) filters.tags = tags;
  const hour = params.get('hour');
  if (hour && /^\d{1,2}$/.test(hour) && Number(hour) <= 23) filters.hourOfDay = Number(hour);
  const weekday = params.get('weekday');
  if (weekday && /^[1-7]$/.test(weekday)) filters.weekday = Number(weekday);
  const tz = params.get('tz')?.trim();
  if (tz && /^(UTC|[A-Za-z_]+\/[A-Za-z_/+-]+|[+-]\d{2}:?\d{2})$/.test(tz)) filters.timeZone = tz;
  if (params.get('all') === '1') filters.all = true;

  let sort = DEFAULT_SORT;
  const [field, direction] = (params.get('sort') ?? '').split(':');
  if (field && isSortField(field)) sort = { field, direction: direction === 'asc' ? 'asc' : 'desc' };
  return { filters, sort };
}

/** The URL search params for filters and sort, in a stable order; the default sort is left out. */
export function paramsFromQuery({ filters, sort }: ExplorerQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  for (const type of filters.types ?? []) params.append('type', type);
  if (filters.user) params.set('user', filters.user);
  if (filters.role) params.set('role', filters.role);
  if (filters.carrier) params.set('carrier', filters.carrier);
  if (filters.country) params.set('country', filters.country);
  if (filters.code) params.set('code', filters.code);
  if (filters.starred) params.set('starred', '1');
  for (const tag of filters.tags ?? []) params.append('tag', tag);
  if (filters.hourOfDay !== undefined) params.set('hour', String(filters.hourOfDay));
  if (filters.weekday !== undefined) params.set('weekday', String(filters.weekday));
  if (filters.timeZone) params.set('tz', filters.timeZone);
  if (filters.all) params.set('all', '1');
  if (sort.field !== DEFAULT_SORT.field || sort.direction !== DEFAULT_SORT.direction) {
    params.set('sort', `${sort.field}:${sort.direction}`);
  }
  return params;
}

const isError = (type: EventTypeId) => ERROR_EVENT_IDS.includes(type);

/** Whether the log shows sign-ins and admin actions: the switch, or a chosen type that is one. */
export function includesAll(filters: ExplorerFilters): boolean {
  return Boolean(filters.all) || (filters.types ?? []).some((t) => !isError(t));
}

/** The filters as the API takes them, without a time zone (a saved filter keeps its days as days). */
export function apiFiltersOf(filters: ExplorerFilters): EventFilters {
  const { all, timeZone, ...api }: ExplorerFilters = { ...filters };
  if (timeZone) (api as EventFilters).timeZone = timeZone;
  // No type chosen and the switch off: the errors only.
  if (!all && !api.types?.length) api.types = [...(ERROR_EVENT_IDS as EventTypeId[])];
  return api;
}

/** The API's filters: the URL's plus the operator's time zone, which turns From/To days into instants. */
export function toApiFilters(filters: ExplorerFilters, timeZone: string): EventFilters {
  const api = apiFiltersOf(filters);
  if (filters.from || filters.to || filters.hourOfDay !== undefined || filters.weekday !== undefined) {
    api.timeZone = filters.timeZone ?? timeZone;
  }
  return api;
}

/**
 * The URL's filters from the API's (a saved filter, a "more like this" preset). Days stay days;
 * an instant keeps only its date, since the explorer's date fields hold days. No types means every
 * event (the switch on); exactly the error types is the default view.
 */
export function fromApiFilters(filters: EventFilters): ExplorerFilters {
  const params = new URLSearchParams();
  const types = [...new Set(filters.types ?? [])];
  const errorsOnly = types.length === ERROR_EVENT_IDS.length && types.every(isError);
  if (types.length === 0) params.set('all', '1');
  if (filters.search) params.set('q', filters.search);
  if (filters.from) params.set('from', filters.from.slice(0, 10));
  if (filters.to) params.set('to', filters.to.slice(0, 10));
  if (!errorsOnly) for (const type of types) params.append('type', type);
  if (filters.user !== undefined) params.set('user', String(filters.user));
  if (filters.role) params.set('role', filters.role);
  if (filters.carrier) params.set('carrier', filters.carrier);
  if (filters.country) params.set('country', filters.country);
  if (filters.code) params.set('code', filters.code);
  if (filters.starred) params.set('starred', '1');
  for (const tag of filters.tags ?? []) params.append('tag', tag);
  if (filters.hourOfDay !== undefined) params.set('hour', String(filters.hourOfDay));
  if (filters.weekday !== undefined) params.set('weekday', String(filters.weekday));
  return queryFromParams(params).filters;
}

export function hasFilters(filters: ExplorerFilters): boolean {
  return Object.values(filters).some((v) =>
    Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '' && v !== false,
  );
}

/** One key per distinct query, for effects and for telling a stale answer from a current one. */
export function queryKey(query: ExplorerQuery): string {
  return paramsFromQuery(query).toString();
}

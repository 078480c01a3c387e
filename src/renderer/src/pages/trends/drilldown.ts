import { DEFAULT_SORT, paramsFromQuery, type ExplorerFilters } from '../explorer/url-filters';

/** Failed deliveries and provider failures: what the failure charts count. */
export const FAILURE_TYPES = ['sms_failure', 'mfa_provider_failure'] as const;

/** The error log's address for exactly these filters (a HashRouter link). */
export function explorerHref(filters: ExplorerFilters): string {
  return `#/errors?${paramsFromQuery({ filters, sort: DEFAULT_SORT }).toString()}`;
}

/** A chart's range as the explorer's days. */
export interface DayRange {
  from: string;
  to: string;
}

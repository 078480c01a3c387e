import type { ExportFormat } from '../../../../shared/contract/events';
import type { ExplorerFilters } from './url-filters';

/**
 * A file name that says what an export holds: the filters that narrowed it and the day it
 * was made, e.g. mfa-events-account_lock-Vodafone_UK-2026-11-22.csv. The main process
 * strips anything unsafe again; this keeps the name readable.
 */
export function exportFileName(filters: ExplorerFilters, format: ExportFormat, today: string): string {
  const clean = (text: string) =>
    text
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 30);
  const parts: string[] = [];
  const types = filters.types ?? [];
  if (types.length === 1) parts.push(types[0]);
  else if (types.length > 1) parts.push(`${types.length}-types`);
  if (filters.user) parts.push(clean(filters.user.split('@')[0]));
  if (filters.role) parts.push(filters.role);
  if (filters.carrier) parts.push(clean(filters.carrier));
  if (filters.country) parts.push(filters.country);
  if (filters.code) parts.push(`code-${clean(filters.code)}`);
  if (filters.search) parts.push(`search-${clean(filters.search)}`);
  if (filters.starred) parts.push('starred');
  if (filters.tags?.length) parts.push(`tag-${clean(filters.tags.join('_'))}`);
  // Days are YYYY-MM-DD already (the URL reader drops anything else).
  if (filters.from || filters.to) parts.push(`${filters.from ?? 'start'}_to_${filters.to ?? 'now'}`);
  const label = parts.filter((p) => p && !p.endsWith('-')).join('-');
  // The default view holds the errors only; its file says so.
  const what = !filters.all && types.length === 0 ? 'mfa-errors' : 'mfa-events';
  return `${what}${label ? `-${label}` : ''}-${today}.${extension(format)}`;
}

/** Swaps the extension of a typed path when the operator changes the format. */
export function withFormat(path: string, format: ExportFormat): string {
  return /\.(csv|ndjson)$/i.test(path) ? path.replace(/\.(csv|ndjson)$/i, `.${extension(format)}`) : path;
}

/** Excel-friendly CSV is CSV: the same .csv name. */
const extension = (format: ExportFormat) => (format === 'ndjson' ? 'ndjson' : 'csv');

import { z } from 'zod';
import { EVENT_TYPES } from '../events';
import { MAX_TIME_MS, method } from './define';

/** The event types that are operator actions: the Audit page lists these, when an operator acted. */
export const AUDIT_ACTIONS = EVENT_TYPES.filter((t) => t.kind === 'admin').map((t) => t.id);

/** One operator action as the Audit page shows it (and its CSV export writes it). */
export interface AuditRow {
  id: number;
  occurredAt: number;
  operator: string;
  action: string;
  actionLabel: string;
  targetEmail: string | null;
  targetName: string | null;
  reason: string | null;
  /** What the action rests on: a caller check, an approval, a code read back, a bulk batch; null if nothing. */
  restsOn: string | null;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `after` for the next page; null on the last. */
  nextCursor: string | null;
  total: number;
}

export interface AuditExportValue {
  /** RFC 4180 CSV: the Audit page's columns, the rows its filters match, newest first. */
  csv: string;
  rows: number;
  /** True when more rows matched than one export holds (AUDIT_EXPORT_LIMIT). */
  truncated: boolean;
}

export const AUDIT_EXPORT_LIMIT = 50_000;

const time = z.number().int().min(0).max(MAX_TIME_MS, 'is beyond any date the console can show');
export const auditFilters = z
  .object({
    operator: z.string().trim().max(320).optional().describe('the acting operator, part of their email'),
    action: z
      .string()
      .refine((a) => (AUDIT_ACTIONS as string[]).includes(a), 'is not an operator action (see the Audit page list)')
      .optional(),
    target: z.string().trim().max(320).optional().describe('the user acted on: part of their email or name'),
    from: time.optional(),
    to: time.optional(),
  })
  .strict();

export const auditMethods = {
  /** Every operator action, newest first, with who, on whom, why, what it rests on, and when. */
  auditLog: method<AuditPage>()(
    auditFilters
      .extend({ limit: z.number().int().min(1).max(500).optional(), after: z.string().max(200).optional() })
      .strict(),
  ),
  /** The same rows as CSV: exactly the page's columns and filters. */
  exportAudit: method<AuditExportValue>()(auditFilters),
};

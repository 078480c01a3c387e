import type { EntityManager } from 'typeorm';
import {
  AUDIT_ACTIONS,
  AUDIT_EXPORT_LIMIT,
  type AuditExportValue,
  type AuditPage,
  type AuditRow,
} from '../../shared/contract/audit';
import { eventLabel } from '../../shared/events';
import { utcText } from '../../shared/time-text';
import { DomainError } from '../core/domain-error';
import type { Database } from '../db/database';

export interface AuditFilters {
  operator?: string;
  action?: string;
  target?: string;
  from?: number;
  to?: number;
}

interface EventRow {
  id: number;
  occurred_at: number;
  type: string;
  actor: string;
  user_email: string | null;
  user_name: string | null;
  reason: string | null;
  details: string | null;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(filters: AuditFilters): { sql: string; params: unknown[] } {
  const where = [`actor IS NOT NULL`, `type IN (${AUDIT_ACTIONS.map(() => '?').join(', ')})`];
  const params: unknown[] = [...AUDIT_ACTIONS];
  if (filters.operator) {
    where.push(`actor LIKE ? ESCAPE '\\'`);
    params.push(like(filters.operator));
  }
  if (filters.action) {
    where.push('type = ?');
    params.push(filters.action);
  }
  if (filters.target) {
    where.push(`(user_email LIKE ? ESCAPE '\\' OR user_name LIKE ? ESCAPE '\\')`);
    params.push(like(filters.target), like(filters.target));
  }
  if (filters.from !== undefined) {
    where.push('occurred_at >= ?');
    params.push(filters.from);
  }
  if (filters.to !== undefined) {
    where.push('occurred_at < ?');
    params.push(filters.to);
  }
  return { sql: where.join(' AND '), params };
}

const short = (id: unknown) => String(id).slice(0, 8);

/**
 * What an action rests on, from its event's details: the caller check it cited, an approval or a
 * "verified another way" (when those are recorded), the code read back from a new number, the bulk
 * batch it was part of.
 */
export function restsOn(details: Record<string, unknown> | null): string | null {
  if (!details) return null;
  const parts: string[] = [];
  const check = details.callerCheck as { id?: string; verifiedAt?: number; actor?: string | null } | undefined;
  if (check?.id) {
    parts.push(
      `caller check ${short(check.id)} passed ${check.verifiedAt ? utcText(check.verifiedAt) : ''}${check.actor ? ` (by ${check.actor})` : ''}`.replace(
        /\s+\(/,
        ' (',
      ),
    );
  }
  const another = details.verifiedAnotherWay ?? details.verifiedOtherWay;
  if (typeof another === 'string') parts.push(`verified another way: ${another}`);
  else if (another && typeof another === 'object' && 'how' in another) {
    parts.push(`verified another way: ${String((another as { how: unknown }).how)}`);
  }
  const approval = (details.approval ?? details.approvalId ?? details.requestId) as unknown;
  if (approval && typeof approval === 'object') {
    // An approval carried out records its request as `requestId` (admin-actions' ActionRun).
    const a = approval as { id?: unknown; requestId?: unknown; approvedBy?: unknown; by?: unknown };
    parts.push(
      `approval ${short(a.id ?? a.requestId ?? '')}${a.approvedBy || a.by ? ` by ${String(a.approvedBy ?? a.by)}` : ''}`,
    );
  } else if (approval) parts.push(`approval ${short(approval)}`);
  if (typeof details.confirmedBy === 'string') parts.push(details.confirmedBy);
  const bulk = details.bulk as { id?: string; size?: number; incident?: number } | undefined;
  if (bulk?.id) {
    parts.push(
      `bulk action ${short(bulk.id)} of ${bulk.size ?? '?'} users${bulk.incident ? ` for incident ${bulk.incident}` : ''}`,
    );
  }
  return parts.length ? parts.join('; ') : null;
}

function parseDetails(text: string | null): Record<string, unknown> | null {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function toRow(row: EventRow): AuditRow {
  const details = parseDetails(row.details);
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    operator: row.actor,
    action: row.type,
    actionLabel: eventLabel(row.type),
    targetEmail: row.user_email,
    targetName: row.user_name,
    reason: row.reason,
    restsOn: restsOn(details),
  };
}

function decodeCursor(text: string): { at: number; id: number } {
  const [at, id] = text.split('.').map(Number);
  if (!Number.isInteger(at) || !Number.isInteger(id)) {
    throw new DomainError('INVALID_INPUT', 'after: not a cursor this console gave out.');
  }
  return { at, id };
}

const SELECT = 'SELECT id, occurred_at, type, actor, user_email, user_name, reason, details FROM events';

async function page(manager: EntityManager, filters: AuditFilters, limit: number, after?: string) {
  const { sql, params } = whereOf(filters);
  const pageWhere = [sql];
  const pageParams = [...params];
  if (after) {
    const cursor = decodeCursor(after);
    pageWhere.push('(occurred_at < ? OR (occurred_at = ? AND id < ?))');
    pageParams.push(cursor.at, cursor.at, cursor.id);
  }
  return (await manager.query(`${SELECT} WHERE ${pageWhere.join(' AND ')} ORDER BY occurred_at DESC, id DESC LIMIT ?`, [
    ...pageParams,
    limit + 1,
  ])) as EventRow[];
}

/** Every operator action, newest first, in keyset pages. */
export async function auditLog(
  db: Database,
  input: AuditFilters & { limit?: number; after?: string },
): Promise<AuditPage> {
  const limit = input.limit ?? 100;
  return db.read(async (manager) => {
    const rows = await page(manager, input, limit, input.after);
    const { sql, params } = whereOf(input);
    const [{ n }] = (await manager.query(`SELECT COUNT(*) AS n FROM events WHERE ${sql}`, params)) as { n: number }[];
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      rows: shown.map(toRow),
      total: Number(n),
      nextCursor: rows.length > limit && last ? `${last.occurred_at}.${last.id}` : null,
    };
  });
}

export const AUDIT_CSV_COLUMNS = [
  'time_utc',
  'operator',
  'action',
  'target_email',
  'target_name',
  'reason',
  'rests_on',
  'event_id',
];

/** A CSV cell: quoted, quotes doubled, and a leading ' before what a spreadsheet would run as a formula. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditCsv(rows: AuditRow[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        new Date(r.occurredAt).toISOString(),
        r.operator,
        r.actionLabel,
        r.targetEmail,
        r.targetName,
        r.reason,
        r.restsOn,
        r.id,
      ]
        .map((v) => cell(v))
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** The Audit page's rows as CSV: the same filters and columns, every matching row up to the limit. */
export async function exportAudit(db: Database, filters: AuditFilters): Promise<AuditExportValue> {
  const rows = await db.read((manager) => page(manager, filters, AUDIT_EXPORT_LIMIT));
  const shown = rows.slice(0, AUDIT_EXPORT_LIMIT).map(toRow);
  return { csv: auditCsv(shown), rows: shown.length, truncated: rows.length > AUDIT_EXPORT_LIMIT };
}

import type { EntityManager } from 'typeorm';
import type { EventTypeId } from '../../shared/events';
import { indexEventRange } from './index-range';

/** One event to append to the log. Times are unix milliseconds from the engine's clock. */
export interface NewEvent {
  occurredAt: number;
  type: EventTypeId;
  userId?: number | null;
  userName?: string | null;
  userEmail?: string | null;
  userRole?: string | null;
  phone?: string | null;
  country?: string | null;
  carrier?: string | null;
  provider?: string | null;
  providerCode?: string | null;
  message?: string | null;
  actor?: string | null;
  reason?: string | null;
  sessionId?: string | null;
  details?: Record<string, unknown> | null;
}

export const EVENT_COLUMNS = [
  'occurred_at',
  'type',
  'user_id',
  'user_name',
  'user_email',
  'user_role',
  'phone',
  'country',
  'carrier',
  'provider',
  'provider_code',
  'message',
  'actor',
  'reason',
  'session_id',
  'details',
] as const;

/**
 * The only way an event enters the log (the table refuses UPDATE and DELETE).
 * Call it inside the transaction that makes the change the event describes, so the
 * change and its record land together or not at all. Returns the new event id.
 */
export async function appendEvent(manager: EntityManager, event: NewEvent): Promise<number> {
  const values = [
    event.occurredAt,
    event.type,
    event.userId ?? null,
    event.userName ?? null,
    event.userEmail ?? null,
    event.userRole ?? null,
    event.phone ?? null,
    event.country ?? null,
    event.carrier ?? null,
    event.provider ?? null,
    event.providerCode ?? null,
    event.message ?? null,
    event.actor ?? null,
    event.reason ?? null,
    event.sessionId ?? null,
    event.details ? JSON.stringify(event.details) : null,
  ];
  const placeholders = EVENT_COLUMNS.map(() => '?').join(', ');
  await manager.query(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${placeholders})`, values);
  const [row] = (await manager.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
  // Search index and counts change in the same transaction, so a new event is searchable at once.
  await indexEventRange(manager, row.id, row.id);
  return row.id;
}

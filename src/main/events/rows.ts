import type { EventListRow } from '../../shared/contract/events';
import { eventType } from '../../shared/events';
import { maskPhone } from '../../shared/mask';
import type { EventDbRow } from './query-sql';

/** A database row as the grid shows it: labels resolved, phone masked, with its star and tags. */
export function toListRow(
  row: EventDbRow,
  marks: { starred: boolean; tags: string[] } = { starred: false, tags: [] },
): EventListRow {
  const info = eventType(row.type);
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    occurredAtIso: new Date(row.occurred_at).toISOString(),
    type: row.type,
    typeLabel: info?.label ?? row.type,
    kind: info?.kind ?? 'info',
    userId: row.user_id,
    userName: row.user_name,
    userEmail: row.user_email,
    userRole: row.user_role,
    phoneMasked: maskPhone(row.phone),
    country: row.country,
    carrier: row.carrier,
    provider: row.provider,
    providerCode: row.provider_code,
    message: row.message,
    actor: row.actor,
    reason: row.reason,
    sessionId: row.session_id,
    starred: marks.starred,
    tags: marks.tags,
  };
}

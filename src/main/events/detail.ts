import type { EventDetailValue, FilterPreset } from '../../shared/contract/events';
import { eventType } from '../../shared/events';
import { providerCode } from '../../shared/provider-codes';
import { DomainError } from '../core/domain-error';
import type { Database } from '../db/database';
import { readAnnotation } from './annotations';
import { SELECT_COLUMNS, type EventDbRow } from './query-sql';
import { toListRow } from './rows';

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { raw: text };
  }
}

/** "More like this": the explorer's filters for the same user, carrier or error code. */
export function presetsFor(row: EventDbRow): FilterPreset[] {
  const presets: FilterPreset[] = [];
  if (row.user_id !== null) {
    presets.push({
      id: 'same_user',
      label: `All events of ${row.user_name ?? `user ${row.user_id}`}`,
      filters: { user: row.user_id },
    });
  } else if (row.user_email) {
    presets.push({ id: 'same_user', label: `All events of ${row.user_email}`, filters: { user: row.user_email } });
  }
  if (row.carrier)
    presets.push({ id: 'same_carrier', label: `Everything on ${row.carrier}`, filters: { carrier: row.carrier } });
  if (row.provider_code) {
    presets.push({
      id: 'same_code',
      label: `Every error ${row.provider_code}`,
      filters: { code: row.provider_code, types: [row.type as never] },
    });
  }
  return presets;
}

/** Everything recorded about one event, with what it meant to the user and what to do. */
export async function eventDetail(db: Database, id: number): Promise<EventDetailValue> {
  return db.read(async (manager) => {
    const [row] = (await manager.query(`SELECT ${SELECT_COLUMNS} FROM events e WHERE e.id = ?`, [id])) as EventDbRow[];
    if (!row) throw new DomainError('NOT_FOUND', `id: there is no event ${id}.`);
    let user: EventDetailValue['user'] = null;
    if (row.user_id !== null) {
      const found = (await manager.query('SELECT id FROM users WHERE id = ?', [row.user_id])) as { id: number }[];
      user = { id: row.user_id, exists: found.length > 0 };
    }
    const info = eventType(row.type);
    const code = providerCode(row.provider_code);
    const annotation = await readAnnotation(manager, id);
    return {
      event: { ...toListRow(row, annotation), details: parseDetails(row.details) },
      catalog: {
        label: info?.label ?? row.type,
        kind: info?.kind ?? 'info',
        userMessage: info?.userMessage ? info.userMessage.replace('{code}', row.provider_code ?? 'unknown') : null,
        helpdeskAction: info?.helpdeskAction ?? 'None.',
      },
      providerCode: code ?? null,
      presets: presetsFor(row),
      user,
      annotation,
    };
  });
}

import type { EventFacets, FacetValue } from '../../shared/contract/events';
import { EVENT_TYPES, eventLabel } from '../../shared/events';
import { providerCode } from '../../shared/provider-codes';
import type { Database } from '../db/database';
import { tagCounts } from './annotations';

const ROLE_LABELS: Record<string, string> = {
  administrator: 'Administrator',
  employee: 'Employee',
  technician: 'Technician',
};

/**
 * The filter dropdowns' values with how many events carry each, from the daily counts
 * (so this costs the same at 5 million events as at 5 thousand). Types come in catalog
 * order (the documents' four first); the others by count.
 */
export async function eventFacets(db: Database): Promise<EventFacets> {
  return db.read(async (manager) => {
    const group = async (column: string): Promise<{ value: string; count: number }[]> => {
      const rows = (await manager.query(
        `SELECT ${column} AS value, SUM(n) AS count FROM event_daily_counts WHERE ${column} <> ''
         GROUP BY ${column} ORDER BY count DESC, value`,
      )) as { value: string; count: number }[];
      return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
    };
    const typeCounts = new Map((await group('type')).map((r) => [r.value, r.count]));
    const types: FacetValue[] = EVENT_TYPES.map((t) => ({
      value: t.id,
      label: t.label,
      count: typeCounts.get(t.id) ?? 0,
    }));
    for (const [value, count] of typeCounts) {
      if (!types.some((t) => t.value === value)) types.push({ value, label: eventLabel(value), count });
    }
    const roleRows = (await manager.query(
      `SELECT role AS value, COUNT(*) AS count FROM users GROUP BY role ORDER BY role`,
    )) as { value: string; count: number }[];
    return {
      types,
      carriers: (await group('carrier')).map((r) => ({ ...r, label: r.value })),
      countries: (await group('country')).map((r) => ({ ...r, label: r.value })),
      codes: (await group('provider_code')).map((r) => ({
        ...r,
        label: providerCode(r.value) ? `${r.value}: ${providerCode(r.value)?.title}` : r.value,
      })),
      // Roles count users, not events: the log does not keep a daily count per role.
      roles: roleRows.map((r) => ({ value: r.value, label: ROLE_LABELS[r.value] ?? r.value, count: Number(r.count) })),
      tags: (await tagCounts(manager)).map((r) => ({ ...r, label: r.value })),
    };
  });
}

import type { EventSort, ParsedEventFilters, SavedFilter } from '../../shared/contract/events';
import type { Database } from '../db/database';
import type { Clock } from '../core/clock';
import { resolveFilters } from './filters';
import { rawRunner } from './raw-runner';

interface Row {
  name: string;
  filters: string;
  sort: string | null;
  created_at: number;
  updated_at: number;
}

const toSaved = (row: Row): SavedFilter => ({
  name: row.name,
  filters: JSON.parse(row.filters) as SavedFilter['filters'],
  sort: row.sort ? (JSON.parse(row.sort) as EventSort) : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function listSavedFilters(db: Database): Promise<SavedFilter[]> {
  const rows = await db.query<Row>('SELECT * FROM saved_event_filters ORDER BY updated_at DESC, name');
  return rows.map(toSaved);
}

/** Saves the filters as given (dates stay dates, so "last 7 days" style edits reopen as typed). */
export async function saveFilter(
  db: Database,
  clock: Clock,
  input: { name: string; filters: ParsedEventFilters; sort?: EventSort },
): Promise<SavedFilter> {
  // Refuse what a query would refuse (an unknown time zone, From after To) before saving it.
  await db.read((manager) => resolveFilters(input.filters, rawRunner(manager)));
  const now = clock.now();
  return db.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO saved_event_filters (name, filters, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET filters = excluded.filters, sort = excluded.sort, updated_at = excluded.updated_at`,
      [input.name, JSON.stringify(input.filters), input.sort ? JSON.stringify(input.sort) : null, now, now],
    );
    const [row] = (await manager.query('SELECT * FROM saved_event_filters WHERE name = ?', [input.name])) as Row[];
    return toSaved(row);
  });
}

export async function deleteSavedFilter(db: Database, name: string): Promise<{ deleted: boolean }> {
  return db.transaction(async (manager) => {
    const found = (await manager.query('SELECT name FROM saved_event_filters WHERE name = ?', [name])) as Row[];
    if (found.length === 0) return { deleted: false };
    await manager.query('DELETE FROM saved_event_filters WHERE name = ?', [name]);
    return { deleted: true };
  });
}

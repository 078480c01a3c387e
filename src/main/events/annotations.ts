import type { EntityManager } from 'typeorm';
import type { EventAnnotation } from '../../shared/contract/annotations';
import type { Clock } from '../core/clock';
import { DomainError } from '../core/domain-error';
import type { Database } from '../db/database';
import type { SqlRunner } from './index-range';

export const NO_ANNOTATION: EventAnnotation = {
  starred: false,
  tags: [],
  note: null,
  updatedBy: null,
  updatedAt: null,
};

interface AnnotationRow {
  starred: number;
  note: string | null;
  updated_by: string;
  updated_at: number;
  tags: string | null;
}

/** One event's star, tags and note (NO_ANNOTATION when it has none). */
export async function readAnnotation(runner: SqlRunner | EntityManager, id: number): Promise<EventAnnotation> {
  const [row] = (await runner.query(
    `SELECT a.starred, a.note, a.updated_by, a.updated_at,
       (SELECT json_group_array(tag) FROM (SELECT tag FROM event_tags t WHERE t.event_id = a.event_id ORDER BY tag)) AS tags
     FROM event_annotations a WHERE a.event_id = ?`,
    [id],
  )) as AnnotationRow[];
  if (!row) return NO_ANNOTATION;
  return {
    starred: Number(row.starred) === 1,
    tags: JSON.parse(row.tags ?? '[]') as string[],
    note: row.note,
    updatedBy: row.updated_by,
    updatedAt: Number(row.updated_at),
  };
}

/** The star and tags of a page's events, in one query (a page is at most 1,000 ids). */
export async function marksOf(
  runner: SqlRunner,
  ids: number[],
): Promise<Map<number, { starred: boolean; tags: string[] }>> {
  const marks = new Map<number, { starred: boolean; tags: string[] }>();
  if (ids.length === 0) return marks;
  const rows = (await runner.query(
    `SELECT a.event_id AS id, a.starred,
       (SELECT json_group_array(tag) FROM (SELECT tag FROM event_tags t WHERE t.event_id = a.event_id ORDER BY tag)) AS tags
     FROM event_annotations a WHERE a.event_id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  )) as { id: number; starred: number; tags: string | null }[];
  for (const row of rows) {
    marks.set(Number(row.id), { starred: Number(row.starred) === 1, tags: JSON.parse(row.tags ?? '[]') as string[] });
  }
  return marks;
}

export type AnnotationChange = { starred: boolean } | { tags: string[] } | { note: string | null };

/**
 * Changes one part of an event's annotation in one transaction, recording the operator and the
 * time. The event must exist; the event itself is never touched.
 */
export async function annotateEvent(
  db: Database,
  clock: Clock,
  actor: string,
  id: number,
  change: AnnotationChange,
): Promise<EventAnnotation> {
  const now = clock.now();
  return db.transaction(async (manager) => {
    const found = (await manager.query('SELECT id FROM events WHERE id = ?', [id])) as { id: number }[];
    if (found.length === 0) throw new DomainError('NOT_FOUND', `id: there is no event ${id}.`);
    await manager.query(
      `INSERT INTO event_annotations (event_id, updated_by, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (event_id) DO UPDATE SET updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [id, actor, now],
    );
    if ('starred' in change) {
      await manager.query('UPDATE event_annotations SET starred = ? WHERE event_id = ?', [change.starred ? 1 : 0, id]);
    } else if ('note' in change) {
      await manager.query('UPDATE event_annotations SET note = ? WHERE event_id = ?', [change.note, id]);
    } else {
      await manager.query('DELETE FROM event_tags WHERE event_id = ?', [id]);
      for (const tag of change.tags) {
        await manager.query('INSERT INTO event_tags (tag, event_id) VALUES (?, ?)', [tag, id]);
      }
    }
    return readAnnotation(manager, id);
  });
}

/** Tags in use with how many events carry each, most used first. */
export async function tagCounts(runner: SqlRunner | EntityManager): Promise<{ value: string; count: number }[]> {
  const rows = (await runner.query(
    'SELECT tag AS value, COUNT(*) AS count FROM event_tags GROUP BY tag ORDER BY count DESC, tag',
  )) as { value: string; count: number }[];
  return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
}

import type { AppContext } from '../../src/main/context';
import type { EventFilters } from '../../src/shared/contract/events';

/**
 * An investigator's marks at a realistic density, written straight into the annotation tables:
 * one event in 1,000 tagged `fraud`, one in 3,000 `sim-swap`, one in 2,000 starred.
 */
export async function seedAnnotations(ctx: AppContext, now: number): Promise<{ tagged: number; starred: number }> {
  await ctx.db.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO event_annotations (event_id, starred, updated_by, updated_at)
       SELECT id, id % 2000 = 0, 'bench@example.com', ? FROM events WHERE id % 1000 = 0 OR id % 3000 = 0`,
      [now],
    );
    await manager.query(`INSERT INTO event_tags (tag, event_id) SELECT 'fraud', id FROM events WHERE id % 1000 = 0`);
    await manager.query(`INSERT INTO event_tags (tag, event_id) SELECT 'sim-swap', id FROM events WHERE id % 3000 = 0`);
  });
  const [row] = await ctx.db.query<{ tagged: number; starred: number }>(
    `SELECT (SELECT COUNT(*) FROM event_tags) AS tagged, (SELECT COUNT(*) FROM event_annotations WHERE starred = 1) AS starred`,
  );
  return { tagged: Number(row.tagged), starred: Number(row.starred) };
}

/** The Starred and Tag filters, alone and with the filters they are used with. */
export const ANNOTATION_COMBOS: [string, EventFilters][] = [
  ['starred', { starred: true }],
  ['tag', { tags: ['fraud'] }],
  ['two tags + type', { tags: ['fraud', 'sim-swap'], types: ['sms_failure', 'wrong_code'] }],
  ['tag + carrier', { tags: ['fraud'], carrier: 'Three UK' }],
  ['tag + free text', { tags: ['fraud'], search: 'sms' }],
];

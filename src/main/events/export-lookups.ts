import { randomBytes } from 'node:crypto';
import { maskPhone } from '../../shared/mask';
import { EVENT_TYPES } from '../../shared/events';
import type { ExportLookupTables } from './export-format';
import type { SqlRunner } from './index-range';
import { dialectOf } from '../db/dialect';

export interface ExportLookups extends ExportLookupTables {
  drop(): Promise<void>;
}

/**
 * Temporary tables an export joins its pages with: every type's label, and every phone number the
 * log has seen (event_phones) with its mask as the console shows it (shared/mask.ts, so the export
 * and the screen can never disagree). TEMP tables belong to the connection and vanish with it;
 * their names are unique, so two exports on one connection do not meet.
 */
export async function createExportLookups(runner: SqlRunner, unmasked: boolean): Promise<ExportLookups> {
  // A team database's lines are made in JavaScript (export-lines.ts), with the same labels and masks.
  if (!dialectOf(runner).exportLinesInDatabase)
    return { labels: '', masks: unmasked ? null : '', drop: async () => undefined };
  const suffix = randomBytes(6).toString('hex');
  const labels = `temp.export_labels_${suffix}`;
  const masks = unmasked ? null : `temp.export_masks_${suffix}`;
  await runner.query(`CREATE TABLE ${labels} (type TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID`);
  await insertPairs(
    runner,
    labels,
    EVENT_TYPES.map((t) => [t.id, t.label]),
  );
  if (masks) {
    await runner.query(`CREATE TABLE ${masks} (phone TEXT PRIMARY KEY, masked TEXT NOT NULL) WITHOUT ROWID`);
    const phones = (await runner.query('SELECT phone FROM event_phones')) as { phone: string }[];
    await insertPairs(
      runner,
      masks,
      phones.map((row) => [row.phone, maskPhone(row.phone) ?? row.phone]),
    );
  }
  return {
    labels,
    masks,
    async drop() {
      await runner.query(`DROP TABLE IF EXISTS ${labels}`);
      if (masks) await runner.query(`DROP TABLE IF EXISTS ${masks}`);
    },
  };
}

async function insertPairs(runner: SqlRunner, table: string, pairs: [string, string][]): Promise<void> {
  for (let i = 0; i < pairs.length; i += 400) {
    const slice = pairs.slice(i, i + 400);
    await runner.query(`INSERT OR IGNORE INTO ${table} VALUES ${slice.map(() => '(?, ?)').join(', ')}`, slice.flat());
  }
}

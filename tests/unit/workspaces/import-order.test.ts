import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../../src/main/events/export-format';
import { importJobs } from '../../../src/main/workspaces/importing';
import type { ImportStatusValue, WorkspaceStatus } from '../../../src/shared/contract';
import { openBench, type Bench } from './helpers';

let b: Bench;
beforeEach(async () => {
  b = await openBench();
  await b.ada.value<WorkspaceStatus>('workspaceCreate', { path: join(b.dir, 'order.sqlite') });
});
afterEach(() => b.close());

const BASE = Date.parse('2026-11-22T09:00:00Z');

/** A console CSV export whose rows carry these times (seconds after BASE), in this order. */
function exportWith(name: string, seconds: number[]): string {
  const path = join(b.dir, name);
  const rows = seconds.map(
    (s, i) =>
      `${i + 1},${new Date(BASE + s * 1000).toISOString()},sms_failure,"SMS Failure",1,"User 1","row${i}@example.com",employee,,false,GB,,,,,,,,`,
  );
  writeFileSync(path, [EXPORT_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n');
  return path;
}

/** The imported rows (by the email that names their place in the file), in id order. */
async function importedInIdOrder(path: string): Promise<{ row: string; second: number }[]> {
  const started = await b.ada.value<ImportStatusValue>('importStart', { files: [{ path }] });
  const settled = await importJobs(b.ctx.workspaces).settled(started.id);
  expect(settled.error).toBeNull();
  expect(settled.state).toBe('done');
  const rows = await b.ctx.workspaces.current!.db.query<{ user_email: string; occurred_at: number }>(
    `SELECT user_email, occurred_at FROM events ORDER BY id`,
  );
  return rows.map((r) => ({ row: r.user_email.split('@')[0], second: (r.occurred_at - BASE) / 1000 }));
}

describe('imported events follow time by id', () => {
  it('a file in time order, ties kept in file order', async () => {
    expect(await importedInIdOrder(exportWith('up.csv', [1, 2, 2, 5]))).toEqual([
      { row: 'row0', second: 1 },
      { row: 'row1', second: 2 },
      { row: 'row2', second: 2 },
      { row: 'row3', second: 5 },
    ]);
  });

  it('a newest-first file, reversed', async () => {
    expect((await importedInIdOrder(exportWith('down.csv', [9, 7, 4, 1]))).map((r) => r.row)).toEqual([
      'row3',
      'row2',
      'row1',
      'row0',
    ]);
  });

  it('a newest-first file with two records at the same time: those stay in file order', async () => {
    expect((await importedInIdOrder(exportWith('down-ties.csv', [9, 4, 4, 1]))).map((r) => r.row)).toEqual([
      'row3',
      'row1',
      'row2',
      'row0',
    ]);
  });

  it('a file in no order, sorted', async () => {
    expect((await importedInIdOrder(exportWith('mixed.csv', [5, 1, 9, 3]))).map((r) => r.second)).toEqual([1, 3, 5, 9]);
  });
});

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../../src/main/events/export-format';
import { importJobs } from '../../../src/main/workspaces/importing';
import type { ImportStatusValue, WorkspaceStatus } from '../../../src/shared/contract';
import { consoleLine, writeLines } from '../../../scripts/bench/import-parse';
import { openBench, type Bench } from './helpers';

// From 50,000 new events on, the import takes its bulk path: secondary indexes dropped and rebuilt
// by sorting, and (into an empty workspace) the search index written without merging, merged once.
const BULK = 50_000;

let b: Bench;
beforeEach(async () => {
  b = await openBench();
  await b.ada.value<WorkspaceStatus>('workspaceCreate', { path: join(b.dir, 'bulk.sqlite') });
});
afterEach(() => b.close());

async function imported(path: string): Promise<ImportStatusValue> {
  const started = await b.ada.value<ImportStatusValue>('importStart', { files: [{ path }] });
  return importJobs(b.ctx.workspaces).settled(started.id);
}

const search = async (text: string) =>
  (await b.ada.value<{ rows: { userEmail: string }[] }>('eventsQuery', { filters: { search: text }, limit: 100 })).rows;

describe('a bulk import into an empty workspace', () => {
  it('is searchable when done, its search index whole and merging again for the next import', async () => {
    const big = join(b.dir, 'big.csv');
    await writeLines(big, BULK + 1000, consoleLine, EXPORT_COLUMNS.join(',') + '\r\n');
    const done = await imported(big);
    expect(done.state).toBe('done');
    expect(done.result!.imported).toBe(BULK + 1000);
    // consoleLine gives user i % 5000 to row i: 10 rows of user4242 among 51,000.
    const rows = await search('user4242');
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.userEmail))).toEqual(new Set(['user4242@example.com']));

    const db = b.ctx.workspaces.current!.db;
    // FTS5's own check: the index matches the events it was built from.
    await db.query(`INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)`);
    const [config] = await db.query<{ v: number }>(`SELECT v FROM events_fts_config WHERE k = 'automerge'`);
    expect(Number(config.v)).toBe(4);
    const indexes = await db.query<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name`,
    );
    expect(indexes.map((i) => i.name)).toContain('idx_events_type_time');

    // The next, small import (other rows of a file of its own) is found by search too: user4999 had
    // 10 rows (4999, 9999, …, 49999), the new file adds one (row 904,999).
    expect(await search('user4999')).toHaveLength(10);
    const small = join(b.dir, 'small.csv');
    await writeLines(small, 20, (i) => consoleLine(i + 904_990), EXPORT_COLUMNS.join(',') + '\r\n');
    const next = await imported(small);
    expect(next.result!.imported).toBe(20);
    expect(await search('user4999')).toHaveLength(11);
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventTotal, ParsedEventFilters } from '../../src/shared/contract/events';
import { openDatabase } from '../../src/main/db/data-source';
import { Database } from '../../src/main/db/database';
import { generateDemoData } from '../../src/main/demo/generate';
import { countEvents, queryEvents } from '../../src/main/events/query';
import { testDatabase } from '../support/test-database';

/**
 * The total beside a first page of a text search, on a log longer than the team database's sample
 * (20,000 ids): a word with few matches is counted exactly, as on a local file; one with many is
 * an estimate close to the exact count, said to be one; and the first page itself is the file's.
 */
const NOW = Date.UTC(2026, 10, 20, 12);
const dir = mkdtempSync(join(tmpdir(), 'mfa-text-counts-'));
let sqlite: Database;
let postgres: Database;

beforeAll(async () => {
  sqlite = new Database(await openDatabase({ path: join(dir, 'counts.sqlite') }));
  postgres = new Database(await openDatabase({ path: await testDatabase() }));
  for (const db of [sqlite, postgres]) await generateDemoData(db, { users: 400, events: 60_000, seed: 3, now: NOW });
}, 240_000);
afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
  rmSync(dir, { recursive: true, force: true });
});

const firstPage = async (db: Database, filters: ParsedEventFilters) => queryEvents(db, { filters, limit: 100 });

/** Words of the log with about this many events each: a user's name, a carrier's, a message word. */
async function wordWithMatches(low: number, high: number): Promise<string> {
  const rows = await sqlite.query<{ word: string; n: number }>(
    `SELECT term AS word, doc AS n FROM events_fts_words WHERE doc BETWEEN ? AND ? AND term GLOB '[a-z]*' ORDER BY doc DESC LIMIT 1`,
    [low, high],
  );
  expect(rows, `a word with ${low}-${high} matches`).toHaveLength(1);
  return rows[0].word;
}

beforeAll(async () => {
  await sqlite.query(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.events_fts_words USING fts5vocab(main, events_fts, row)`);
});

describe('text search totals on a long team database log', () => {
  it('a word with a few hundred matches: the exact count, the same as the local file', async () => {
    const word = await wordWithMatches(100, 2000);
    const [file, team] = [await firstPage(sqlite, { search: word }), await firstPage(postgres, { search: word })];
    expect(team.total).toEqual(file.total);
    expect((team.total as EventTotal).exact).toBe(true);
    expect(team.rows.map((r) => r.id)).toEqual(file.rows.map((r) => r.id));
  });

  it('a word in most events: an estimate, said to be one, within 10% of the exact count', async () => {
    const word = await wordWithMatches(30_000, 60_000);
    const team = await firstPage(postgres, { search: word });
    const exact = await countEvents(postgres, { search: word });
    expect(exact.exact).toBe(true);
    expect(team.total).toMatchObject({ exact: false, method: 'estimate' });
    expect(Math.abs((team.total as EventTotal).value - exact.value) / exact.value).toBeLessThan(0.1);
    expect(team.rows.map((r) => r.id)).toEqual((await firstPage(sqlite, { search: word })).rows.map((r) => r.id));
  });

  it('a common word with a carrier: an estimate within 15% of the exact count; a rare one with it, exact', async () => {
    const [{ carrier }] = await sqlite.query<{ carrier: string }>(
      `SELECT carrier FROM events WHERE carrier IS NOT NULL GROUP BY carrier ORDER BY COUNT(*) DESC LIMIT 1`,
    );
    const common = { search: await wordWithMatches(30_000, 60_000), carrier };
    const team = await firstPage(postgres, common);
    const exact = await countEvents(postgres, common);
    expect(team.total).toMatchObject({ exact: false });
    expect(Math.abs((team.total as EventTotal).value - exact.value) / exact.value).toBeLessThan(0.15);

    const rare = { search: await wordWithMatches(100, 2000), carrier };
    const [file, teamRare] = [await firstPage(sqlite, rare), await firstPage(postgres, rare)];
    expect(teamRare.total).toEqual(file.total);
    expect(teamRare.total).toMatchObject({ exact: true, value: (await countEvents(postgres, rare)).value });
  });
});

describe('statistics after a bulk load', () => {
  it("a seed leaves the planner the log's statistics at once, not when autovacuum comes by", async () => {
    const db = new Database(await openDatabase({ path: await testDatabase() }));
    try {
      for (const table of ['events', 'events_fts', 'event_phones', 'event_daily_counts'])
        await db.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
      await generateDemoData(db, { users: 50, events: 3000, seed: 9, now: NOW });
      const stats = await db.query<{ tablename: string; attname: string }>(
        `SELECT tablename, attname FROM pg_stats WHERE schemaname = current_schema()
           AND (tablename, attname) IN (('events_fts', 'tsv'), ('events', 'occurred_at'), ('event_phones', 'phone'),
             ('event_daily_counts', 'day'))
         ORDER BY tablename`,
      );
      expect(stats.map((s) => s.tablename)).toEqual(['event_daily_counts', 'event_phones', 'events', 'events_fts']);
    } finally {
      await db.close();
    }
  });
});

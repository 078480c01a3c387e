import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/main/demo/generate';
import { NOW, openConsoleOn, type Console } from '../unit/events/helpers';
import { testDatabase } from '../support/test-database';

/**
 * An export of a team database is the same file, byte for byte, as the export of the same log from a
 * local file: CSV (quoting, formula guard, masked phones, UTC milliseconds), the Excel variant and
 * NDJSON with an investigator's marks, for the whole log and for filters.
 */
const dir = mkdtempSync(join(tmpdir(), 'mfa-export-parity-'));
let sqlite: Console;
let postgres: Console;

beforeAll(async () => {
  sqlite = await openConsoleOn(join(dir, 'local.sqlite'));
  postgres = await openConsoleOn(await testDatabase());
  for (const c of [sqlite, postgres]) {
    await generateDemoData(c.ctx.db, { users: 80, events: 2500, seed: 5, now: NOW });
    // Text a spreadsheet would run as a formula, quotes, a comma and a line break, and details as
    // written (1.0 stays 1.0, spaces between tokens go): written by the same event.
    await c.ctx.db.transaction((m) =>
      m.query(
        `INSERT INTO events (occurred_at, type, user_name, message, carrier, details)
         VALUES (?, 'sms_failure', '=HYPERLINK("x")', 'He said "no", then
left', '+Carrier, Ltd', '{"note": "ünïcode ✓\\u00e9", "n": [1.0, 2.50, 1e3], "ok" : true}')`,
        [NOW - 1000],
      ),
    );
    const [first] = await c.ctx.db.query<{ id: number }>('SELECT id FROM events ORDER BY id LIMIT 1');
    await c.call('eventStar', { id: Number(first.id), starred: true });
    await c.call('eventTagsSet', { id: Number(first.id), tags: ['evidence', 'carrier'] });
    await c.call('eventNoteSet', { id: Number(first.id), note: 'Caller said "twice"' });
  }
}, 120_000);
afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(c: Console, name: string, input: Record<string, unknown>): Promise<string> {
  const path = join(dir, name);
  const { id } = await c.call('exportStart', { ...input, path });
  for (;;) {
    const status = await c.call('exportStatus', { id });
    if (status.state !== 'running') {
      expect(status.error ?? null).toBeNull();
      expect(status.state).toBe('done');
      break;
    }
    // Looking again until the export ends (it runs in the background), not waiting for a time.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return readFileSync(path, 'utf8');
}

describe('exports of a team database', () => {
  for (const [label, input] of [
    ['CSV, everything', { format: 'csv' }],
    [
      'Excel CSV, errors by carrier',
      { format: 'csv-excel', filters: { types: ['sms_failure'] }, sort: { field: 'carrier', direction: 'asc' } },
    ],
    ['NDJSON, everything', { format: 'ndjson' }],
    ['NDJSON, text search', { format: 'ndjson', filters: { search: 'sms' } }],
  ] as const) {
    it(`${label}: the same bytes as from a local file`, async () => {
      const name = label.replace(/\W+/g, '-');
      const [a, b] = [
        await exported(sqlite, `${name}.sqlite.out`, input),
        await exported(postgres, `${name}.pg.out`, input),
      ];
      expect(a.length).toBeGreaterThan(1000);
      expect(b).toBe(a);
    });
  }
});

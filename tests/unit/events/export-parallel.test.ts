import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFilters, EventPage, EventSort } from '../../../src/shared/contract/events';
import { generateDemoData } from '../../../src/main/demo/generate';
import { EventExporter } from '../../../src/main/events/export';
import { ExportJournal } from '../../../src/main/events/export-journal';
import { appendEvent } from '../../../src/main/events/append';
import { maskPhone } from '../../../src/shared/mask';
import { NOW, openConsole, type Console } from './helpers';

// A database file: the export reads it on two connections of its own, on one snapshot, pages planned
// up front. The rows must be exactly the explorer's, in its order, whatever the sort and filters.
let c: Console;
let dir: string;
let exporter: EventExporter;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-export-parallel-'));
  c = await openConsole(join(dir, 'log.sqlite'));
  await generateDemoData(c.ctx.db, { users: 200, events: 12_000, seed: 11, now: NOW });
  // A back-dated event (as a Twilio delivery sync logs them): merged into pages from late_events.
  await c.ctx.db.transaction((m) =>
    appendEvent(m, {
      occurredAt: NOW - 40 * 86_400_000,
      type: 'sms_failure',
      carrier: 'Three UK',
      phone: '+447400123456',
    }),
  );
  // Small pages: many seams between the two readers.
  exporter = new EventExporter(c.ctx.db, c.clock, new ExportJournal(join(dir, 'journal')), 97);
});
afterAll(async () => {
  await c.close();
  rmSync(dir, { recursive: true, force: true });
});

async function explorerIds(filters: EventFilters, sort?: EventSort): Promise<number[]> {
  const ids: number[] = [];
  let after: string | undefined;
  do {
    const page: EventPage = await c.call('eventsQuery', { filters, sort, limit: 1000, after });
    ids.push(...page.rows.map((r) => r.id));
    after = page.nextCursor ?? undefined;
  } while (after);
  return ids;
}

async function exportedIds(name: string, filters: EventFilters, sort?: EventSort): Promise<string[][]> {
  const path = join(dir, `${name}.ndjson`);
  const { id } = await exporter.start({ format: 'ndjson', path, filters, sort });
  const status = await exporter.wait(id);
  expect(status.state, status.error ?? '').toBe('done');
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const row = JSON.parse(line) as { id: number; phone: string | null; type_label: string };
      return [String(row.id), row.phone ?? '', row.type_label];
    });
}

describe('an export of a database file on two connections', () => {
  for (const [name, filters, sort] of [
    ['everything', {}, undefined],
    [
      'errors-by-carrier',
      { types: ['sms_failure', 'wrong_code', 'cooldown_activated'] },
      { field: 'carrier', direction: 'asc' },
    ],
    ['by-country-desc', {}, { field: 'country', direction: 'desc' }],
    ['text', { search: 'vodafone' }, undefined],
    [
      'october',
      { from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/London' },
      { field: 'occurredAt', direction: 'asc' },
    ],
  ] as [string, EventFilters, EventSort | undefined][]) {
    it(`writes exactly the explorer's rows in its order: ${name}`, async () => {
      const expected = await explorerIds(filters, sort);
      expect(expected.length).toBeGreaterThan(97);
      const rows = await exportedIds(name, filters, sort);
      expect(rows.map((r) => Number(r[0]))).toEqual(expected);
    });
  }

  it('masks every phone exactly as the console shows it, and labels every type', async () => {
    const rows = await exportedIds('masks', {});
    const raw = new Map(
      (await c.ctx.db.query<{ id: number; phone: string | null }>('SELECT id, phone FROM events')).map((r) => [
        r.id,
        r.phone,
      ]),
    );
    for (const [id, phone, label] of rows) {
      expect(phone).toBe(maskPhone(raw.get(Number(id))) ?? '');
      expect(label).not.toMatch(/_/);
    }
  });
});

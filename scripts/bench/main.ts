/**
 * `npm run bench`: seeds 1,000,000 and 5,000,000 events into temporary databases and
 * times the explorer's API against the same SQL run directly on the same database in
 * the same process. Prints a table per size; see docs/performance.md for the figures.
 *
 *   npm run bench -- --sizes 100000 --runs 10
 *   npm run bench -- --postgres [--sizes 5000000]   (SQLite beside PostgreSQL)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database as SqliteConnection } from 'sqlite3';
import { createApi, type Api } from '../../src/main/api';
import { openContext, type AppContext } from '../../src/main/context';
import { generateDemoData } from '../../src/main/demo/generate';
import { appendEvent } from '../../src/main/events/append';
import type { EventFilters, EventPage } from '../../src/shared/contract/events';
import { ANNOTATION_COMBOS, seedAnnotations } from './annotations';
import { benchExport } from './export';
import { benchImportWorkspaces } from './import-workspace';
import { benchIncidents } from './incidents';
import { benchApi } from './session';
import { benchCharts } from './charts';
import { benchPostgres } from './postgres';

const NOW = Date.parse('2026-11-22T09:00:00Z');
const DAY = 86_400_000;

interface Options {
  sizes: number[];
  runs: number;
  users: number;
  keep: boolean;
  /** `--only incidents` / `--only annotations`: seed, then only those figures. */
  only: string | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: [1_000_000, 5_000_000], runs: 15, users: 50_000, keep: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const next = () => argv[++i] ?? '';
    if (argv[i] === '--sizes')
      options.sizes = next()
        .split(',')
        .map((s) => Number(s.replace(/_/g, '')));
    else if (argv[i] === '--runs') options.runs = Number(next());
    else if (argv[i] === '--users') options.users = Number(next());
    else if (argv[i] === '--keep') options.keep = true;
    else if (argv[i] === '--only') options.only = next();
  }
  return options;
}

interface Statement {
  sql: string;
  params: unknown[];
}

/** Records the SQL an API call runs on the connection, so the same statements can be replayed directly. */
function recorder(conn: SqliteConnection): {
  record<T>(work: () => Promise<T>): Promise<{ value: T; statements: Statement[] }>;
} {
  const original = conn.all.bind(conn) as (
    sql: string,
    params: unknown[],
    cb: (e: Error | null, rows: unknown[]) => void,
  ) => void;
  let log: Statement[] | null = null;
  (conn as unknown as { all: typeof original }).all = (sql, params, cb) => {
    log?.push({ sql, params: params ?? [] });
    return original(sql, params, cb);
  };
  return {
    async record(work) {
      log = [];
      try {
        const value = await work();
        return { value, statements: log };
      } finally {
        log = null;
      }
    },
  };
}

function connection(ctx: AppContext): SqliteConnection {
  return (ctx.db.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
}

function all(conn: SqliteConnection, statement: Statement): Promise<unknown[]> {
  return new Promise((resolve, reject) =>
    conn.all(statement.sql, statement.params, (error: Error | null, rows: unknown[]) =>
      error ? reject(error) : resolve(rows),
    ),
  );
}

async function replay(conn: SqliteConnection, statements: Statement[]): Promise<void> {
  for (const statement of statements) await all(conn, statement);
}

interface Stats {
  median: number;
  p95: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(runs: number, work: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 2; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

async function call<T>(api: Api, method: string, input: unknown): Promise<T> {
  const result = await api.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const pair = (s: Stats) => `${ms(s.median)} / ${ms(s.p95)}`;
const ratio = (api: Stats, sql: Stats) => (sql.median > 0 ? `${(api.median / sql.median).toFixed(1)}x` : '-');

interface Row {
  combo: string;
  firstApi: Stats;
  firstSql: Stats;
  nextApi: Stats | null;
  nextSql: Stats | null;
  countApi: Stats;
  countSql: Stats;
  total: string;
  count: number;
}

async function benchCombo(
  api: Api,
  conn: SqliteConnection,
  rec: ReturnType<typeof recorder>,
  combo: string,
  filters: EventFilters,
  runs: number,
  startAfter?: string,
): Promise<Row> {
  // Deep pages come from paging, so they carry no total, as in the grid.
  const firstInput = { filters, limit: 100, after: startAfter };
  const first = await rec.record(() => call<EventPage>(api, 'eventsQuery', firstInput));
  const firstApi = await time(runs, () => call(api, 'eventsQuery', firstInput));
  const firstSql = await time(runs, () => replay(conn, first.statements));
  let nextApi: Stats | null = null;
  let nextSql: Stats | null = null;
  if (first.value.nextCursor) {
    const nextInput = { filters, limit: 100, after: first.value.nextCursor };
    const next = await rec.record(() => call<EventPage>(api, 'eventsQuery', nextInput));
    nextApi = await time(runs, () => call(api, 'eventsQuery', nextInput));
    nextSql = await time(runs, () => replay(conn, next.statements));
  }
  const counted = await rec.record(() => call<{ value: number }>(api, 'eventsCount', { filters }));
  const countRuns = Math.max(3, Math.floor(runs / 3));
  const countApi = await time(countRuns, () => call(api, 'eventsCount', { filters }));
  const countSql = await time(countRuns, () => replay(conn, counted.statements));
  const total = first.value.total;
  return {
    combo,
    firstApi,
    firstSql,
    nextApi,
    nextSql,
    countApi,
    countSql,
    total: total ? `${total.value}${total.exact ? '' : ' (est.)'}` : '-',
    count: counted.value.value,
  };
}

async function deepCursor(api: Api, pages: number): Promise<string> {
  let after: string | undefined;
  for (let page = 1; page < pages; page++) {
    const value: EventPage = await call(api, 'eventsQuery', { limit: 100, after, includeTotal: false });
    if (!value.nextCursor) throw new Error(`the log ends before page ${pages}`);
    after = value.nextCursor;
  }
  return after!;
}

function printRows(rows: Row[]): void {
  console.log(
    '\nms, median / p95 (API call = eventsQuery through the dispatcher; SQL = the same statements on the raw connection)\n',
  );
  console.log(
    '| filters | first page API | first page SQL | ratio | next page API | next page SQL | ratio | total shown | exact count API | count SQL | count |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.combo} | ${pair(r.firstApi)} | ${pair(r.firstSql)} | ${ratio(r.firstApi, r.firstSql)} | ` +
        `${r.nextApi ? pair(r.nextApi) : '-'} | ${r.nextSql ? pair(r.nextSql) : '-'} | ${r.nextApi && r.nextSql ? ratio(r.nextApi, r.nextSql) : '-'} | ` +
        `${r.total} | ${pair(r.countApi)} | ${pair(r.countSql)} | ${r.count.toLocaleString('en')} |`,
    );
  }
}

async function benchSize(size: number, options: Options): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const ctx = await openContext({ shell: 'cli', dbPath, dataDir: dir, clock: { now: () => NOW } });
  try {
    const api = await benchApi(createApi(ctx), ctx);
    const users = Math.min(options.users, Math.max(200, Math.floor(size / 20)));
    const seedStart = performance.now();
    const seeded = await generateDemoData(ctx.db, { users, events: size, seed: 1, now: NOW });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    await ctx.db.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const fileMb = Math.round(statSync(dbPath).size / 1048576);
    console.log(`\n## ${size.toLocaleString('en')} events, ${users.toLocaleString('en')} users`);
    console.log(
      `seeded in ${seedSeconds.toFixed(1)} s (${Math.round(size / seedSeconds).toLocaleString('en')} events/s), database ${fileMb} MB`,
    );

    if (options.only === 'charts') {
      for (const line of await benchCharts(ctx, api, NOW, options.runs, time, pair)) console.log(line);
      return;
    }
    if (options.only === 'incidents') {
      const incidents = await benchIncidents(ctx, api, seeded.incidents, NOW, 90, options.runs, time, pair);
      for (const line of incidents) console.log(line);
      return;
    }
    const conn = connection(ctx);
    const rec = recorder(conn);
    const marks = await seedAnnotations(ctx, NOW);
    console.log(`annotations: ${marks.tagged.toLocaleString('en')} tags, ${marks.starred.toLocaleString('en')} stars`);
    // The user with the most events: the heaviest single-user page.
    const [busy] = await ctx.db.query<{ email: string }>(
      `SELECT user_email AS email FROM events WHERE user_id = (
         SELECT user_id FROM events WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY COUNT(*) DESC LIMIT 1) LIMIT 1`,
    );
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const combos: [string, EventFilters][] = [
      ['none', {}],
      ['one type', { types: ['cooldown_activated'] }],
      [
        'type + 30-day window',
        { types: ['sms_failure'], from: day(NOW - 30 * DAY), to: day(NOW), timeZone: 'Europe/London' },
      ],
      ['user', { user: busy.email }],
      ['carrier', { carrier: 'Three UK' }],
      ['free text', { search: 'okafor' }],
      ['free text + carrier', { search: 'okafor', carrier: 'Three UK' }],
      // Not one of the targets: a word in half the messages, to show where text search costs most.
      ['free text, common word', { search: 'sms' }],
    ];
    const rows: Row[] = [];
    if (options.only === 'annotations') {
      for (const [name, filters] of [['none', {}] as [string, EventFilters], ...ANNOTATION_COMBOS])
        rows.push(await benchCombo(api, conn, rec, name, filters, options.runs));
      printRows(rows);
      return;
    }
    for (const [name, filters] of [...combos, ...ANNOTATION_COMBOS])
      rows.push(await benchCombo(api, conn, rec, name, filters, options.runs));
    rows.push(await benchCombo(api, conn, rec, 'deep page 500', {}, options.runs, await deepCursor(api, 500)));

    // A Twilio delivery sync writes each failure at the time Twilio sent the message, older than
    // events already logged: a first sync of 30 days of failures. Text search then merges these late
    // events into its walk by id; measure that state too.
    const lateEvents = Math.max(100, Math.round(size / 1000));
    await ctx.db.transaction(async (manager) => {
      for (let i = 0; i < lateEvents; i++) {
        await appendEvent(manager, {
          occurredAt: NOW - Math.round(((i + 0.5) / lateEvents) * 30 * DAY),
          type: 'sms_failure',
          userName: 'Amara Okafor',
          userEmail: 'amara.okafor@example.com',
          provider: 'twilio',
          providerCode: '30007',
          carrier: 'Three UK',
          message: 'SMS not delivered by Three UK: filtered by carrier (30007), found by the delivery sync',
        });
      }
    });
    const late = `after ${lateEvents.toLocaleString('en')} back-dated events`;
    for (const [name, filters] of combos.filter(([n]) => n.startsWith('free text'))) {
      rows.push(await benchCombo(api, conn, rec, `${name}, ${late}`, filters, options.runs));
    }

    printRows(rows);
    // The incidents after the back-dated events (a sync's back-fill): the detector sees them too.
    for (const line of await benchIncidents(ctx, api, seeded.incidents, NOW, 90, options.runs, time, pair))
      console.log(line);
    for (const line of await benchCharts(ctx, api, NOW, options.runs, time, pair)) console.log(line);
    if (size <= 1_000_000) {
      console.log('');
      for (const line of await benchExport(api, dbPath, dir)) console.log(line);
    }
  } finally {
    await ctx.close();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dbPath}`);
  }
}

export async function runBench(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  console.log(`# mfa-console bench (node ${process.version}, ${new Date().toISOString()})`);
  // --postgres: the same log on SQLite and on PostgreSQL, side by side (5,000,000 events unless --sizes).
  if (argv.includes('--postgres')) {
    const sizes = argv.includes('--sizes') ? options.sizes : [5_000_000];
    await benchPostgres(sizes, options.users, options.runs, time);
    return;
  }
  // --import-only skips the explorer part; MFA_BENCH_IMPORT_RECORDS sizes the import part (0 skips it).
  if (!argv.includes('--import-only')) for (const size of options.sizes) await benchSize(size, options);
  const records = Number(process.env.MFA_BENCH_IMPORT_RECORDS ?? 1_000_000);
  if (records > 0) await benchImportWorkspaces(records, options.keep);
}

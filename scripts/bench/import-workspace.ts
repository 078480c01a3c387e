/**
 * Import into workspaces, end to end (issue 13): a 1,000,000-row export of the console's own CSV and
 * a 1,000,000-record synthetic Okta System Log JSON, each into a new workspace (absent: the import
 * creates it) by
 * `mfa-console import` in a process of its own (the worker thread included), with records/s, peak
 * RSS and the time until searchable (the import commits with the search index and rollups built,
 * then a text search is run). Beside it, the sqlite3 shell's `.import` of the same CSV into the same
 * schema and indexes. While the Okta import runs, the explorer's first page of the CSV workspace is
 * timed (two cores shared). MFA_BENCH_IMPORT_RECORDS sets the size (e.g. 100000 for a quick run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { openDatabase } from '../../src/main/db/data-source';
import { Database } from '../../src/main/db/database';
import { EXPORT_COLUMNS } from '../../src/main/events/export-format';
import { queryEvents } from '../../src/main/events/query';
import { consoleLine, oktaRecord, writeLines } from './import-parse';

// The project root (npm run bench runs there; the bundle itself sits under node_modules/.cache).
const ROOT = process.cwd();

interface Run {
  seconds: number;
  peakRssMb: number;
  imported: number;
}

function sqlOne<T>(db: string, sql: string): Promise<T> {
  return new Promise((done, fail) => {
    const c = new Sqlite(db);
    c.get(sql, (e: Error | null, row: T) => {
      c.close();
      if (e) fail(e);
      else done(row);
    });
  });
}

/** `mfa-console import FILE --db WS --json` in its own process; its peak RSS reported at exit. */
function importProcess(file: string, ws: string): Promise<Run> {
  const cli = join(ROOT, 'out', 'main', 'cli.js');
  const script = `require(${JSON.stringify(cli)}).runCli(process.argv.slice(1)).then((c) => {
    process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = c; })`;
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', script, 'import', file, '--db', ws, '--json'], {
      env: { ...process.env, MFA_CONSOLE_DATA_DIR: join(ws, '..', 'data') },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return fail(new Error(`import failed: ${out}${err}`));
      const rss = Number(/MAXRSS (\d+)/.exec(err)?.[1] ?? 0) / 1024;
      done({ seconds, peakRssMb: rss, imported: (JSON.parse(out) as { value: { imported: number } }).value.imported });
    });
  });
}

async function freshWorkspace(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await (await openDatabase({ path })).destroy();
  return path;
}

/** The sqlite3 shell: `.import` of the CSV, then into events with the same indexes, then the search index. */
function shellImport(csv: string, ws: string): { importSeconds: number; totalSeconds: number } {
  const ms = `CAST(ROUND((julianday(occurred_at) - 2440587.5) * 86400000) AS INTEGER)`;
  const cols = EXPORT_COLUMNS.filter((c) => !['id', 'type_label', 'phone_masked'].includes(c));
  const target = cols.map((c) => (c === 'occurred_at' ? 'occurred_at' : c)).join(', ');
  const source = cols.map((c) => (c === 'occurred_at' ? ms : `NULLIF(${c}, '')`)).join(', ');
  const started = performance.now();
  const raw = spawnSync('sqlite3', [ws, '.mode csv', `.import ${csv} raw_csv`], { encoding: 'utf8' });
  if (raw.status !== 0) throw new Error(raw.stderr);
  const importSeconds = (performance.now() - started) / 1000;
  const sql = `BEGIN;
    INSERT INTO events (${target}) SELECT ${source} FROM raw_csv ORDER BY occurred_at;
    INSERT INTO events_fts (rowid, user_name, user_email, phone, message) SELECT id, user_name, user_email, phone, message FROM events;
    COMMIT;`;
  const load = spawnSync('sqlite3', [ws, sql], { encoding: 'utf8' });
  if (load.status !== 0) throw new Error(load.stderr);
  return { importSeconds, totalSeconds: (performance.now() - started) / 1000 };
}

/** The explorer's first page (no filters) of a workspace, timed while another import runs. */
async function firstPagesWhile(ws: string, running: Promise<unknown>): Promise<number[]> {
  const db = new Database(await openDatabase({ path: ws }));
  const times: number[] = [];
  let done = false;
  void running.finally(() => (done = true));
  try {
    while (!done) {
      const t = performance.now();
      await queryEvents(db, { filters: {}, limit: 100 });
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await db.close();
  }
  return times;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
/** The 1-minute load average as each figure is printed: the cores are shared, so say how busy they were. */
const load = () => `(load ${loadavg()[0].toFixed(1)})`;

export async function benchImportWorkspaces(records: number, keep = false): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-bench-ws-'));
  try {
    console.log(`\n## import into workspaces: ${records.toLocaleString('en')} records per file`);
    const csv = join(dir, 'export.csv');
    await writeLines(csv, records, consoleLine, EXPORT_COLUMNS.join(',') + '\r\n');
    const okta = join(dir, 'okta.json');
    await writeLines(okta, records, (i) => (i % 1000 === 0 ? (i ? ']\n[' : '') : ',') + oktaRecord(i), '[', ']\n');
    // Workspaces that do not exist yet: the import creates each (building it beside its name).
    const csvWs = join(dir, 'csv.sqlite');
    const a = await importProcess(csv, csvWs);
    const search = performance.now();
    const hits = await sqlOne<{ n: number }>(
      csvWs,
      `SELECT COUNT(*) AS n FROM events_fts WHERE events_fts MATCH 'user42'`,
    );
    const searchMs = performance.now() - search;
    const mb = (p: string) => (statSync(p).size / 1048576).toFixed(0);
    console.log(
      `own CSV     ${mb(csv).padStart(5)} MB: ${fmt(a.imported)} events in ${a.seconds.toFixed(1)} s = ${fmt(a.imported / a.seconds)} records/s, ` +
        `peak RSS ${a.peakRssMb.toFixed(0)} MB, searchable when done (${hits.n} hits for "user42" in ${searchMs.toFixed(0)} ms) ${load()}`,
    );
    // Right after the console's CSV import, so both see the same load on the shared cores.
    const shellWs = await freshWorkspace(dir, 'shell.sqlite');
    const s = shellImport(csv, shellWs);
    console.log(
      `sqlite3 shell .import of the same CSV: ${s.importSeconds.toFixed(1)} s (${fmt(records / s.importSeconds)} records/s); ` +
        `with the insert into events (same indexes) and the search index ${s.totalSeconds.toFixed(1)} s (${fmt(records / s.totalSeconds)} records/s); ` +
        `the console's import takes ${(a.seconds / s.totalSeconds).toFixed(2)}x that, ${(a.seconds / s.importSeconds).toFixed(2)}x the bare .import ${load()}`,
    );
    const oktaWs = join(dir, 'okta.sqlite');
    const oktaRun = importProcess(okta, oktaWs);
    const pages = await firstPagesWhile(csvWs, oktaRun);
    const b = await oktaRun;
    console.log(
      `Okta JSON   ${mb(okta).padStart(5)} MB: ${fmt(b.imported)} events in ${b.seconds.toFixed(1)} s = ${fmt(records / b.seconds)} records/s, ` +
        `peak RSS ${b.peakRssMb.toFixed(0)} MB ${load()}`,
    );
    const sorted = [...pages].sort((x, y) => x - y);
    console.log(
      `explorer first page of the 1M workspace during the Okta import: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, ` +
        `max ${sorted.at(-1)?.toFixed(0)} ms over ${sorted.length} pages`,
    );
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../../src/main/events/export-format';
import { ImportJobs } from '../../../src/main/import/pipeline/jobs';
import { cli } from '../../support/run-cli';

const CLI = resolve(__dirname, '../../../bin/mfa-console.cjs');
const WORKER = resolve(__dirname, '../../../out/main/import-worker.js');
const FIXTURES = resolve(__dirname, '../../fixtures/import');
let dir: string;
let ws: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-import-kill-'));
  ws = join(dir, 'investigation.sqlite');
  process.env.MFA_CONSOLE_DATA_DIR = dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sql<T>(query: string): Promise<T[]> {
  return new Promise((done, fail) => {
    const connection = new Sqlite(ws);
    connection.all(query, (error, rows) => {
      connection.close();
      if (error) fail(error);
      else done(rows as T[]);
    });
  });
}

const state = async () =>
  (
    await sql<{ events: number; sources: number; keys: number; fts: number }>(
      `SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM import_sources) AS sources,
         (SELECT COUNT(*) FROM import_record_keys) AS keys, (SELECT COUNT(*) FROM events_fts) AS fts`,
    )
  )[0];

/** A console CSV export of `count` rows, as the export writes them. */
async function ownExport(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(EXPORT_COLUMNS.join(',') + '\r\n');
  const base = Date.parse('2026-11-22T09:00:00Z');
  for (let i = 0; i < count; i++) {
    const line = `${i + 1},${new Date(base + i * 1000).toISOString()},sms_failure,"SMS Failure",${i % 500},"User ${i % 500}","user${i % 500}@example.com",employee,"+44••••••••56",true,GB,"Vodafone UK","twilio","30007","SMS not delivered",,,vs_${i},"{""n"":${i}}"\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

/** Starts `mfa-console import` as a real process; resolves its first progress report of a reading phase. */
function startImport(file: string) {
  const child = spawn(process.execPath, [CLI, 'import', file, '--db', ws, '--progress'], {
    env: { ...process.env, MFA_CONSOLE_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const reading = new Promise<void>((done) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/"phase":"reading","records":[1-9]/.test(stderr)) done();
    });
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code, signal) => done(signal ? null : code)));
  return { child, reading, exited, stderr: () => stderr };
}

async function whenWalGrows(bytes: number): Promise<void> {
  for (;;) {
    if (existsSync(`${ws}-wal`) && statSync(`${ws}-wal`).size > bytes) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('an import process that is killed or interrupted', () => {
  it('runs in a worker thread of its own', async () => {
    expect((await cli(['import', join(FIXTURES, 'duo-auth-v2.json'), '--db', ws])).code).toBe(0);
    const jobs = new ImportJobs(WORKER);
    const job = jobs.start({
      dbPath: ws,
      files: [{ path: join(FIXTURES, 'auth0-logs.json') }],
      operator: null,
      now: Date.now(),
      rejectionDir: `${ws}.rejections`,
    });
    const result = await job.done;
    expect(jobs.status(job.id)).toMatchObject({ state: 'done', inWorker: true });
    expect(result.imported).toBeGreaterThan(0);
  });

  for (const [when, signal] of [
    ['while reading', 'SIGKILL'],
    ['while committing', 'SIGKILL'],
    ['by Ctrl-C', 'SIGINT'],
  ] as const) {
    it(`leaves the workspace whole and as it was (${signal} ${when})`, async () => {
      expect((await cli(['import', join(FIXTURES, 'okta-logs-pages.json'), '--db', ws])).code).toBe(0);
      const before = await state();
      const big = join(dir, 'export.csv');
      await ownExport(big, when === 'while committing' ? 250_000 : 150_000);
      const run = startImport(big);
      await run.reading;
      if (when === 'while committing') await whenWalGrows(2 << 20);
      run.child.kill(signal);
      const code = await run.exited;
      if (signal === 'SIGINT') {
        expect(code).toBe(1);
        expect(run.stderr()).toContain('IMPORT_CANCELLED');
      }
      expect(await sql('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await state()).toEqual(before);
      // And the same file imports whole afterwards.
      const again = await cli(['import', big, '--db', ws, '--json']);
      expect(again.code).toBe(0);
      expect((await state()).events).toBe(before.events + (when === 'while committing' ? 250_000 : 150_000));
    }, 120_000);
  }

  for (const [when, signal] of [
    ['while reading', 'SIGKILL'],
    ['while indexing', 'SIGKILL'],
    ['by Ctrl-C', 'SIGINT'],
  ] as const) {
    it(`into a workspace that did not exist leaves none, and the next import builds it whole (${signal} ${when})`, async () => {
      const big = join(dir, 'export.csv');
      await ownExport(big, 150_000);
      const run = startImport(big);
      await run.reading;
      if (when === 'while indexing') await phase(run, 'indexing');
      run.child.kill(signal);
      const code = await run.exited;
      if (signal === 'SIGINT') expect(code).toBe(1);
      // Built beside its name and put there only after the commit: no workspace, half-built or empty.
      expect(existsSync(ws)).toBe(false);
      const again = await cli(['import', big, '--db', ws, '--json']);
      expect(again.code).toBe(0);
      expect(await sql('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await sql('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect((await state()).events).toBe(150_000);
      expect((await state()).fts).toBe(150_000);
      // What the killed build left is removed by the next one.
      expect(readdirSync(dir).filter((name) => name.includes('.building-'))).toEqual([]);
    }, 120_000);
  }
});

/** Resolves once the import reports the given phase. */
async function phase(run: ReturnType<typeof startImport>, name: string): Promise<void> {
  while (!run.stderr().includes(`"phase":"${name}"`)) await new Promise((r) => setTimeout(r, 10));
}

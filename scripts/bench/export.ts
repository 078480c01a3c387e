/**
 * The export's figures: a whole-process `mfa-console events export` of the log to CSV beside the
 * `sqlite3` command-line shell writing the same rows and columns, in the same order, from the same
 * database, each the median of three runs in the same bench run (these machines are shared: read the
 * ratio). Also the API export in this process, for its memory over time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Api } from '../../src/main/api';
import type { ExportStatus } from '../../src/shared/contract/events';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'bin', 'mfa-console.cjs');
const SHELL = '/usr/bin/sqlite3';
const TIME = '/usr/bin/time';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

/** The same columns the console writes (label and mask in their simplest SQL), in the explorer's order. */
const SHELL_SQL = `.headers on
.mode csv
.output OUTPUT
SELECT id, strftime('%Y-%m-%dT%H:%M:%f', occurred_at / 1000.0, 'unixepoch') || 'Z' AS occurred_at, type,
  type AS type_label, user_id, user_name, user_email, user_role,
  CASE WHEN phone IS NULL THEN NULL ELSE substr(phone, 1, 3) || '••••••••' || substr(phone, -2) END AS phone,
  CASE WHEN phone IS NULL THEN 'false' ELSE 'true' END AS phone_masked, country, carrier, provider, provider_code,
  message, actor, reason, session_id, details
FROM events ORDER BY occurred_at DESC, id DESC;
`;

function timed(command: string, args: string[], input?: string): { seconds: number; rssKb: number | null } {
  const start = performance.now();
  if (existsSync(TIME)) {
    const run = spawnSync(TIME, ['-f', '%M', command, ...args], { input, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
    const rss = Number(run.stderr.trim().split('\n').at(-1));
    return { seconds: (performance.now() - start) / 1000, rssKb: Number.isFinite(rss) ? rss : null };
  }
  execFileSync(command, args, { input, stdio: ['pipe', 'ignore', 'inherit'] });
  return { seconds: (performance.now() - start) / 1000, rssKb: null };
}

async function apiExport(api: Api, path: string) {
  const rss: number[] = [process.memoryUsage().rss];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 100);
  const start = performance.now();
  const started = await api.call('exportStart', { format: 'csv', path });
  if (!started.ok) throw new Error(started.error.message);
  let status: ExportStatus;
  for (;;) {
    const result = await api.call('exportStatus', { id: (started.value as { id: string }).id });
    status = (result as { value: ExportStatus }).value;
    if (status.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(sampler);
  rss.push(process.memoryUsage().rss);
  return { rows: status.rowsWritten, seconds: (performance.now() - start) / 1000, rss };
}

export async function benchExport(api: Api, dbPath: string, dir: string, runs = 3): Promise<string[]> {
  const lines: string[] = [];
  const api1 = await apiExport(api, join(dir, 'api-export.csv'));
  const size = statSync(join(dir, 'api-export.csv')).size;
  rmSync(join(dir, 'api-export.csv'));
  lines.push(
    `export through the API in this process: ${api1.rows.toLocaleString('en')} rows (${mb(size)}) in ${api1.seconds.toFixed(1)} s; ` +
      `RSS ${mb(api1.rss[0])} at start, ${mb(Math.max(...api1.rss))} at most, ${mb(api1.rss.at(-1)!)} at the end`,
  );
  const cli: number[] = [];
  const cliRss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `cli-${i}.csv`);
    const run = timed(process.execPath, [CLI, 'events', 'export', '--format', 'csv', '--out', out, '--db', dbPath]);
    cli.push(run.seconds);
    if (run.rssKb) cliRss.push(run.rssKb * 1024);
    rmSync(out);
  }
  if (!existsSync(SHELL)) {
    lines.push(
      `mfa-console events export (whole process, median of ${runs}): ${median(cli).toFixed(1)} s; no ${SHELL} to compare with (apt-get install sqlite3)`,
    );
    return lines;
  }
  const shell: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `shell-${i}.csv`);
    const script = join(dir, 'shell.sql');
    writeFileSync(script, SHELL_SQL.replace('OUTPUT', out));
    shell.push(timed(SHELL, ['-bail', dbPath, `.read ${script}`]).seconds);
    rmSync(out);
  }
  lines.push(
    `CSV export of the whole log, whole process, median of ${runs}: mfa-console ${median(cli).toFixed(2)} s ` +
      `(${Math.round(api1.rows / median(cli)).toLocaleString('en')} rows/s${cliRss.length ? `, peak RSS ${mb(Math.max(...cliRss))}` : ''}); ` +
      `sqlite3 shell, same rows and columns, ${median(shell).toFixed(2)} s; ratio ${(median(cli) / median(shell)).toFixed(2)}x (goal 1.5x or better)`,
  );
  return lines;
}

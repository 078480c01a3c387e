import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database as Sqlite } from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsValue } from '../../../src/shared/contract/trends';
import { cliSignIn } from '../../support/cli-sign-in';
import { ADA } from '../../support/operators';
import { runCliProcess } from '../../support/processes';

let dir: string;
let db: string;

const stats = (...args: string[]) => runCliProcess(['stats', ...args, '--db', db], { MFA_CONSOLE_DATA_DIR: dir });

/** The same figure straight from the event log, as an independent reference. */
function rawGroupBy(sql: string): Promise<Record<string, number | string>[]> {
  return new Promise((resolve, reject) => {
    const connection = new Sqlite(db);
    connection.all(sql, (error, rows: Record<string, number | string>[]) => {
      connection.close();
      if (error) reject(error);
      else resolve(rows);
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-cli-stats-'));
  db = join(dir, 'console.sqlite');
  await cliSignIn(db, ADA, { bootstrap: true, dataDir: dir });
  const seeded = await runCliProcess(['seed', '--users', '200', '--events', '20000', '--seed', '5', '--db', db], {
    MFA_CONSOLE_DATA_DIR: dir,
  });
  expect(seeded.code).toBe(0);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mfa-console stats', () => {
  it("--by carrier --json answers { ok, value } with the log's own failures and sends per carrier", async () => {
    const run = await stats('--by', 'carrier', '--limit', '100', '--json');
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { ok: true; value: StatsValue };
    expect(body.ok).toBe(true);
    expect(body.value.by).toBe('carrier');
    const raw = await rawGroupBy(
      `SELECT carrier, SUM(type = 'code_sent') AS sends, SUM(type = 'sms_failure') AS failed,
              SUM(type = 'mfa_provider_failure') AS provider, SUM(type = 'sign_in_succeeded') AS converted
       FROM events WHERE carrier IS NOT NULL AND carrier != '' GROUP BY carrier`,
    );
    const listed = new Map(body.value.rows.map((r) => [r.carrier, r]));
    const failing = raw.filter(
      (r) => Number(r.failed) + Number(r.provider) + Number(r.sends) + Number(r.converted) > 0,
    );
    expect(listed.size).toBe(failing.length);
    for (const r of failing)
      expect(listed.get(String(r.carrier))).toMatchObject({
        sends: Number(r.sends),
        deliveryFailures: Number(r.failed),
        providerFailures: Number(r.provider),
        conversions: Number(r.converted),
      });
    // The most failing first.
    const failures = body.value.rows.map((r) => r.failures);
    expect(failures).toEqual([...failures].sort((a, b) => b - a));
  }, 60_000);

  it('--by weekday-hour in a time zone gives all 168 cells, adding up to the filtered failures', async () => {
    const run = await stats('--by', 'weekday-hour', '--tz', 'Europe/London', '--type', 'sms_failure', '--json');
    const { value } = JSON.parse(run.stdout) as { value: StatsValue };
    expect(value.rows).toHaveLength(168);
    expect(value.timeZone).toBe('Europe/London');
    const [raw] = await rawGroupBy(`SELECT COUNT(*) AS n FROM events WHERE type = 'sms_failure'`);
    expect(value.rows.reduce((s, r) => s + r.deliveryFailures, 0)).toBe(Number(raw.n));
    expect(value.rows.every((r) => r.sends === 0 && r.providerFailures === 0)).toBe(true);
  }, 60_000);

  it('prints a table without --json', async () => {
    const run = await stats('--by', 'hour', '--tz', '+02:00');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^hour\s+sends\s+failed\s+provider\s+rate\s+converted$/);
    expect(lines[1]).toMatch(/^00:00\s+\d+\s+\d+\s+\d+\s+(\d+\.\d%|-)\s+(\d+\.\d%|-)$/);
    expect(lines).toHaveLength(24 + 2);
    expect(lines.at(-1)).toContain('Times in +02:00');
  }, 60_000);

  it('refuses an unknown grouping and a backwards range with INVALID_INPUT naming the option', async () => {
    const bad = await stats('--by', 'month', '--json');
    expect(bad.code).toBe(1);
    const error = JSON.parse(bad.stdout).error;
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error)).toContain('by');
    const backwards = await stats('--by', 'day', '--from', '2026-11-05', '--to', '2026-11-01', '--json');
    expect(JSON.parse(backwards.stdout).error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(JSON.parse(backwards.stdout).error)).toContain('from must not be after to');
  }, 60_000);
});

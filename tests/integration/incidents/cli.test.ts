import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { cliSignIn } from '../../support/cli-sign-in';
import { ADA } from '../../support/operators';

let dir: string;
let db: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => (
    (out += String(chunk)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    (err += String(chunk)),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await runCli([...args, '--db', db]);
    return { code, out, err };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

interface Listed {
  id: number;
  kind: string;
  key: { carrier: string | null; country: string | null; provider: string | null; providerCode: string | null };
  startedAt: number;
  endedAt: number | null;
  failures: number;
  sends: number;
  affectedUsers: number;
  rate: number | null;
  baselineRate: number;
}

let injected: {
  scenario: string;
  kind: string;
  key: { carrier: string | null };
  start: number;
  end: number;
  failures: number;
}[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-cli-incidents-'));
  db = join(dir, 'console.sqlite');
  process.env.MFA_CONSOLE_DATA_DIR = dir;
  await cliSignIn(db, ADA, { bootstrap: true });
  const seeded = await cli('seed', '--users', '400', '--events', '40000', '--seed', '3', '--json');
  expect(seeded.code).toBe(0);
  injected = JSON.parse(seeded.out).value.incidents;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mfa-console incidents', () => {
  it('seed --json reports the injected incidents: key, start, end, failures', () => {
    expect(injected.length).toBeGreaterThanOrEqual(6);
    for (const i of injected)
      expect(i).toMatchObject({ scenario: expect.any(String), start: expect.any(Number), end: expect.any(Number) });
  });

  it('incidents --json answers the shape the issue gives, and finds the carrier filtering episode', async () => {
    const run = await cli('incidents', '--kind', 'carrier', '--json');
    expect(run.code).toBe(0);
    const { ok, value } = JSON.parse(run.out) as { ok: boolean; value: { incidents: Listed[] } };
    expect(ok).toBe(true);
    for (const i of value.incidents) {
      expect(Object.keys(i)).toEqual(
        expect.arrayContaining([
          'id',
          'kind',
          'key',
          'startedAt',
          'endedAt',
          'failures',
          'sends',
          'affectedUsers',
          'rate',
          'baselineRate',
        ]),
      );
      expect(i.key).toMatchObject({ country: null, provider: null, providerCode: null });
    }
    const filtering = injected.find((i) => i.scenario === 'carrier-filtering')!;
    expect(
      value.incidents.some(
        (i) =>
          i.key.carrier === filtering.key.carrier &&
          i.startedAt <= filtering.end &&
          (i.endedAt ?? Infinity) >= filtering.start,
      ),
    ).toBe(true);
  });

  it('--from/--to keep the incidents overlapping the dates; a bad date is refused', async () => {
    const filtering = injected.find((i) => i.scenario === 'carrier-filtering')!;
    const day = new Date(filtering.start).toISOString().slice(0, 10);
    const run = await cli('incidents', '--from', day, '--to', day, '--json');
    const { value } = JSON.parse(run.out) as { value: { incidents: Listed[] } };
    expect(value.incidents.length).toBeGreaterThan(0);
    const start = Date.parse(`${day}T00:00:00Z`);
    for (const i of value.incidents) {
      expect(i.startedAt).toBeLessThan(start + 86_400_000);
      expect(i.endedAt ?? Infinity).toBeGreaterThanOrEqual(start);
    }
    const bad = await cli('incidents', '--from', 'yesterday', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).error.code).toBe('INVALID_INPUT');
  });

  it('incident ID explains one in words; --users lists its users', async () => {
    const { value } = JSON.parse((await cli('incidents', '--kind', 'carrier', '--json')).out) as {
      value: { incidents: Listed[] };
    };
    const shown = await cli('incident', String(value.incidents[0].id));
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^Carrier .+: (ongoing|over)/);
    expect(shown.out).toMatch(/Failed\s+\d+ of \d+ sends \(\d+\.\d%; usually \d+\.\d%\)/);
    const users = await cli('incident', String(value.incidents[0].id), '--users', '--json');
    expect(JSON.parse(users.out).value.users.length).toBe(value.incidents[0].affectedUsers);
  });

  it('incident-settings shows the parameters; changing one needs a reason', async () => {
    const shown = await cli('incident-settings');
    expect(shown.out).toMatch(/baselineDays\s+28 days/);
    const refused = await cli('incident-settings', 'quietHours=3', '--json');
    expect(JSON.parse(refused.out).error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('reason'),
    });
    const changed = await cli(
      'incident-settings',
      'quietHours=3',
      '--reason',
      'Carriers recover slowly here',
      '--json',
    );
    expect(JSON.parse(changed.out).value.changes).toEqual([{ key: 'quietHours', from: 2, to: 3 }]);
  });

  it('detect-incidents runs the detector now', async () => {
    const run = await cli('detect-incidents', '--full');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Looked at \d+ keys over \d+ hours/);
  });
});

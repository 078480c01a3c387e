import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/data-source';
import { cli } from '../../support/run-cli';
import { cliSignIn } from '../../support/cli-sign-in';
import { FakeTwilio } from '../../support/fake-twilio';

const ADMIN = 'admin@example.com';
const ENV_KEYS = [
  'MFA_CONSOLE_DATA_DIR',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_VERIFY_SERVICE_SID',
  'MFA_CONSOLE_TWILIO_BASE_URL',
];
const saved: Record<string, string | undefined> = {};
let dir: string;
let db: string;
let fake: FakeTwilio;

beforeEach(async () => {
  for (const key of ENV_KEYS) {
    saved[key] = process.env[key];
    delete process.env[key];
  }
  dir = mkdtempSync(join(tmpdir(), 'mfa-provider-cli-'));
  process.env.MFA_CONSOLE_DATA_DIR = dir;
  db = join(dir, 'console.sqlite');
  fake = await FakeTwilio.start();
  // The administrator at this terminal, signed in (every command acts as the one signed in).
  await cliSignIn(db, { name: 'Ada Admin', email: ADMIN, phone: '+447111222333' }, { bootstrap: true });
});
afterEach(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

function useEnvironment(token = fake.authToken) {
  process.env.TWILIO_ACCOUNT_SID = fake.accountSid;
  process.env.TWILIO_AUTH_TOKEN = token;
  process.env.TWILIO_VERIFY_SERVICE_SID = fake.verifyServiceSid;
  process.env.MFA_CONSOLE_TWILIO_BASE_URL = fake.baseUrl;
}

describe('mfa-console provider', () => {
  it('test --json passes with credentials from the environment', async () => {
    useEnvironment();
    const run = await cli(['provider', 'test', '--db', db, '--json']);
    expect(run.code).toBe(0);
    expect(run.json<{ ok: boolean; value: { ok: boolean } }>()).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('test exits non-zero and says which step failed when the token is wrong', async () => {
    useEnvironment('0'.repeat(32));
    const run = await cli(['provider', 'test', '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL credentials: Twilio refused the credentials (20003)');
  });

  it('sync --json writes each failed SMS once, however often it runs', async () => {
    useEnvironment();
    fake.state.addMessage({
      to: '+447111222333',
      status: 'undelivered',
      errorCode: 30007,
      sentAt: Date.now() - 60_000,
    });
    fake.state.addMessage({ to: '+447111222333', status: 'failed', errorCode: 30005, sentAt: Date.now() - 30_000 });
    const first = await cli(['provider', 'sync', '--db', db, '--json']);
    expect(first.code).toBe(0);
    expect(first.json<{ value: { recorded: number } }>().value.recorded).toBe(2);
    const second = await cli(['provider', 'sync', '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 SMS failure event(s) written.');
    const dataSource = await openDatabase({ path: db });
    const [row] = await dataSource.query(`SELECT COUNT(*) AS n FROM events WHERE type = 'sms_failure'`);
    await dataSource.destroy();
    expect(row.n).toBe(2);
  });

  it('sync refuses with TWILIO_NOT_CONFIGURED when nothing is set', async () => {
    const run = await cli(['provider', 'sync', '--db', db, '--json']);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'TWILIO_NOT_CONFIGURED' } });
  });

  it('set stores credentials for later commands and show never prints the token', async () => {
    const set = await cli([
      'provider',
      'set',
      '--reason',
      'Provider setup',
      '--db',
      db,
      '--account-sid',
      fake.accountSid,
      '--auth-token',
      fake.authToken,
      '--verify-service-sid',
      fake.verifyServiceSid,
      '--base-url',
      fake.baseUrl,
      '--provider',
      'twilio',
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('sms_provider: simulated -> twilio');
    const show = await cli(['provider', 'show', '--db', db]);
    expect(show.stdout).toMatch(/^Auth Token +set$/m);
    expect(show.stdout).toContain(`(…${fake.accountSid.slice(-4)})`);
    expect(show.stdout + set.stdout).not.toContain(fake.authToken);
    expect((await cli(['provider', 'test', '--db', db])).code).toBe(0);
  });

  it('set refuses a malformed option before opening anything', async () => {
    const run = await cli(['provider', 'set', '--reason', 'Provider setup', '--db', db, '--lookup', 'maybe', '--json']);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

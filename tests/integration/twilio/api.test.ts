import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { FakeClock } from '../../../src/main/core/clock';
import { contract, type ApiMethod, type ApiOutput } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/result';
import { FakeTwilio, closedPort } from '../../support/fake-twilio';
import { fixtureOperator } from '../../support/operators';

const ADMIN = 'admin@example.com';
/** An employee whose own sign-in goes through Twilio (operators sign in on the console's screen). */
const DEE = 'desk@example.com';
const TECH = 'tim@example.com';
const ENV_KEYS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_VERIFY_SERVICE_SID',
  'MFA_CONSOLE_TWILIO_BASE_URL',
];

let dir: string;
let fake: FakeTwilio;
let ctx: AppContext;
let api: Api;
let clock: FakeClock;
const savedEnv: Record<string, string | undefined> = {};

beforeEach(async () => {
  for (const key of ENV_KEYS) {
    savedEnv[key] = process.env[key];
    delete process.env[key];
  }
  dir = mkdtempSync(join(tmpdir(), 'mfa-provider-api-'));
  clock = new FakeClock();
  fake = await FakeTwilio.start({ now: () => clock.now() });
  ctx = await openContext({ shell: 'cli', dataDir: dir, dbPath: ':memory:', clock });
  api = createApi(ctx);
  await ctx.db.query(
    `INSERT INTO users (name, email, role, phone_e164, phone_country, two_factor, created_at, updated_at) VALUES
     ('Ada Admin', '${ADMIN}', 'administrator', '+447111222333', 'GB', 'enabled', 0, 0),
     ('Dee Desk', '${DEE}', 'employee', '+14155550100', 'US', 'enabled', 0, 0),
     ('Tim Tech', '${TECH}', 'technician', '+14155550111', 'US', 'enabled', 0, 0)`,
  );
});
afterEach(async () => {
  await ctx.close();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

/**
 * Calls the API as a signed-in operator: the one an input names as `actor` (a session of theirs; the
 * field itself never reaches the API, which takes the operator from the session), else the administrator.
 */
async function call<M extends ApiMethod>(method: M, input: unknown = {}): Promise<Result<ApiOutput<M>>> {
  const { actor, ...rest } = input as { actor?: string };
  // A user's own sign-in steps carry no operator session (an operator's would be refused).
  if (contract[method].access === 'public') return (await api.call(method, rest)) as Result<ApiOutput<M>>;
  const operator = await fixtureOperator(api, ctx, { email: actor ?? ADMIN });
  return (await operator.call(method, rest)) as Result<ApiOutput<M>>;
}

async function value<M extends ApiMethod>(method: M, input: unknown = {}): Promise<ApiOutput<M>> {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Configures Twilio against the fake through the API, as an administrator would in Settings. */
async function configure(extra: Record<string, unknown> = {}) {
  return value('providerSettingsUpdate', {
    reason: 'Provider setup',
    actor: ADMIN,
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    verifyServiceSid: fake.verifyServiceSid,
    baseUrl: fake.baseUrl,
    ...extra,
  });
}

describe('provider settings', () => {
  it('start with the simulated provider and say what Twilio still needs', async () => {
    const view = await value('providerSettingsGet');
    expect(view.provider).toBe('simulated');
    expect(view.secretStorage).toBe('file');
    expect(view.twilio).toMatchObject({ configured: false, timeoutMs: 10_000, authMethod: null });
    expect(view.twilio.missing).toEqual([
      'Account SID',
      'Auth Token (or API key SID and secret)',
      'Verify Service SID',
    ]);
  });

  it('store credentials without ever returning them: only "set" and the last 4 characters of SIDs', async () => {
    const { settings, changes } = await configure();
    expect(settings.twilio.accountSid).toEqual({ set: true, last4: fake.accountSid.slice(-4), source: 'settings' });
    expect(settings.twilio.authToken).toEqual({ set: true, last4: null, source: 'settings' });
    expect(settings.twilio.configured).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(fake.authToken);
    expect(JSON.stringify(settings)).not.toContain(fake.accountSid);
    expect(changes.map((c: { key: string }) => c.key)).toEqual([
      'twilio.accountSid',
      'twilio.authToken',
      'twilio.verifyServiceSid',
      'twilio.baseUrl',
    ]);
    // The token is in the 0600 secrets file, not in the database or the audit log.
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(fake.authToken);
    const dump = JSON.stringify(await ctx.db.query('SELECT * FROM events'));
    const settingsRows = JSON.stringify(await ctx.db.query('SELECT * FROM settings'));
    expect(dump + settingsRows).not.toContain(fake.authToken);
    const audit = await ctx.db.query<{ actor: string; details: string }>(
      `SELECT actor, details FROM events WHERE type = 'settings_changed' ORDER BY id`,
    );
    expect(audit).toHaveLength(4);
    expect(audit.every((e) => e.actor === ADMIN)).toBe(true);
    expect(JSON.parse(audit[1].details)).toEqual({ key: 'twilio.authToken', from: 'not set', to: 'set' });
  });

  it('refuse a SID of the wrong shape, naming the field', async () => {
    const result = await call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      verifyServiceSid: 'VA123',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!result.ok && result.error.message).toContain('verifyServiceSid');
  });

  it('refuse a base URL with a path and a timeout out of range', async () => {
    const bad = await call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      baseUrl: 'ftp://x/y',
      timeoutMs: 5,
    });
    expect(!bad.ok && bad.error.message).toMatch(/baseUrl: .*timeoutMs: must be at least 100 ms/);
  });

  it('let only administrators change them', async () => {
    const result = await call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: TECH,
      lookupEnabled: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_ADMIN' } });
  });

  it('refuse to switch to Twilio until it is configured, then switch and audit it', async () => {
    expect(
      await call('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, provider: 'twilio' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'TWILIO_NOT_CONFIGURED' },
    });
    await configure();
    const { settings, changes } = await value('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      provider: 'twilio',
    });
    expect(settings.provider).toBe('twilio');
    expect(changes).toEqual([{ key: 'sms_provider', from: 'simulated', to: 'twilio' }]);
    expect((await value('info')).provider).toBe('twilio');
  });

  it('refuse to clear a credential Twilio needs while it is the provider', async () => {
    await configure();
    await value('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, provider: 'twilio' });
    const result = await call('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, authToken: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'TWILIO_NOT_CONFIGURED' } });
    expect((await value('providerSettingsGet')).twilio.authToken.set).toBe(true);
    const both = await value('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      provider: 'simulated',
      authToken: null,
    });
    expect(both.settings).toMatchObject({ provider: 'simulated', twilio: { configured: false } });
  });

  it('take TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SERVICE_SID from the environment', async () => {
    process.env.TWILIO_ACCOUNT_SID = fake.accountSid;
    process.env.TWILIO_AUTH_TOKEN = fake.authToken;
    process.env.TWILIO_VERIFY_SERVICE_SID = fake.verifyServiceSid;
    process.env.MFA_CONSOLE_TWILIO_BASE_URL = fake.baseUrl;
    const view = await value('providerSettingsGet');
    expect(view.twilio).toMatchObject({ configured: true, baseUrlSource: 'environment' });
    expect(view.twilio.authToken).toEqual({ set: true, last4: null, source: 'environment' });
    expect(await value('providerTest')).toMatchObject({ ok: true });
  });
});

describe('Test connection', () => {
  it('passes with the right credentials and service, sending no SMS', async () => {
    await configure();
    const result = await value('providerTest');
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.steps.map((s: { step: string }) => s.step)).toEqual(['credentials', 'verify_service']);
    expect(fake.requestsTo('verifications')).toHaveLength(0);
  });

  it('says the credentials are wrong (20003)', async () => {
    await configure({ authToken: 'x'.repeat(32) });
    const result = await value('providerTest');
    expect(result).toMatchObject({ ok: false, problem: 'auth', steps: [{ step: 'credentials', code: '20003' }] });
    expect(result.message).toContain('Account SID and Auth Token');
  });

  it('says the Verify Service SID is not one of the account', async () => {
    await configure({ verifyServiceSid: 'VA' + '0'.repeat(32) });
    const result = await value('providerTest');
    expect(result).toMatchObject({ ok: false, problem: 'service_sid' });
    expect(result.message).toContain('…0000');
  });

  it('says Twilio could not be reached', async () => {
    await configure({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await value('providerTest')).toMatchObject({
      ok: false,
      problem: 'unreachable',
      steps: [{ code: 'ECONNREFUSED' }],
    });
  });

  it('says Twilio timed out, within the configured timeout', async () => {
    await configure({ timeoutMs: 200 });
    fake.script('account', { hang: true });
    const result = await value('providerTest');
    expect(result).toMatchObject({ ok: false, problem: 'timeout' });
    expect(result.message).toContain('200 ms');
  });

  it('says what is missing when nothing is configured', async () => {
    expect(await value('providerTest')).toMatchObject({ ok: false, problem: 'not_configured' });
  });
});

describe('Twilio through the engine', () => {
  it('sends and approves a sign-in code through Verify once Twilio is the active provider', async () => {
    await configure();
    await value('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, provider: 'twilio' });
    const sent = await value('sendCode', { email: DEE });
    expect(sent.outcome).toBe('code_sent');
    expect(Object.fromEntries(fake.requestsTo('verifications')[0].form)).toEqual({
      To: '+14155550100',
      Channel: 'sms',
    });
    const signedIn = await value('checkCode', { email: DEE, code: fake.state.codeFor('+14155550100') });
    expect(signedIn).toMatchObject({ outcome: 'signed_in', method: 'sms_code' });
  });

  it('logs a code Twilio no longer accepts (20404) as Code Expired, like the 3-minute expiry', async () => {
    await configure();
    await value('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, provider: 'twilio' });
    await value('sendCode', { email: DEE });
    fake.script('verificationCheck', { status: 404, error: { code: 20404, message: 'Not found' } });
    const result = await call('checkCode', { email: DEE, code: fake.state.codeFor('+14155550100') });
    expect(result).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED' } });
    const events = await ctx.db.query<{ type: string; provider: string }>(
      `SELECT type, provider FROM events WHERE type = 'code_expired'`,
    );
    expect(events).toEqual([{ type: 'code_expired', provider: 'twilio' }]);
  });

  it('files a Twilio 500 during a send as MFA Provider Failure, Error Code: 500', async () => {
    await configure();
    await value('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, provider: 'twilio' });
    fake.script('verifications', { status: 500, html: '<html>oops</html>' });
    const result = await call('sendCode', { email: DEE });
    expect(result.ok).toBe(false);
    const [event] = await ctx.db.query<{ type: string; provider_code: string }>(
      `SELECT type, provider_code FROM events WHERE type = 'mfa_provider_failure'`,
    );
    expect(event).toEqual({ type: 'mfa_provider_failure', provider_code: '500' });
    const health = await value('providerHealth');
    expect(health).toMatchObject({ provider: 'twilio', calls: 1, failures: 1, failureRate: 1 });
    expect(health.lastError).toMatchObject({ code: '500', operation: 'send', title: 'Provider failure (HTTP 500)' });
  });
});

describe('sync, health and lookup through the API', () => {
  it('syncs delivery failures on demand, twice without duplicates', async () => {
    await configure();
    fake.state.addMessage({
      to: '+14155550100',
      status: 'undelivered',
      errorCode: 30007,
      sentAt: clock.now() - 60_000,
    });
    const first = await value('providerSync');
    expect(first.recorded).toBe(1);
    clock.advance(60_000);
    const second = await value('providerSync');
    expect(second).toMatchObject({ recorded: 0, duplicates: 1 });
    const events = await ctx.db.query<{ user_email: string }>(
      `SELECT user_email FROM events WHERE type = 'sms_failure'`,
    );
    expect(events).toEqual([{ user_email: DEE }]);
    const health = await value('providerHealth');
    expect(health.sync.map((s: { source: string }) => s.source)).toEqual(['attempt', 'message']);
  });

  it('joins a sync asked for while one runs instead of paging through Twilio twice', async () => {
    await configure();
    fake.state.addMessage({ to: '+14155550100', status: 'failed', errorCode: 30003, sentAt: clock.now() - 60_000 });
    const [a, b] = await Promise.all([value('providerSync'), value('providerSync')]);
    expect(a).toEqual(b);
    expect(fake.requestsTo('messages')).toHaveLength(1);
    expect(a.recorded).toBe(1);
  });

  it('refuses to sync before Twilio is configured', async () => {
    expect(await call('providerSync')).toMatchObject({ ok: false, error: { code: 'TWILIO_NOT_CONFIGURED' } });
  });

  it("looks a user's number up, stores line type and carrier on the user, and warns about VoIP", async () => {
    await configure();
    fake.state.lineTypes.set('+14155550100', {
      type: 'nonFixedVoip',
      carrier_name: 'Google (Grand Central) - SVR',
      mobile_country_code: null,
      mobile_network_code: null,
      error_code: null,
    });
    const looked = await value('phoneLookup', { email: DEE, actor: ADMIN });
    expect(looked).toMatchObject({
      lineType: 'nonFixedVoip',
      carrier: 'Google (Grand Central) - SVR',
      countryCode: 'US',
      lookedUpAt: clock.now(),
    });
    expect(looked.warning).toContain('VoIP');
    expect(JSON.stringify(looked)).not.toContain('+14155550100');
    const [user] = await ctx.db.query<{ phone_type: string; phone_carrier: string; phone_looked_up_at: number }>(
      `SELECT phone_type, phone_carrier, phone_looked_up_at FROM users WHERE email = ?`,
      [DEE],
    );
    expect(user).toEqual({
      phone_type: 'nonFixedVoip',
      phone_carrier: 'Google (Grand Central) - SVR',
      phone_looked_up_at: clock.now(),
    });
  });

  it('looks a changed number up only when Lookup is on in Settings', async () => {
    await configure();
    expect(await ctx.twilio.lookupIfEnabled('+14155550100', null)).toBeNull();
    expect(fake.requestsTo('lookup')).toHaveLength(0);
    await value('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, lookupEnabled: true });
    expect(await ctx.twilio.lookupIfEnabled('+14155550100', null)).toMatchObject({ ok: true });
    const [row] = await ctx.db.query<{ phone: string; line_type: string }>(
      'SELECT phone, line_type FROM phone_lookups',
    );
    expect(row).toEqual({ phone: '+14155550100', line_type: 'mobile' });
  });

  it('looks a number up when the helpdesk changes it, and the user view then warns about VoIP', async () => {
    await configure();
    await value('providerSettingsUpdate', { reason: 'Provider setup', actor: ADMIN, lookupEnabled: true });
    fake.state.lineTypes.set('+447111222333', {
      type: 'nonFixedVoip',
      carrier_name: 'Voip Co',
      mobile_country_code: null,
      mobile_network_code: null,
      error_code: null,
    });
    await value('changePhone', {
      email: DEE,
      actor: ADMIN,
      reason: 'New phone',
      phone: '+4407111222333',
      verifiedAnotherWay: 'manager callback on the number in HR records',
    });
    // The number changes (and is looked up) only once the code sent to it is read back; the codes
    // still go through the simulated provider here (Twilio is configured for Lookup, not chosen).
    expect(fake.requestsTo('lookup')).toHaveLength(0);
    const [sent] = await ctx.db.query<{ body: string }>(
      `SELECT body FROM simulated_outbox WHERE phone = '+447111222333' ORDER BY id DESC LIMIT 1`,
    );
    const code = /(\d{6})/.exec(sent.body)?.[1] ?? '';
    await value('confirmPhoneChange', { email: DEE, actor: ADMIN, reason: 'New phone', code });
    expect(fake.requestsTo('lookup')).toHaveLength(1);
    const view = await value('getUser', { email: DEE });
    expect(view.phone).toMatchObject({ type: 'nonFixedVoip', carrier: 'Voip Co', lookedUpAt: clock.now() });
    expect(view.phone?.warning).toMatch(/VoIP/);
  });

  it('reports a failed lookup with the provider code', async () => {
    await configure();
    fake.script('lookup', { status: 500, json: { code: 20500, message: 'boom', status: 500 } });
    const result = await call('phoneLookup', { email: DEE, actor: ADMIN });
    expect(result).toMatchObject({ ok: false, error: { code: 'LOOKUP_FAILED' } });
    expect(!result.ok && result.error.message).toContain('(500)');
  });
});

describe('a saved secret and a new API base URL', () => {
  let other: FakeTwilio;
  beforeEach(async () => {
    other = await FakeTwilio.start({ now: () => clock.now() });
  });
  afterEach(() => other.stop());

  const secretsSeenBy = (host: FakeTwilio) => host.requests.map((r) => r.auth?.password ?? null);

  it('with an Auth Token saved, retyping an unrelated API key secret does not let the token go to a new host', async () => {
    await configure();
    const moved = await call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      baseUrl: other.baseUrl,
      apiKeySecret: 'x'.repeat(32),
    });
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'SECRET_REQUIRED', message: expect.stringContaining('Auth Token') },
    });
    await value('providerTest');
    expect(secretsSeenBy(other)).toEqual([]);
    expect(secretsSeenBy(fake)).toContain(fake.authToken);
  });

  it('with an API key saved, retyping only the Auth Token does not let the key secret go to a new host', async () => {
    await configure({ authToken: null, apiKeySid: 'SK' + 'c'.repeat(32), apiKeySecret: 'd'.repeat(32) });
    const moved = await call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      baseUrl: other.baseUrl,
      authToken: fake.authToken,
    });
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'SECRET_REQUIRED', message: expect.stringContaining('API key secret') },
    });
    await call('providerTest');
    expect(secretsSeenBy(other)).toEqual([]);
  });

  it('the credential that will be used, typed again with the new address, is accepted and goes there', async () => {
    await configure();
    expect(
      await call('providerSettingsUpdate', {
        reason: 'Provider setup',
        actor: ADMIN,
        baseUrl: other.baseUrl,
        authToken: fake.authToken,
      }),
    ).toMatchObject({
      ok: true,
    });
    await call('providerTest');
    expect(secretsSeenBy(other)).toContain(fake.authToken);
  });
});

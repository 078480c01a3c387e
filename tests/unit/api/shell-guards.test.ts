import { testDatabase } from '../../support/test-database';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../src/main/api';
import { exporterFor } from '../../../src/main/api/handlers/events';
import { openContext, type AppContext, type ShellKind, type ShellServices } from '../../../src/main/context';
import { fixtureOperator, type SignedIn } from '../../support/operators';

// What an operator may do from a window, a browser tab or a terminal: decided by who is signed in.
let ctx: AppContext | null = null;
let dir = '';
afterEach(async () => {
  await ctx?.close();
  ctx = null;
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'ada@example.com';
const TECH = 'tim@example.com';

interface Staff {
  api: Api;
  admin: SignedIn;
  tech: SignedIn;
}

async function open(shell: ShellKind, services: ShellServices = {}): Promise<Staff> {
  dir = mkdtempSync(join(tmpdir(), 'mfa-guards-'));
  ctx = await openContext({ shell, dataDir: dir, dbPath: await testDatabase(), services });
  const api = createApi(ctx);
  return {
    api,
    admin: await fixtureOperator(api, ctx, { email: ADMIN, name: 'Ada Admin', role: 'administrator' }),
    tech: await fixtureOperator(api, ctx, { email: TECH, name: 'Tim Tech', role: 'technician' }),
  };
}

/** Starts an export that must be accepted, and waits until its file is written. */
async function exported(operator: SignedIn, input: Record<string, unknown>): Promise<void> {
  const started = await operator.call('exportStart', input);
  expect(started).toMatchObject({ ok: true });
  const status = await exporterFor(ctx!).wait((started as { value: { id: string } }).value.id);
  expect(status.state).toBe('done');
}

const eve = { reason: 'New starter', name: 'Eve', email: 'eve@example.com', role: 'employee' };

describe('adding users', () => {
  it('needs a signed-in administrator: no session, or a technician, is refused', async () => {
    const { api, admin, tech } = await open('web');
    expect(await api.call('addUser', eve)).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    expect(await tech.call('addUser', eve)).toMatchObject({ ok: false, error: { code: 'NOT_ADMIN' } });
    const users = (await admin.value<{ users: { email: string }[] }>('listUsers')).users.map((r) => r.email);
    expect(users).not.toContain('eve@example.com');
    expect(await admin.call('addUser', eve)).toMatchObject({ ok: true, value: { temporaryPassword: null } });
  });

  it('the command line is no exception: it signs in like every shell', async () => {
    const { api, admin } = await open('cli');
    expect(await api.call('addUser', eve)).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    expect(await admin.call('addUser', eve)).toMatchObject({ ok: true });
  });
});

describe('demo data from the console', () => {
  it('goes only into a console with no users besides its operators, loaded by an administrator', async () => {
    const { admin, tech } = await open('web');
    expect(await tech.call('loadDemoData', { users: 5, events: 10 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ADMIN' },
    });
    await admin.value('addUser', eve);
    const result = await admin.call('loadDemoData', { users: 5, events: 10 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NOT_EMPTY', message: expect.stringContaining('1 user besides its operators') },
    });
  });
});

describe('backup codes', () => {
  it('need the verified sign-in they belong to, not just an email', async () => {
    const { api, admin } = await open('web');
    await admin.value('addUser', { ...eve, phone: '+447400123010' });
    const result = await api.call('generateBackupCodes', { email: eve.email });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('sessionId') },
    });
    const named = await api.call('generateBackupCodes', { email: eve.email, sessionId: 'someone-elses-session' });
    expect(named).toMatchObject({ ok: false, error: { code: 'VERIFIED_SESSION_REQUIRED' } });
    // An operator's codes are not reachable through a user's steps at all.
    const operator = await api.call('generateBackupCodes', { email: TECH, sessionId: 'someone-elses-session' });
    expect(operator).toMatchObject({ ok: false, error: { code: 'OPERATOR_ACCOUNT' } });
  });
});

describe('exports', () => {
  it('with full phone numbers are for administrators, approved by another, audited under the signed-in one', async () => {
    const { api, admin, tech } = await open('web');
    const base = { format: 'csv', path: join(dir, 'full.csv'), unmasked: true, reason: 'carrier ticket 77' };
    expect(await tech.call('exportStart', base)).toMatchObject({ ok: false, error: { code: 'NOT_ADMIN' } });
    // A firm with one administrator: no one could approve it, and the answer says so.
    const alone = await admin.call('exportStart', base);
    expect(alone).toMatchObject({ ok: false, error: { code: 'NEEDS_SECOND_ADMIN' } });
    const grace = await fixtureOperator(api, ctx!, { email: 'grace@example.com', role: 'administrator' });
    const filed = await admin.call('exportStart', base);
    expect(filed).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED', details: { requestId: 1 } } });
    expect(existsSync(base.path)).toBe(false);
    const early = await admin.call('exportStart', { ...base, approvalId: 1 });
    expect(early).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } });
    await grace.value('approvalApprove', { id: 1, reason: 'Carrier needs the numbers' });
    // Other filters than the approved ones are refused; the approved export runs once.
    const other = await admin.call('exportStart', { ...base, approvalId: 1, filters: { types: ['sms_failure'] } });
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await exported(admin, { ...base, approvalId: 1 });
    const twice = await admin.call('exportStart', { ...base, approvalId: 1, overwrite: true });
    expect(twice).toMatchObject({ ok: false, error: { code: 'REQUEST_CLOSED' } });
    expect(existsSync(base.path)).toBe(true);
    const [audit] = await ctx!.db.query<{ actor: string }>(`SELECT actor FROM events WHERE type = 'export_unmasked'`);
    expect(audit.actor).toBe(ADMIN);
  });

  it('in the desktop app write only where the save dialog chose, once', async () => {
    const chosen = () => join(dir, 'chosen.csv');
    const { tech } = await open('electron', { chooseSavePath: async () => chosen() });
    const elsewhere = await tech.call('exportStart', { format: 'csv', path: join(dir, 'bashrc'), overwrite: true });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'EXPORT_PATH_NOT_CHOSEN' } });
    expect(existsSync(join(dir, 'bashrc'))).toBe(false);

    const picked = await tech.call('exportChoosePath', { suggestedName: 'mfa-events.csv' });
    expect(picked).toMatchObject({ ok: true, value: { path: chosen() } });
    await exported(tech, { format: 'csv', path: chosen(), overwrite: true });
    const again = await tech.call('exportStart', { format: 'csv', path: chosen(), overwrite: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'EXPORT_PATH_NOT_CHOSEN' } });
    // The data folder's own exports folder needs no dialog.
    await exported(tech, { format: 'csv', path: join(dir, 'exports', 'a.csv') });
  });
});

describe('the Twilio API base URL', () => {
  const SID = 'AC' + 'a'.repeat(32);
  const TOKEN = 'b'.repeat(32);

  it('must be https unless it is this machine', async () => {
    const { admin } = await open('web');
    const plain = await admin.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      baseUrl: 'http://gateway.example.com',
    });
    expect(plain).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('baseUrl') },
    });
    const local = await admin.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      baseUrl: 'http://127.0.0.1:8080',
    });
    expect(local).toMatchObject({ ok: true });
  });

  it('cannot be changed without the secret typed again, so a saved token never follows it', async () => {
    const { admin, tech } = await open('web');
    expect(
      await tech.call('providerSettingsUpdate', { reason: 'Provider setup', accountSid: SID, authToken: TOKEN }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_ADMIN' } });
    expect(
      await admin.call('providerSettingsUpdate', { reason: 'Provider setup', accountSid: SID, authToken: TOKEN }),
    ).toMatchObject({ ok: true });
    const moved = await admin.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      baseUrl: 'https://gateway.example.com',
    });
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'SECRET_REQUIRED', message: expect.stringContaining('Auth Token') },
    });
    const view = await admin.call('providerSettingsGet', {});
    expect(view.ok && (view.value as { twilio: { baseUrl: string | null } }).twilio.baseUrl).not.toBe(
      'https://gateway.example.com',
    );
    const withSecret = await admin.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      baseUrl: 'https://gateway.example.com',
      authToken: TOKEN,
    });
    expect(withSecret).toMatchObject({ ok: true });
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../src/main/api';
import { exporterFor } from '../../../src/main/api/handlers/events';
import { openContext, type AppContext, type ShellKind, type ShellServices } from '../../../src/main/context';

// What a window or a browser tab may not do that the command line (the machine owner's tool) may.
let ctx: AppContext | null = null;
let dir = '';
afterEach(async () => {
  await ctx?.close();
  ctx = null;
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = 'ada@example.com';
const TECH = 'tim@example.com';

async function open(shell: ShellKind, services: ShellServices = {}): Promise<Api> {
  dir = mkdtempSync(join(tmpdir(), 'mfa-guards-'));
  ctx = await openContext({ shell, dataDir: dir, dbPath: ':memory:', services });
  return createApi(ctx);
}

/** Starts an export that must be accepted, and waits until its file is written. */
async function exported(api: Api, input: Record<string, unknown>): Promise<void> {
  const started = await api.call('exportStart', input);
  expect(started).toMatchObject({ ok: true });
  const status = await exporterFor(ctx!).wait((started as { value: { id: string } }).value.id);
  expect(status.state).toBe('done');
}

async function withStaff(api: Api) {
  expect(
    await api.call('addUser', { reason: 'New starter', name: 'Ada Admin', email: ADMIN, role: 'administrator' }),
  ).toMatchObject({
    ok: true,
  });
  expect(
    await api.call('addUser', {
      reason: 'New starter',
      name: 'Tim Tech',
      email: TECH,
      role: 'technician',
      actor: ADMIN,
    }),
  ).toMatchObject({
    ok: true,
  });
}

describe('adding users from the console', () => {
  it('lets the first administrator in, then needs an administrator to add anyone', async () => {
    const api = await open('web');
    await withStaff(api);
    const anonymous = await api.call('addUser', {
      reason: 'New starter',
      name: 'Eve',
      email: 'eve@example.com',
      role: 'administrator',
    });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'NOT_ADMIN' } });
    const byTech = await api.call('addUser', {
      reason: 'New starter',
      name: 'Eve',
      email: 'eve@example.com',
      role: 'employee',
      actor: TECH,
    });
    expect(byTech).toMatchObject({ ok: false, error: { code: 'NOT_ADMIN' } });
    const list = await api.call('listUsers', {});
    expect(list.ok && (list.value as { users: { email: string }[] }).users.map((r) => r.email)).not.toContain(
      'eve@example.com',
    );
  });

  it('the command line may still add users without naming an actor', async () => {
    const api = await open('cli');
    await withStaff(api);
    expect(
      await api.call('addUser', { reason: 'New starter', name: 'Eve', email: 'eve@example.com', role: 'employee' }),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('demo data from the console', () => {
  it('goes only into an empty console', async () => {
    const api = await open('web');
    await withStaff(api);
    const result = await api.call('loadDemoData', { users: 5, events: 10 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NOT_EMPTY', message: expect.stringContaining('2 users') },
    });
    const info = await api.call('info', {});
    expect(info.ok && (info.value as { counts: { users: number } }).counts.users).toBe(2);
  });
});

describe('backup codes from the console', () => {
  it('need the verified sign-in they belong to, not just an email', async () => {
    const api = await open('web');
    await withStaff(api);
    const result = await api.call('generateBackupCodes', { email: TECH });
    expect(result).toMatchObject({ ok: false, error: { code: 'VERIFIED_SESSION_REQUIRED' } });
  });
});

describe('exports from the console', () => {
  it('with full phone numbers need a real operator for the audit record', async () => {
    const api = await open('web');
    await withStaff(api);
    const base = { format: 'csv', path: join(dir, 'full.csv'), unmasked: true, reason: 'carrier ticket' };
    expect(await api.call('exportStart', base)).toMatchObject({ ok: false, error: { code: 'NOT_AN_OPERATOR' } });
    expect(await api.call('exportStart', { ...base, actor: 'nobody@example.com' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_AN_OPERATOR' },
    });
    expect(existsSync(base.path)).toBe(false);
    await exported(api, { ...base, actor: TECH });
    expect(existsSync(base.path)).toBe(true);
  });

  it('in the desktop app write only where the save dialog chose, once', async () => {
    const chosen = () => join(dir, 'chosen.csv');
    const api = await open('electron', { chooseSavePath: async () => chosen() });
    await withStaff(api);
    const elsewhere = await api.call('exportStart', { format: 'csv', path: join(dir, 'bashrc'), overwrite: true });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'EXPORT_PATH_NOT_CHOSEN' } });
    expect(existsSync(join(dir, 'bashrc'))).toBe(false);

    const picked = await api.call('exportChoosePath', { suggestedName: 'mfa-events.csv' });
    expect(picked).toMatchObject({ ok: true, value: { path: chosen() } });
    await exported(api, { format: 'csv', path: chosen(), overwrite: true });
    const again = await api.call('exportStart', { format: 'csv', path: chosen(), overwrite: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'EXPORT_PATH_NOT_CHOSEN' } });
    // The data folder's own exports folder needs no dialog.
    await exported(api, { format: 'csv', path: join(dir, 'exports', 'a.csv') });
  });
});

describe('the Twilio API base URL', () => {
  const SID = 'AC' + 'a'.repeat(32);
  const TOKEN = 'b'.repeat(32);

  it('must be https unless it is this machine', async () => {
    const api = await open('web');
    await withStaff(api);
    const plain = await api.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      baseUrl: 'http://gateway.example.com',
    });
    expect(plain).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('baseUrl') },
    });
    const local = await api.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      baseUrl: 'http://127.0.0.1:8080',
    });
    expect(local).toMatchObject({ ok: true });
  });

  it('cannot be changed without the secret typed again, so a saved token never follows it', async () => {
    const api = await open('web');
    await withStaff(api);
    expect(
      await api.call('providerSettingsUpdate', {
        reason: 'Provider setup',
        actor: ADMIN,
        accountSid: SID,
        authToken: TOKEN,
      }),
    ).toMatchObject({
      ok: true,
    });
    const moved = await api.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      baseUrl: 'https://gateway.example.com',
    });
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'SECRET_REQUIRED', message: expect.stringContaining('Auth Token') },
    });
    const view = await api.call('providerSettingsGet', {});
    expect(view.ok && (view.value as { twilio: { baseUrl: string | null } }).twilio.baseUrl).not.toBe(
      'https://gateway.example.com',
    );
    const withSecret = await api.call('providerSettingsUpdate', {
      reason: 'Provider setup',
      actor: ADMIN,
      baseUrl: 'https://gateway.example.com',
      authToken: TOKEN,
    });
    expect(withSecret).toMatchObject({ ok: true });
  });
});

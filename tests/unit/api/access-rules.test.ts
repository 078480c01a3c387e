import { testDatabase } from '../../support/test-database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { FakeClock } from '../../../src/main/core/clock';
import {
  PASSWORD,
  addOperator,
  bootstrapAdmin,
  fixtureOperator,
  lastCode,
  type SignedIn,
} from '../../support/operators';

const MINUTE = 60_000;
const UMA = { name: 'Uma User', email: 'uma@example.com', role: 'employee', phone: '+447111222444' };
let dir: string;
let ctx: AppContext;
let api: Api;
let clock: FakeClock;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-access-'));
  clock = new FakeClock();
  ctx = await openContext({ shell: 'web', dataDir: dir, dbPath: await testDatabase(), clock });
  api = createApi(ctx);
});
afterEach(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error!.code);

async function staff(): Promise<{ ada: SignedIn; grace: SignedIn; tim: SignedIn }> {
  const ada = await fixtureOperator(api, ctx, { email: 'ada@example.com', name: 'Ada Admin', role: 'administrator' });
  const grace = await fixtureOperator(api, ctx, { email: 'grace@example.com', name: 'Grace', role: 'administrator' });
  const tim = await fixtureOperator(api, ctx, { email: 'tim@example.com', name: 'Tim Tech', role: 'technician' });
  await ada.value('addUser', { ...UMA, reason: 'New starter' });
  return { ada, grace, tim };
}

describe('the API refuses', () => {
  it('without a session, whatever the request says about who acts', async () => {
    await staff();
    const anonymous = await api.call('approvalsList', {});
    expect(codeOf(anonymous)).toBe('SIGN_IN_REQUIRED');
    const named = await api.call('unlockUser', { email: UMA.email, reason: 'Verified', actor: 'ada@example.com' });
    expect(codeOf(named)).toBe('INVALID_INPUT');
  });

  it('the wrong role, a self-action and a missing caller check, each with its code', async () => {
    const { ada, tim } = await staff();
    expect(codeOf(await tim.call('enableTwoFactor', { email: UMA.email, reason: 'Back from leave' }))).toBe(
      'NOT_ADMIN',
    );
    expect(codeOf(await tim.call('approvalsList', {}))).toBe('OK');
    expect(codeOf(await tim.call('approvalApprove', { id: 1, reason: 'Looks fine' }))).toBe('NOT_ADMIN');
    const self = await ada.call('changePhone', {
      email: 'ada@example.com',
      phone: '+447400000001',
      reason: 'New phone',
    });
    expect(self).toMatchObject({
      ok: false,
      error: { code: 'SELF_ACTION', message: expect.stringContaining('backup codes') },
    });
    const unchecked = await tim.call('resetCooldown', { email: UMA.email, reason: 'Caller asked' });
    expect(unchecked).toMatchObject({ ok: false, error: { code: 'CALLER_CHECK_REQUIRED' } });
    const vague = await ada.call('resetCooldown', {
      email: UMA.email,
      reason: 'Caller asked',
      verifiedAnotherWay: 'ok',
    });
    expect(vague).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('verifiedAnotherWay: say how you verified the caller'),
      },
    });
  });

  it("an operator's own approval, and an expired request", async () => {
    const { ada, grace } = await staff();
    const filed = await ada.value<{ outcome: string; request: { id: number } }>('setRole', {
      email: 'tim@example.com',
      role: 'administrator',
      reason: 'Second line of support',
    });
    expect(filed.outcome).toBe('approval_requested');
    const own = await ada.call('approvalApprove', { id: filed.request.id, reason: 'Mine' });
    expect(codeOf(own)).toBe('NOT_APPROVER');
    const listed = await grace.value<{ pending: number; requests: { canDecide: boolean }[] }>('approvalsList', {});
    expect(listed).toMatchObject({ pending: 1, requests: [{ canDecide: true }] });
    clock.advance(24 * 60 * MINUTE);
    // Grace's session would have locked long ago: a fresh one, as after the password again.
    const later = await fixtureOperator(api, ctx, { email: 'grace@example.com' });
    expect(codeOf(await later.call('approvalApprove', { id: filed.request.id, reason: 'Late' }))).toBe(
      'REQUEST_CLOSED',
    );
  });
});

describe('high-risk actions', () => {
  it('ask for the password again after 5 minutes, and go on once it is given', async () => {
    const ada = await bootstrapAdmin(api, ctx);
    const grace = await addOperator(api, ctx, ada, {
      name: 'Grace Admin',
      email: 'grace@example.com',
      phone: '+447400123003',
      role: 'administrator',
    });
    await ada.value('addUser', { ...UMA, reason: 'New starter' });
    await ada.value('sendCallerCode', { email: UMA.email });
    await ada.value('checkCallerCode', { email: UMA.email, code: await lastCode(ctx, UMA.phone) });
    clock.advance(5 * MINUTE + 1000);
    const stale = await ada.call('disableTwoFactor', { email: UMA.email, reason: 'Lost phone' });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'REAUTH_REQUIRED', message: expect.stringContaining('To disable 2FA, enter your password again') },
    });
    expect(codeOf(await ada.call('setFirmTwoFactor', { enabled: true, reason: 'Policy' }))).toBe('REAUTH_REQUIRED');
    expect(codeOf(await ada.call('providerSettingsUpdate', { reason: 'Setup', lookupEnabled: true }))).toBe(
      'REAUTH_REQUIRED',
    );
    await ada.value('sessionReauthenticate', { password: PASSWORD });
    const filed = await ada.value<{ outcome: string; request: { id: number } }>('disableTwoFactor', {
      email: UMA.email,
      reason: 'Lost phone',
    });
    expect(filed.outcome).toBe('approval_requested');
    expect(codeOf(await grace.call('approvalApprove', { id: filed.request.id, reason: 'Agreed' }))).toBe(
      'REAUTH_REQUIRED',
    );
    await grace.value('sessionReauthenticate', { password: PASSWORD });
    await grace.value('approvalApprove', { id: filed.request.id, reason: 'Agreed' });
    const view = await grace.value<{ user: { twoFactor: string } }>('getUser', { email: UMA.email });
    expect(view.user.twoFactor).toBe('disabled_permanently');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../src/main/api';
import { openContext, type AppContext } from '../../../src/main/context';
import { FakeClock } from '../../../src/main/core/clock';
import {
  ADA,
  PASSWORD,
  addOperator,
  bootstrapAdmin,
  lastCode,
  sendWaitingIfNeeded,
  signIn,
} from '../../support/operators';

const MINUTE = 60_000;
let dir: string;
let ctx: AppContext;
let api: Api;
let clock: FakeClock;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mfa-operators-'));
  clock = new FakeClock();
  ctx = await openContext({ shell: 'web', dataDir: dir, dbPath: ':memory:', clock });
  api = createApi(ctx);
});
afterEach(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = async (promise: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const result = await promise;
  return result.ok ? 'OK' : result.error!.code;
};

describe('the first administrator', () => {
  it('is set up once; the first sign-in shows 10 recovery codes, in order, and never again', async () => {
    expect(await api.call('sessionStatus', {})).toMatchObject({
      ok: true,
      value: { setupNeeded: true, operator: null },
    });
    expect(await codeOf(api.call('operatorBootstrap', { ...ADA, password: 'short' }))).toBe('WEAK_PASSWORD');
    expect(await api.call('operatorBootstrap', { ...ADA, password: PASSWORD })).toMatchObject({ ok: true });
    expect(await codeOf(api.call('operatorBootstrap', { ...ADA, email: 'eve@example.com', password: PASSWORD }))).toBe(
      'SETUP_DONE',
    );

    const start = await api.invoke('operatorSignIn', { email: ADA.email, password: PASSWORD });
    expect(start.issued).toEqual({});
    const step = (start.result as { value: { outcome: string; pendingToken: string; sms: string } }).value;
    expect(step).toMatchObject({ outcome: 'second_factor', sms: '+44••••••••33' });
    await api.call('operatorSignInSendCode', { pendingToken: step.pendingToken });
    const done = await api.invoke('operatorSignInVerify', {
      pendingToken: step.pendingToken,
      code: await lastCode(ctx, ADA.phone),
    });
    const first = (done.result as { value: { recoveryCodes: string[] } }).value;
    expect(first.recoveryCodes).toHaveLength(10);
    expect(new Set(first.recoveryCodes).size).toBe(10);
    // The session goes to the transport, not into the answer the page sees.
    expect(done.issued.session?.token).toMatch(/^[\w-]{40,}$/);
    expect(JSON.stringify(done.result)).not.toContain(done.issued.session!.token);
    const status = await api.call('sessionStatus', {}, { sessionToken: done.issued.session!.token });
    expect(status).toMatchObject({ ok: true, value: { operator: { email: ADA.email, role: 'administrator' } } });

    const again = await signIn(api, ctx, ADA.email);
    expect(await again.value('sessionStatus')).toMatchObject({ operator: { email: ADA.email } });
    // A later sign-in with one of those codes instead of the SMS: the codes were real, single-use.
    const pending = (await api.call('operatorSignIn', { email: ADA.email, password: PASSWORD })) as {
      value: { pendingToken: string };
    };
    const withCode = await api.call('operatorSignInVerify', {
      pendingToken: pending.value.pendingToken,
      backupCode: first.recoveryCodes[3],
    });
    expect(withCode).toMatchObject({ ok: true, value: { outcome: 'signed_in', recoveryCodes: null } });
  });
});

describe('signing in', () => {
  beforeEach(async () => {
    await bootstrapAdmin(api, ctx);
  });

  it('a wrong password and an unknown email get the same answer; wrong passwords count towards the cooldown', async () => {
    const unknown = await api.call('operatorSignIn', { email: 'nobody@example.com', password: PASSWORD });
    const wrong = await api.call('operatorSignIn', { email: ADA.email, password: 'not the password at all' });
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'The email or password is wrong.' },
    });
    for (let i = 0; i < 3; i++) await api.call('operatorSignIn', { email: ADA.email, password: `wrong guess ${i}` });
    const fifth = await api.call('operatorSignIn', { email: ADA.email, password: 'the fifth wrong one' });
    expect(fifth).toMatchObject({ ok: false, error: { code: 'COOLDOWN_ACTIVE' } });
    // The cooldown stops even the right password, with the documents' message, and a wrong one gets
    // the same answer: guessing during the cooldown learns nothing and is not counted.
    const right = await api.call('operatorSignIn', { email: ADA.email, password: PASSWORD });
    expect(right).toMatchObject({ ok: false, error: { code: 'COOLDOWN_ACTIVE' } });
    const guess = await api.call('operatorSignIn', { email: ADA.email, password: 'a guess in the cooldown' });
    expect(guess).toEqual(right);
    const failures = await ctx.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE type = 'primary_auth_failure' AND user_email = ?`,
      [ADA.email],
    );
    expect(failures[0].n).toBe(4);
  });

  it('employees do not sign in to the console', async () => {
    const ada = await signIn(api, ctx, ADA.email);
    await ada.value('addUser', { name: 'Uma User', email: 'uma@example.com', role: 'employee', reason: 'New starter' });
    expect(await codeOf(api.call('operatorSignIn', { email: 'uma@example.com', password: PASSWORD }))).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('an operator given a temporary password must choose their own before the second factor', async () => {
    const ada = await signIn(api, ctx, ADA.email);
    const added = await ada.value<{ temporaryPassword: string }>('addUser', {
      name: 'Tim Tech',
      email: 'tim@example.com',
      role: 'technician',
      phone: '+447400123002',
      reason: 'Joins the helpdesk',
    });
    expect(added.temporaryPassword).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    expect(
      await codeOf(api.call('operatorSignIn', { email: 'tim@example.com', password: added.temporaryPassword })),
    ).toBe('PASSWORD_CHANGE_REQUIRED');
    const tim = await signIn(api, ctx, 'tim@example.com', added.temporaryPassword, { newPassword: PASSWORD });
    expect(await tim.value('sessionStatus')).toMatchObject({ operator: { role: 'technician' } });
    expect(
      await codeOf(api.call('operatorSignIn', { email: 'tim@example.com', password: added.temporaryPassword })),
    ).toBe('WRONG_PASSWORD');
  });

  it('a remembered device skips the code on the next sign-in', async () => {
    const pending = (await api.call('operatorSignIn', { email: ADA.email, password: PASSWORD })) as {
      value: { pendingToken: string };
    };
    await sendWaitingIfNeeded(api, ctx, pending.value.pendingToken);
    const done = await api.invoke('operatorSignInVerify', {
      pendingToken: pending.value.pendingToken,
      code: await lastCode(ctx, ADA.phone),
      rememberDevice: true,
    });
    expect(done.result).toMatchObject({ ok: true });
    const device = done.issued.device!.token;
    const next = await api.invoke('operatorSignIn', { email: ADA.email, password: PASSWORD }, { deviceToken: device });
    expect(next.result).toMatchObject({ ok: true, value: { outcome: 'signed_in' } });
    expect(next.issued.session?.token).toBeTruthy();
  });
});

describe('a session', () => {
  it('is required for every operator method, and ends at sign-out', async () => {
    await bootstrapAdmin(api, ctx);
    expect(await codeOf(api.call('listUsers', {}))).toBe('SIGN_IN_REQUIRED');
    expect(await codeOf(api.call('listUsers', {}, { sessionToken: 'made-up-token-of-some-length' }))).toBe(
      'SIGN_IN_REQUIRED',
    );
    const ada = await signIn(api, ctx, ADA.email);
    expect(await codeOf(ada.call('listUsers'))).toBe('OK');
    const out = await api.invoke('signOut', {}, ada.caller);
    expect(out.issued).toEqual({ session: null });
    expect(await codeOf(ada.call('listUsers'))).toBe('SIGN_IN_REQUIRED');
  });

  it('locks after 15 minutes idle (background refreshes do not count) and the password unlocks it', async () => {
    await bootstrapAdmin(api, ctx);
    const ada = await signIn(api, ctx, ADA.email);
    clock.advance(10 * MINUTE);
    expect(await codeOf(api.call('listUsers', {}, { ...ada.caller, activity: false }))).toBe('OK');
    clock.advance(5 * MINUTE);
    expect(await codeOf(ada.call('listUsers'))).toBe('SESSION_LOCKED');
    expect(await api.call('sessionStatus', {}, ada.caller)).toMatchObject({ ok: true, value: { locked: true } });
    expect(await codeOf(api.call('sessionUnlock', { password: 'not my password' }, ada.caller))).toBe('WRONG_PASSWORD');
    expect(await codeOf(api.call('sessionUnlock', { password: PASSWORD }, ada.caller))).toBe('OK');
    expect(await codeOf(ada.call('listUsers'))).toBe('OK');
    // Activity keeps it open: a call every 14 minutes never locks.
    for (let i = 0; i < 4; i++) {
      clock.advance(14 * MINUTE);
      expect(await codeOf(ada.call('listUsers'))).toBe('OK');
    }
  });

  it('ends 8 hours after the sign-in whatever happens', async () => {
    await bootstrapAdmin(api, ctx);
    const ada = await signIn(api, ctx, ADA.email);
    // Busy all day: a call every 14 minutes, 7 h 56 min in all.
    for (let i = 0; i < 34; i++) {
      clock.advance(14 * MINUTE);
      expect(await codeOf(ada.call('listUsers'))).toBe('OK');
    }
    clock.advance(5 * MINUTE);
    expect(await codeOf(ada.call('listUsers'))).toBe('SESSION_EXPIRED');
    expect(await codeOf(ada.call('listUsers'))).toBe('SESSION_EXPIRED');
  });

  it('takes the actor from the session: the audit shows who signed in, and a request naming another is refused', async () => {
    await bootstrapAdmin(api, ctx);
    const ada = await signIn(api, ctx, ADA.email);
    await ada.value('addUser', { name: 'Uma User', email: 'uma@example.com', role: 'employee', reason: 'New starter' });
    const forged = await ada.call('lockUser', {
      email: 'uma@example.com',
      reason: 'Phone stolen',
      actor: 'eve@example.com',
    });
    expect(forged).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('actor') },
    });
    await ada.value('lockUser', { email: 'uma@example.com', reason: 'Phone reported stolen' });
    const [lock] = await ctx.db.query<{ actor: string }>(`SELECT actor FROM events WHERE type = 'admin_lock'`);
    expect(lock.actor).toBe(ADA.email);
  });

  it("never completes a user's sign-in, and only administrators read the simulated phone", async () => {
    const ada = await bootstrapAdmin(api, ctx);
    const tim = await addOperator(api, ctx, ada, {
      name: 'Tim Tech',
      email: 'tim@example.com',
      phone: '+447400123002',
      role: 'technician',
    });
    await ada.value('addUser', {
      name: 'Uma User',
      email: 'uma@example.com',
      role: 'employee',
      phone: '+447111222444',
      reason: 'New starter',
    });
    expect(await codeOf(tim.call('sendCode', { email: 'uma@example.com' }))).toBe('OPERATOR_SESSION');
    expect(await codeOf(ada.call('checkCode', { email: 'uma@example.com', code: '123456' }))).toBe('OPERATOR_SESSION');
    // The user's own sign-in (no operator session) goes on, and its own screen shows its SMS.
    const sent = (await api.call('sendCode', { email: 'uma@example.com' })) as { value: { sessionId: string } };
    const screen = await api.call('signInMessages', { email: 'uma@example.com', sessionId: sent.value.sessionId });
    expect(screen).toMatchObject({
      ok: true,
      value: { simulated: true, messages: [{ body: expect.stringMatching(/\d{6}/) }] },
    });
    expect(await codeOf(tim.call('outbox', { email: 'uma@example.com' }))).toBe('NOT_ADMIN');
    expect(await codeOf(ada.call('outbox', { email: 'uma@example.com' }))).toBe('OK');
  });
});

describe('what a hostile caller tries', () => {
  let ada: Awaited<ReturnType<typeof bootstrapAdmin>>;
  const TIM = { name: 'Tim Tech', email: 'tim@example.com', phone: '+447400123002', role: 'technician' as const };
  beforeEach(async () => {
    ada = await bootstrapAdmin(api, ctx);
  });

  it("an operator whose own 2FA is off still passes a second factor at the console's sign-in", async () => {
    await addOperator(api, ctx, ada, TIM);
    await ctx.db.query(`UPDATE users SET two_factor = 'disabled_permanently' WHERE email = ?`, [TIM.email]);
    const start = await api.call('operatorSignIn', { email: TIM.email, password: PASSWORD });
    expect(start).toMatchObject({ ok: true, value: { outcome: 'second_factor' } });
  });

  it("a user's public sign-in steps refuse an operator's account: no codes sent, no lock, no recovery codes replaced", async () => {
    for (const [method, input] of [
      ['sendCode', { email: ADA.email }],
      ['checkCode', { email: ADA.email, code: '123456' }],
      ['notMyNumber', { email: ADA.email }],
      ['useBackupCode', { email: ADA.email, code: '123456789012345' }],
      ['generateBackupCodes', { email: ADA.email, sessionId: 'any' }],
      ['signInMessages', { email: ADA.email, sessionId: 'any' }],
    ] as const) {
      expect(await codeOf(api.call(method, input)), method).toBe('OPERATOR_ACCOUNT');
    }
    const [row] = await ctx.db.query<{ failed_checks: number; not_my_number_at: number | null }>(
      'SELECT failed_checks, not_my_number_at FROM users WHERE email = ?',
      [ADA.email],
    );
    expect(row).toEqual({ failed_checks: 0, not_my_number_at: null });
  });

  it('locking, deactivating or changing the role of an operator ends their open sessions at once', async () => {
    const tim = await addOperator(api, ctx, ada, TIM);
    expect(await codeOf(tim.call('listUsers', {}))).toBe('OK');
    await ada.value('lockUser', { email: TIM.email, reason: 'Suspected compromise' });
    await ada.value('unlockUser', {
      email: TIM.email,
      reason: 'Cleared by security',
      verifiedAnotherWay: 'in person at the service desk, badge checked',
    });
    // Unlocking the account does not bring the attacker's session back.
    expect(await codeOf(tim.call('listUsers', {}))).toBe('SIGN_IN_REQUIRED');

    const again = await signIn(api, ctx, TIM.email);
    await ada.value('setRole', { email: TIM.email, role: 'administrator', reason: 'Leads the helpdesk' });
    expect(await codeOf(again.call('listUsers', {}))).toBe('SIGN_IN_REQUIRED');
  });

  it('a temporary password is replaced only once the second factor has passed', async () => {
    const added = await ada.value<{ temporaryPassword: string }>('addUser', {
      ...TIM,
      reason: 'Joins the helpdesk',
    });
    const start = await api.call('operatorSignIn', {
      email: TIM.email,
      password: added.temporaryPassword,
      newPassword: 'an attacker chose this one',
    });
    expect(start).toMatchObject({ ok: true, value: { outcome: 'second_factor' } });
    // Without the phone, the attacker's password is not the account's.
    expect(await codeOf(api.call('operatorSignIn', { email: TIM.email, password: 'an attacker chose this one' }))).toBe(
      'WRONG_PASSWORD',
    );
    expect(await codeOf(api.call('operatorSignIn', { email: TIM.email, password: added.temporaryPassword }))).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
  });

  it('setup cannot take over a deactivated administrator when no one else can sign in', async () => {
    await ctx.db.query(`UPDATE users SET status = 'deactivated' WHERE email = ?`, [ADA.email]);
    const claim = await api.call('operatorBootstrap', { ...ADA, name: 'Mallory', password: 'mallory wants in now' });
    expect(claim).toMatchObject({ ok: false, error: { code: 'EMAIL_TAKEN' } });
    const [row] = await ctx.db.query<{ name: string; status: string }>(
      'SELECT name, status FROM users WHERE email = ?',
      [ADA.email],
    );
    expect(row).toEqual({ name: ADA.name, status: 'deactivated' });
  });

  it('the window locking itself locks the session, so a reload asks for the password too', async () => {
    expect(await codeOf(ada.call('sessionLock', {}))).toBe('OK');
    expect(await codeOf(ada.call('listUsers', {}))).toBe('SESSION_LOCKED');
    expect(await codeOf(ada.call('sessionUnlock', { password: PASSWORD }))).toBe('OK');
    expect(await codeOf(ada.call('listUsers', {}))).toBe('OK');
  });

  it('signing in again over an open session ends the old one', async () => {
    const start = await api.invoke('operatorSignIn', { email: ADA.email, password: PASSWORD }, ada.caller);
    const step = start.result as { ok: true; value: { pendingToken: string } };
    await sendWaitingIfNeeded(api, ctx, step.value.pendingToken);
    const done = await api.invoke(
      'operatorSignInVerify',
      { pendingToken: step.value.pendingToken, code: await lastCode(ctx, ADA.phone) },
      ada.caller,
    );
    expect(done.result.ok).toBe(true);
    expect(await codeOf(ada.call('listUsers', {}))).toBe('SIGN_IN_REQUIRED');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HOUR,
  MINUTE,
  SECOND,
  USER,
  eventTypes,
  lastCode,
  openEngine,
  refusalOf,
  userRow,
  withStaff,
  wrongCode,
  type Harness,
  ADMIN,
} from './helpers';

const LOCKED = 'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.';

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

async function failChecks(n: number): Promise<string[]> {
  const codes: string[] = [];
  const code = await lastCode(h);
  for (let i = 0; i < n; i++)
    codes.push((await refusalOf(h.engine.checkCode({ email: USER, code: wrongCode(code) }))).code);
  return codes;
}

describe('an SMS code sign-in', () => {
  it('delivers a 6-digit code to the E.164 number, never stores it in clear, and signs in with it', async () => {
    const sent = await h.engine.sendCode({ email: USER });
    expect(sent).toMatchObject({ outcome: 'code_sent', maskedPhone: '+44••••••••33', sendsRemaining: 4 });
    const code = await lastCode(h);
    expect(code).toMatch(/^\d{6}$/);
    const [session] = await h.db.query<{ code_hash: string }>('SELECT code_hash FROM verification_sessions');
    expect(session.code_hash).toMatch(/^scrypt\$/);
    expect(session.code_hash).not.toContain(code);
    const { messages } = await h.engine.outbox({ email: USER, actor: ADMIN });
    expect(messages[0].phone).toBe('+44••••••••33');

    const signedIn = await h.engine.checkCode({ email: USER, code });
    expect(signedIn).toMatchObject({ outcome: 'signed_in', method: 'sms_code', deviceToken: null });
    expect(await eventTypes(h)).toEqual(['user_added', 'code_sent', 'sign_in_succeeded']);
    // A code works once.
    expect((await refusalOf(h.engine.checkCode({ email: USER, code }))).code).toBe('SESSION_ENDED');
  });

  it('accepts a code at 2:59 and refuses it at 3:01 as expired, without counting a failure', async () => {
    await h.engine.sendCode({ email: USER });
    const code = await lastCode(h);
    h.clock.advance(2 * MINUTE + 59 * SECOND);
    await expect(h.engine.checkCode({ email: USER, code })).resolves.toMatchObject({ outcome: 'signed_in' });

    h.clock.advance(HOUR);
    await h.engine.sendCode({ email: USER });
    const second = await lastCode(h);
    h.clock.advance(3 * MINUTE + 1 * SECOND);
    const refusal = await refusalOf(h.engine.checkCode({ email: USER, code: second }));
    expect(refusal.code).toBe('CODE_EXPIRED');
    expect(refusal.message).toBe('The verification code has expired. Request a new code.');
    expect((await eventTypes(h)).at(-1)).toBe('code_expired');
    expect((await userRow(h)).failed_checks).toBe(0);
  });

  it('answers Session Expired to every step after 10 minutes, and logs each', async () => {
    await h.engine.sendCode({ email: USER });
    const code = await lastCode(h);
    h.clock.advance(10 * MINUTE);
    const first = await refusalOf(h.engine.checkCode({ email: USER, code }));
    expect(first.code).toBe('SESSION_EXPIRED');
    expect(first.message).toBe('Your session has expired. Please sign in again to continue.');
    expect((await refusalOf(h.engine.notMyNumber({ email: USER }))).code).toBe('SESSION_EXPIRED');
    expect((await eventTypes(h)).filter((t) => t === 'session_expired')).toHaveLength(2);
    // Signing in again starts a new session.
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ outcome: 'code_sent' });
  });

  it('refuses the 4th wrong code as WRONG_CODE and starts the 1-hour cooldown at the 5th', async () => {
    await h.engine.sendCode({ email: USER });
    const outcomes = await failChecks(4);
    expect(outcomes).toEqual(['WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE']);
    const fifth = await refusalOf(h.engine.checkCode({ email: USER, code: '000001' }));
    expect(fifth.code).toBe('COOLDOWN_ACTIVE');
    expect(fifth.message).toContain('Try again in 60 minutes');
    expect(fifth.details).toMatchObject({ remainingMs: HOUR });
    expect((await eventTypes(h)).filter((t) => t === 'cooldown_activated')).toHaveLength(1);
    // The log keeps the message each time as the user saw it.
    const logged = await h.db.query<{ type: string; message: string }>(
      `SELECT type, message FROM events WHERE type IN ('wrong_code', 'cooldown_activated') ORDER BY id`,
    );
    expect(logged[3].message).toMatch(/1 more failed attempt starts a 1-hour cooldown\.$/);
    expect(logged[4]).toEqual({ type: 'cooldown_activated', message: fifth.message });
    // Sends and checks are both refused with the time remaining.
    h.clock.advance(18 * MINUTE);
    const send = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(send.code).toBe('COOLDOWN_ACTIVE');
    expect(send.message).toContain('42 minutes');
  });

  it('keeps the cooldown at 59 minutes and lifts it by itself at 61', async () => {
    await h.engine.sendCode({ email: USER });
    await failChecks(5);
    h.clock.advance(59 * MINUTE);
    const refusal = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(refusal.code).toBe('COOLDOWN_ACTIVE');
    expect(refusal.message).toContain('1 minute');
    h.clock.advance(2 * MINUTE);
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ outcome: 'code_sent' });
  });

  it("locks the account at the 10th consecutive failure, with the documents' message, until an unlock", async () => {
    await h.engine.sendCode({ email: USER });
    expect(await failChecks(5)).toEqual(['WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'COOLDOWN_ACTIVE']);
    h.clock.advance(61 * MINUTE);
    await h.engine.sendCode({ email: USER });
    const round2 = await failChecks(5);
    expect(round2.slice(0, 4)).toEqual(['WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE']);
    expect(round2[4]).toBe('ACCOUNT_LOCKED');
    const locked = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    expect(locked.message).toBe(LOCKED);
    // It does not clear by itself.
    h.clock.advance(48 * HOUR);
    expect((await refusalOf(h.engine.sendCode({ email: USER }))).message).toBe(LOCKED);
    const [lockEvent] = await h.db.query<{ message: string }>(`SELECT message FROM events WHERE type = 'account_lock'`);
    expect(lockEvent.message).toBe(LOCKED);
  });

  it('resets the failure counters on success', async () => {
    await h.engine.sendCode({ email: USER });
    await failChecks(4);
    await h.engine.checkCode({ email: USER, code: await lastCode(h) });
    expect(await userRow(h)).toMatchObject({ failed_checks: 0, consecutive_failures: 0, sends_without_success: 0 });
    h.clock.advance(HOUR);
    await h.engine.sendCode({ email: USER });
    expect(await failChecks(4)).toEqual(['WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE', 'WRONG_CODE']);
  });

  it('"It\'s not my phone number" ends the session, tells the user to contact their administrator and flags them', async () => {
    await h.engine.sendCode({ email: USER });
    const code = await lastCode(h);
    const reported = await h.engine.notMyNumber({ email: USER });
    expect(reported.message).toBe('Please contact your administrator for assistance.');
    expect((await refusalOf(h.engine.checkCode({ email: USER, code }))).code).toBe('SESSION_ENDED');
    const list = await h.engine.listUsers({ filter: 'not-my-number' });
    expect(list.users.map((u) => u.email)).toEqual([USER]);
    h.clock.advance(HOUR);
    expect((await refusalOf(h.engine.sendCode({ email: USER }))).code).toBe('NUMBER_REPORTED');
  });
});

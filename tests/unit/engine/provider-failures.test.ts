import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, SECOND, USER, openEngine, refusalOf, userRow, withStaff, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

async function lastEvent() {
  const [row] = await h.db.query<{
    type: string;
    provider: string;
    provider_code: string;
    message: string;
    phone: string;
  }>('SELECT type, provider, provider_code, message, phone FROM events WHERE user_email = ? ORDER BY id DESC LIMIT 1', [
    USER,
  ]);
  return row;
}

describe('provider failures', () => {
  it('files an HTTP 500 as MFA Provider Failure "Error Code: 500" and delivers nothing', async () => {
    await h.engine.setSimulatedFailure({ reason: 'Training exercise', actor: ADMIN, code: '500' });
    const refusal = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(refusal.code).toBe('PROVIDER_FAILURE');
    expect(refusal.message).toBe('MFA Provider Failure, Error Code: 500');
    expect(await lastEvent()).toMatchObject({
      type: 'mfa_provider_failure',
      provider: 'simulated',
      provider_code: '500',
      phone: '+447111222333',
    });
    expect((await h.engine.outbox({ email: USER, actor: ADMIN })).messages).toHaveLength(0);
    // No code went out, so the user may try again at once: no "a code was sent moments ago".
    await h.engine.setSimulatedFailure({ reason: 'Training exercise', actor: ADMIN, code: null });
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ outcome: 'code_sent' });
  });

  it('files a carrier filter (30007) as SMS Failure and an invalid destination (21211) as Incorrect Phone Number', async () => {
    await h.engine.setSimulatedFailure({ reason: 'Training exercise', actor: ADMIN, code: '30007', times: 1 });
    expect((await refusalOf(h.engine.sendCode({ email: USER }))).code).toBe('SMS_FAILURE');
    expect(await lastEvent()).toMatchObject({ type: 'sms_failure', provider_code: '30007' });

    h.clock.advance(30 * SECOND);
    await h.engine.setSimulatedFailure({ reason: 'Training exercise', actor: ADMIN, code: '21211', times: 1 });
    expect((await refusalOf(h.engine.sendCode({ email: USER }))).code).toBe('INCORRECT_PHONE_NUMBER');
    expect(await lastEvent()).toMatchObject({ type: 'incorrect_phone_number', provider_code: '21211' });

    // "times: 1" fails one send only; failed sends do not count towards the resend cooldown.
    h.clock.advance(30 * SECOND);
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({
      outcome: 'code_sent',
      sendsRemaining: 4,
    });
  });

  it('refuses to send to a landline, as SMS cannot reach it', async () => {
    await h.engine.addUser({
      reason: 'New starter',
      name: 'Lin Land',
      email: 'lin@example.com',
      role: 'employee',
      phone: '+44 20 7946 0958',
    });
    const refusal = await refusalOf(h.engine.sendCode({ email: 'lin@example.com' }));
    expect(refusal.code).toBe('INCORRECT_PHONE_NUMBER');
  });

  it('starts our cooldown when the provider says too many sends (60203)', async () => {
    await h.engine.setSimulatedFailure({ reason: 'Training exercise', actor: ADMIN, code: '60203', times: 1 });
    const refusal = await refusalOf(h.engine.sendCode({ email: USER }));
    expect(refusal.code).toBe('COOLDOWN_ACTIVE');
    expect(await lastEvent()).toMatchObject({ type: 'cooldown_activated', provider_code: '60203' });
    expect((await userRow(h)).cooldown_until).not.toBeNull();
  });
});

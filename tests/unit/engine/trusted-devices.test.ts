import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, DAY, HOUR, TECH, USER, lastCode, openEngine, refusalOf, withStaff, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

async function rememberDevice(label = 'Laptop'): Promise<string> {
  await h.engine.sendCode({ email: USER });
  const signedIn = await h.engine.checkCode({
    email: USER,
    code: await lastCode(h),
    rememberDevice: true,
    deviceLabel: label,
  });
  expect(signedIn.deviceToken).toEqual(expect.any(String));
  expect(signedIn.deviceExpiresAt).toBe(h.clock.now() + 30 * DAY);
  return signedIn.deviceToken as string;
}

async function messagesSent(): Promise<number> {
  return (await h.engine.outbox({ email: USER, limit: 200, actor: ADMIN })).messages.length;
}

describe('trusted devices', () => {
  it('skip the code on that device for 30 days, then a code is needed again', async () => {
    const token = await rememberDevice();
    const [stored] = await h.db.query<{ token_hash: string }>('SELECT token_hash FROM trusted_devices');
    expect(stored.token_hash).not.toContain(token);

    h.clock.advance(30 * DAY - HOUR);
    const sent = await messagesSent();
    await expect(h.engine.sendCode({ email: USER, deviceToken: token })).resolves.toMatchObject({
      outcome: 'signed_in',
      method: 'trusted_device',
    });
    expect(await messagesSent()).toBe(sent);
    // That sign-in is a verified session: the user can generate backup codes in it.
    const onDevice = await h.engine.sendCode({ email: USER, deviceToken: token });
    const sessionId = (onDevice as { sessionId: string | null }).sessionId;
    expect(sessionId).toEqual(expect.any(String));
    await expect(h.engine.generateBackupCodes({ email: USER, sessionId: sessionId! })).resolves.toMatchObject({
      codes: expect.any(Array),
    });

    h.clock.advance(2 * HOUR);
    await expect(h.engine.sendCode({ email: USER, deviceToken: token })).resolves.toMatchObject({
      outcome: 'code_sent',
    });
  });

  it('a new device, or a cleared token, means a code', async () => {
    const token = await rememberDevice();
    h.clock.advance(HOUR);
    const otherDevice = `${token.slice(0, -4)}abcd`;
    await expect(h.engine.sendCode({ email: USER, deviceToken: otherDevice })).resolves.toMatchObject({
      outcome: 'code_sent',
    });
    h.clock.advance(HOUR);
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ outcome: 'code_sent' });
  });

  it('another user cannot use the token', async () => {
    const token = await rememberDevice();
    await expect(h.engine.sendCode({ email: TECH, deviceToken: token })).resolves.toMatchObject({
      outcome: 'code_sent',
    });
  });

  it('the helpdesk can revoke them, and the view lists them', async () => {
    const token = await rememberDevice('Work laptop');
    const before = await h.engine.getUser({ email: USER });
    expect(before.trustedDevices).toMatchObject([{ label: 'Work laptop', active: true }]);
    const revokedAt = h.clock.now();
    const revoked = await h.engine.revokeDevices({ email: USER, actor: TECH, reason: 'Laptop reported stolen' });
    expect(revoked.count).toBe(1);
    h.clock.advance(HOUR);
    await expect(h.engine.sendCode({ email: USER, deviceToken: token })).resolves.toMatchObject({
      outcome: 'code_sent',
    });
    const after = await h.engine.getUser({ email: USER });
    expect(after.trustedDevices[0]).toMatchObject({ active: false, revokedAt });
    expect(after.recentEvents.find((e) => e.type === 'devices_revoked')).toMatchObject({
      actor: TECH,
      reason: 'Laptop reported stolen',
    });
    expect((await refusalOf(h.engine.revokeDevices({ email: USER, actor: TECH, reason: 'again' }))).code).toBe(
      'NOTHING_TO_DO',
    );
  });

  it('survive a deactivation and reactivation, as the FAQ explains', async () => {
    const token = await rememberDevice();
    await h.engine.deactivateUser({ email: USER, actor: ADMIN, reason: 'Leaving for a month' });
    expect((await refusalOf(h.engine.sendCode({ email: USER, deviceToken: token }))).code).toBe('USER_DEACTIVATED');
    h.clock.advance(10 * DAY);
    await h.engine.reactivateUser({ email: USER, actor: ADMIN, reason: 'Back from leave' });
    await expect(h.engine.sendCode({ email: USER, deviceToken: token })).resolves.toMatchObject({
      method: 'trusted_device',
    });
    expect((await h.engine.getUser({ email: USER })).user.twoFactor).toBe('enabled');
  });
});

describe('the status explainer counts trusted devices in English', () => {
  it('"1 trusted device skips the code", "2 trusted devices skip the code"', async () => {
    await rememberDevice('Laptop');
    const notes = async () => (await h.engine.getUser({ email: USER, operator: ADMIN })).status.notes;
    expect(await notes()).toContain('1 trusted device skips the code; a new device or a cleared token needs a code.');
    h.clock.advance(HOUR); // past the resend interval
    await rememberDevice('Phone');
    expect(await notes()).toContain('2 trusted devices skip the code; a new device or a cleared token needs a code.');
  });
});

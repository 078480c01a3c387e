import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  HOUR,
  MINUTE,
  TECH,
  USER,
  lastCode,
  openEngine,
  refusalOf,
  withStaff,
  wrongCode,
  type Harness,
} from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
  await h.engine.addUser({ reason: 'New starter', name: 'Nora Nophone', email: 'nora@example.com', role: 'employee' });
  await h.engine.addUser({
    reason: 'New starter',
    name: 'Carl Cool',
    email: 'carl@example.com',
    role: 'technician',
    phone: '+33 6 12 34 56 78',
  });
});
afterEach(() => h.close());

async function cooldownFor(email: string) {
  await h.engine.sendCode({ email });
  const wrong = wrongCode(await lastCode(h, email));
  for (let i = 0; i < 5; i++) await refusalOf(h.engine.checkCode({ email, code: wrong }));
}

const emails = (list: { users: { email: string }[] }) => list.users.map((u) => u.email);

describe('the user directory', () => {
  it('searches by name, email and phone digits typed any usual way', async () => {
    expect(emails(await h.engine.listUsers({ search: 'uma' }))).toEqual([USER]);
    expect(emails(await h.engine.listUsers({ search: 'carl@' }))).toEqual(['carl@example.com']);
    expect(emails(await h.engine.listUsers({ search: '07111 222333' }))).toEqual([USER]);
    expect(emails(await h.engine.listUsers({ search: '+44 7111 222' }))).toEqual([USER]);
    expect(emails(await h.engine.listUsers({ search: '612345678' }))).toEqual(['carl@example.com']);
    expect((await h.engine.listUsers({ search: 'zzz' })).total).toBe(0);
  });

  it('filters locked, cooldown, 2fa-disabled, not-enrolled and not-my-number', async () => {
    await cooldownFor('carl@example.com');
    await h.engine.lockUser({ email: TECH, actor: ADMIN, reason: 'Suspicious' });
    await h.db.query(`UPDATE users SET two_factor = 'disabled_permanently' WHERE email = ?`, [ADMIN]);
    await h.engine.sendCode({ email: USER });
    await h.engine.notMyNumber({ email: USER });
    expect(emails(await h.engine.listUsers({ filter: 'locked' }))).toEqual([TECH]);
    expect(emails(await h.engine.listUsers({ filter: 'cooldown' }))).toEqual(['carl@example.com']);
    expect(emails(await h.engine.listUsers({ filter: '2fa-disabled' }))).toEqual([ADMIN]);
    expect(emails(await h.engine.listUsers({ filter: 'not-enrolled' }))).toEqual(['nora@example.com']);
    expect(emails(await h.engine.listUsers({ filter: 'not-my-number' }))).toEqual([USER]);
    h.clock.advance(HOUR + MINUTE);
    expect((await h.engine.listUsers({ filter: 'cooldown' })).total).toBe(0);
  });

  it('pages by name with a cursor, neither skipping nor repeating', async () => {
    const first = await h.engine.listUsers({ limit: 2 });
    expect(first.total).toBe(5);
    const second = await h.engine.listUsers({ limit: 2, after: first.nextCursor as string });
    const third = await h.engine.listUsers({ limit: 2, after: second.nextCursor as string });
    expect(third.nextCursor).toBeNull();
    expect([...emails(first), ...emails(second), ...emails(third)]).toEqual([
      ADMIN,
      'carl@example.com',
      'nora@example.com',
      TECH,
      USER,
    ]);
  });
});

describe('the user view', () => {
  it('shows the masked phone with type, backup codes left, devices and the last 20 events, never a code', async () => {
    for (let i = 0; i < 15; i++) {
      await h.engine.sendCode({ email: USER });
      await h.engine.checkCode({ email: USER, code: await lastCode(h) });
      h.clock.advance(MINUTE);
    }
    const view = await h.engine.getUser({ email: USER });
    expect(view.phone).toMatchObject({ masked: '+44••••••••33', type: 'mobile', typeLabel: 'Mobile', country: 'GB' });
    expect(JSON.stringify(view)).not.toContain('+447111222333');
    expect(view.recentEvents).toHaveLength(20);
    expect(view.recentEvents[0].type).toBe('sign_in_succeeded');
    expect(view.recentEvents[0].occurredAt).toBeGreaterThan(view.recentEvents[19].occurredAt);
    expect(view.backupCodes).toEqual({ remaining: 0, total: 0, generatedAt: null });
    expect(view.status).toMatchObject({ state: 'code_required', canSignIn: true, needsCode: true });
  });

  it('reveals the full number only on request, and audits it', async () => {
    expect(
      await h.engine.revealPhone({
        email: USER,
        actor: TECH,
        reason: 'Caller reads it back',
      }),
    ).toEqual({
      e164: '+447111222333',
    });
    const view = await h.engine.getUser({ email: USER });
    expect(view.recentEvents[0]).toMatchObject({ type: 'phone_revealed', actor: TECH, reason: 'Caller reads it back' });
  });

  it('warns about a non-mobile number', async () => {
    await h.engine.addUser({
      reason: 'New starter',
      name: 'Vic Voip',
      email: 'vic@example.com',
      role: 'employee',
      phone: '+44 56 1234 5678',
    });
    const view = await h.engine.getUser({ email: 'vic@example.com' });
    expect(view.phone?.warning).toContain('VoIP numbers may not receive verification codes');
    expect(view.status.notes[0]).toContain('VoIP');
  });
});

describe('the status explainer', () => {
  it('in cooldown: the counter against its limit, when it clears, and what a reset would change', async () => {
    await h.engine.sendCode({ email: USER });
    const wrong = wrongCode(await lastCode(h));
    for (let i = 0; i < 3; i++) await refusalOf(h.engine.checkCode({ email: USER, code: wrong }));
    let status = (await h.engine.getUser({ email: USER })).status;
    expect(status.counters.find((c) => c.id === 'failed_checks')).toMatchObject({ value: 3, limit: 5 });

    for (let i = 0; i < 2; i++) await refusalOf(h.engine.checkCode({ email: USER, code: wrong }));
    h.clock.advance(20 * MINUTE);
    status = (await h.engine.getUser({ email: USER, operator: TECH })).status;
    expect(status.state).toBe('cooldown');
    expect(status.canSignIn).toBe(false);
    expect(status.headline).toContain('40 minutes left');
    expect(status.clearsAt).toBe(h.clock.now() + 40 * MINUTE);
    expect(status.counters.find((c) => c.id === 'consecutive_failures')).toMatchObject({ value: 5, limit: 10 });
    const reset = status.actions.find((a) => a.action === 'reset-cooldown');
    expect(reset).toMatchObject({ available: true, suggestsCallerCheck: true });
    expect(reset?.consequence).toContain('ends now');
    // A technician may not disable 2FA: the action says why.
    expect(status.actions.find((a) => a.action === 'disable-2fa')).toMatchObject({
      available: false,
      unavailableReason: expect.stringContaining('Only administrators'),
    });
  });

  it('locked: does not clear by itself; the lock action confirms with "Lock Account" or "Cancel"', async () => {
    const before = (await h.engine.getUser({ email: USER })).status;
    expect(before.actions.find((a) => a.action === 'lock')).toMatchObject({
      confirmLabel: 'Lock Account',
      cancelLabel: 'Cancel',
      danger: true,
    });
    await h.engine.lockUser({ email: USER, actor: TECH, reason: 'Reported stolen phone' });
    const status = (await h.engine.getUser({ email: USER })).status;
    expect(status).toMatchObject({
      state: 'locked',
      canSignIn: false,
      clearsAt: null,
      userMessage: 'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.',
    });
    expect(status.headline).toContain('Reported stolen phone');
    expect(status.actions.find((a) => a.action === 'unlock')?.available).toBe(true);
  });
});

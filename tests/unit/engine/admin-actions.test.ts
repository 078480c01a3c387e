import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminWarning } from '../../../src/main/engine/operators/account';
import {
  ADMIN,
  ADMIN2,
  DAY,
  HOUR,
  MINUTE,
  TECH,
  USER,
  ANOTHER_WAY,
  disablePermanently,
  lastCode,
  verifyCaller,
  withSecondAdmin,
  openEngine,
  refusalOf,
  userRow,
  withStaff,
  wrongCode,
  type Harness,
} from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

async function intoCooldown() {
  await h.engine.sendCode({ email: USER });
  const wrong = wrongCode(await lastCode(h));
  for (let i = 0; i < 5; i++) await refusalOf(h.engine.checkCode({ email: USER, code: wrong }));
}

const why = { reason: 'Caller verified by SMS code' };

describe('admin actions', () => {
  it('need an active operator, and only administrators may disable 2FA', async () => {
    expect((await refusalOf(h.engine.lockUser({ email: USER, actor: 'nobody@example.com', ...why }))).code).toBe(
      'NOT_AN_OPERATOR',
    );
    // Employees sign in; they do not operate the console, not even on themselves.
    const employee = await refusalOf(h.engine.unlockUser({ email: USER, actor: USER, ...why }));
    expect(employee.code).toBe('NOT_AN_OPERATOR');
    expect(employee.message).toContain('uma@example.com is an employee');
    const notAdmin = await refusalOf(h.engine.disableTwoFactor({ email: USER, actor: TECH, ...why }));
    expect(notAdmin.code).toBe('NOT_ADMIN');
    expect(notAdmin.message).toContain('tim@example.com is a technician');
    await h.engine.deactivateUser({ email: TECH, actor: ADMIN, reason: 'Left the firm' });
    expect((await refusalOf(h.engine.lockUser({ email: USER, actor: TECH, ...why }))).code).toBe('NOT_AN_OPERATOR');
  });

  it('lock and unlock with actor and reason in the log; unlock clears counters and the cooldown', async () => {
    await intoCooldown();
    const locked = await h.engine.lockUser({ email: USER, actor: TECH, reason: 'Suspicious sign-in attempts' });
    expect(locked.user.state).toBe('locked');
    const [event] = await h.db.query<{ type: string; actor: string; reason: string }>(
      'SELECT type, actor, reason FROM events WHERE id = ?',
      [locked.eventId],
    );
    expect(event).toEqual({ type: 'admin_lock', actor: TECH, reason: 'Suspicious sign-in attempts' });
    expect((await refusalOf(h.engine.lockUser({ email: USER, actor: TECH, ...why }))).code).toBe('NOTHING_TO_DO');

    await verifyCaller(h, TECH);
    const unlocked = await h.engine.unlockUser({ email: USER, actor: TECH, ...why });
    expect(unlocked.user.state).toBe('code_required');
    expect(await userRow(h)).toMatchObject({ consecutive_failures: 0, failed_checks: 0, cooldown_until: null });
  });

  it('reset cooldown lets the user try right away but keeps the consecutive count towards the lock', async () => {
    await intoCooldown();
    await verifyCaller(h, TECH);
    const reset = await h.engine.resetCooldown({ email: USER, actor: TECH, ...why });
    expect(reset.user.cooldownUntil).toBeNull();
    await h.engine.sendCode({ email: USER });
    const wrong = wrongCode(await lastCode(h));
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) outcomes.push((await refusalOf(h.engine.checkCode({ email: USER, code: wrong }))).code);
    expect(outcomes.at(-1)).toBe('ACCOUNT_LOCKED');
  });

  it('disable 2FA until a date: no code until then, and it applies again by itself', async () => {
    const until = h.clock.now() + 2 * DAY;
    await verifyCaller(h, ADMIN);
    await h.engine.disableTwoFactor({ email: USER, actor: ADMIN, until, reason: 'Travelling without signal' });
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({
      outcome: 'signed_in',
      method: 'two_factor_off',
    });
    expect((await h.engine.listUsers({ filter: '2fa-disabled' })).users.map((u) => u.email)).toEqual([USER]);
    h.clock.advance(2 * DAY + MINUTE);
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ outcome: 'code_sent' });
    expect((await h.engine.listUsers({ filter: '2fa-disabled' })).total).toBe(0);
    const past = await refusalOf(
      h.engine.disableTwoFactor({ email: USER, actor: ADMIN, until: h.clock.now() - 1, reason: 'x' }),
    );
    expect(past.code).toBe('INVALID_INPUT');
  });

  it('disable permanently and re-enable', async () => {
    await disablePermanently(h);
    expect((await h.engine.getUser({ email: USER })).status.state).toBe('two_factor_disabled');
    await verifyCaller(h, ADMIN2);
    await h.engine.enableTwoFactor({ email: USER, actor: ADMIN2, reason: 'New phone works' });
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ outcome: 'code_sent' });
  });

  it('change the phone number: normalised, warned about VoIP, "not my number" cleared, bad numbers refused', async () => {
    await h.engine.sendCode({ email: USER });
    await h.engine.notMyNumber({ email: USER });
    // The reported number cannot take a caller code: an administrator verifies another way.
    const another = { verifiedAnotherWay: ANOTHER_WAY };
    const bad = await refusalOf(h.engine.changePhone({ email: USER, actor: ADMIN, phone: '+44 7111 ABC333', ...why }));
    expect(bad.code).toBe('INVALID_PHONE');
    expect(bad.message).toContain('letters');
    const voip = await h.engine.changePhone({
      email: USER,
      actor: ADMIN,
      phone: '+44 56 1234 5678',
      ...why,
      ...another,
    });
    expect(voip.warning).toContain('VoIP');
    h.clock.advance(MINUTE);
    await h.engine.changePhone({ email: USER, actor: ADMIN, phone: '+4407111999888', ...why, ...another });
    const [sent] = await h.db.query<{ body: string }>(
      `SELECT body FROM simulated_outbox WHERE phone = '+447111999888' ORDER BY id DESC LIMIT 1`,
    );
    const code = /(\d{6})/.exec(sent.body)?.[1] ?? '';
    const changed = await h.engine.confirmPhoneChange({ email: USER, actor: ADMIN, code, ...why });
    expect(changed.user).toMatchObject({ phoneMasked: '+44••••••••88', phoneType: 'mobile', notMyNumberAt: null });
    expect((await userRow(h)).phone_e164).toBe('+447111999888');
    h.clock.advance(MINUTE);
    await h.engine.sendCode({ email: USER });
    expect((await h.engine.outbox({ email: USER, actor: ADMIN })).messages[0].phone).toBe('+44••••••••88');
  });

  it('cite a passed caller verification, which is recorded with the action', async () => {
    await intoCooldown();
    const sent = await h.engine.sendCallerCode({ email: USER, actor: TECH });
    const failed = await refusalOf(
      h.engine.checkCallerCode({ email: USER, actor: TECH, code: wrongCode(await lastCode(h)) }),
    );
    expect(failed.code).toBe('CALLER_CHECK_FAILED');
    expect(failed.message).toContain('2 tries left on this code');
    expect(
      (await refusalOf(h.engine.resetCooldown({ email: USER, actor: TECH, callerCheckId: sent.checkId, ...why }))).code,
    ).toBe('CALLER_CHECK_INVALID');

    h.clock.advance(30 * 1000);
    await h.engine.sendCallerCode({ email: USER, actor: TECH });
    const passed = await h.engine.checkCallerCode({ email: USER, actor: TECH, code: await lastCode(h) });
    // The caller check did not touch the user's own counters or cooldown.
    expect((await userRow(h)).cooldown_until).not.toBeNull();
    const reset = await h.engine.resetCooldown({ email: USER, actor: TECH, callerCheckId: passed.checkId, ...why });
    const [event] = await h.db.query<{ details: string }>('SELECT details FROM events WHERE id = ?', [reset.eventId]);
    expect(JSON.parse(event.details).callerCheck).toMatchObject({ id: passed.checkId, actor: TECH });
    const results = await h.db.query<{ details: string }>(
      `SELECT details FROM events WHERE type IN ('caller_check_passed', 'caller_check_failed') ORDER BY id`,
    );
    expect(results.map((r) => JSON.parse(r.details).result)).toEqual(['wrong_code', 'passed']);

    // The user view offers it for citing for 30 minutes, then says it has lapsed.
    h.clock.advance(29 * MINUTE);
    expect((await h.engine.getUser({ email: USER })).callerCheck).toMatchObject({ result: 'passed' });
    h.clock.advance(HOUR);
    expect((await h.engine.getUser({ email: USER })).callerCheck).toMatchObject({ result: 'lapsed' });
    await h.engine.lockUser({ email: USER, actor: TECH, reason: 'Suspicious sign-in attempts' });
    expect(
      (await refusalOf(h.engine.unlockUser({ email: USER, actor: TECH, callerCheckId: passed.checkId, ...why }))).code,
    ).toBe('CALLER_CHECK_INVALID');
  });

  it('send no caller code to a number the user said is not theirs', async () => {
    await h.engine.sendCode({ email: USER });
    await h.engine.notMyNumber({ email: USER });
    const refused = await refusalOf(h.engine.sendCallerCode({ email: USER, actor: TECH }));
    expect(refused.code).toBe('NUMBER_REPORTED');
    expect(refused.message).toContain('Verify the caller another way');
  });
});

describe('firm-wide 2FA and administrators', () => {
  it('enabling needs two active administrators, and enrols users who have a phone', async () => {
    const refused = await refusalOf(
      h.engine.setFirmTwoFactor({ reason: 'Firm security policy', actor: ADMIN, enabled: true }),
    );
    expect(refused.code).toBe('NEEDS_TWO_ADMINS');
    expect(refused.message).toContain('there is 1');
    expect(
      (await refusalOf(h.engine.setFirmTwoFactor({ reason: 'Firm security policy', actor: TECH, enabled: true }))).code,
    ).toBe('NOT_ADMIN');

    await h.engine.addUser({ reason: 'New starter', name: 'Grace Admin', email: ADMIN2, role: 'administrator' });
    await h.engine.addUser({ reason: 'New starter', name: 'Pat Phone', email: 'pat@example.com', role: 'employee' });
    await disablePermanently(h, USER, 'Own choice');
    await h.db.query(`UPDATE users SET two_factor = 'not_enrolled' WHERE email = ?`, [TECH]);
    const firm = await h.engine.setFirmTwoFactor({ reason: 'Firm security policy', actor: ADMIN, enabled: true });
    expect(firm).toMatchObject({ enabled: true, activeAdministrators: 2, changedBy: ADMIN });
    expect((await h.engine.getUser({ email: TECH })).user.twoFactor).toBe('enabled');
    // Without a phone: must enrol at the next sign-in.
    await expect(h.engine.sendCode({ email: 'pat@example.com' })).resolves.toMatchObject({
      outcome: 'enrolment_required',
    });
    // An administrator's own decision for a user stands.
    expect((await h.engine.getUser({ email: USER })).user.twoFactor).toBe('disabled_permanently');
  });

  it("disabling it firm-wide leaves every user's own 2FA as it is", async () => {
    await h.engine.addUser({
      reason: 'New starter',
      name: 'Grace Admin',
      email: ADMIN2,
      role: 'administrator',
      phone: '+447400123003',
    });
    await h.engine.setFirmTwoFactor({ reason: 'Firm security policy', actor: ADMIN, enabled: true });
    const filed = await h.engine.setFirmTwoFactor({ reason: 'Firm security policy', actor: ADMIN2, enabled: false });
    expect(filed).toMatchObject({ enabled: true, request: { action: 'firm-2fa-off', requester: ADMIN2 } });
    await h.engine.approveRequest({ actor: ADMIN, id: filed.request!.id, reason: 'Agreed at the board' });
    const { users } = await h.engine.listUsers({});
    expect(users.map((u) => u.twoFactor)).toEqual(['enabled', 'enabled', 'enabled', 'enabled']);
    await expect(h.engine.sendCode({ email: USER })).resolves.toMatchObject({ outcome: 'code_sent' });
  });

  it('leaving fewer than two administrators while 2FA is on firm-wide needs a confirmation, and the banner stays', async () => {
    await withSecondAdmin(h);
    await h.engine.setFirmTwoFactor({ reason: 'Firm security policy', actor: ADMIN, enabled: true });
    const unconfirmed = await refusalOf(
      h.engine.deactivateUser({ email: ADMIN2, actor: ADMIN, reason: 'Left the firm' }),
    );
    expect(unconfirmed.code).toBe('FEWER_ADMINS_UNCONFIRMED');
    expect(unconfirmed.message).toContain('leaves one active administrator while 2FA is on firm-wide');
    expect(unconfirmed.message).toContain('no one here can disable their 2FA');
    expect(await adminWarning(h.engine.deps)).toBeNull();

    const done = await h.engine.deactivateUser({
      email: ADMIN2,
      actor: ADMIN,
      reason: 'Left the firm',
      confirmFewerAdmins: true,
    });
    const [event] = await h.db.query<{ details: string; actor: string }>(
      'SELECT details, actor FROM events WHERE id = ?',
      [done.eventId],
    );
    expect(event.actor).toBe(ADMIN);
    expect(JSON.parse(event.details)).toMatchObject({
      change: 'deactivated',
      confirmedFewerAdmins: true,
      administratorsLeft: 1,
    });
    expect(await adminWarning(h.engine.deps)).toContain('Only one administrator is active while 2FA is on firm-wide');

    // The last one cannot act on their own account at all; the user view says why.
    const self = await refusalOf(h.engine.deactivateUser({ email: ADMIN, actor: ADMIN, reason: 'Leaving' }));
    expect(self.code).toBe('SELF_ACTION');
    const view = await h.engine.getUser({ email: ADMIN, operator: ADMIN });
    expect(view.status.actions.find((a) => a.action === 'deactivate')).toMatchObject({ available: false });

    // A second administrator again: the banner goes.
    await h.engine.reactivateUser({ email: ADMIN2, actor: ADMIN, reason: 'Rehired' });
    expect(await adminWarning(h.engine.deps)).toBeNull();
  });

  it('a role change says what the user now is, in English: "an employee", "a technician", "an administrator"', async () => {
    // With one administrator, the second is made at once: there is no one else to approve it.
    const summary = async (role: 'employee' | 'technician' | 'administrator') =>
      (await h.engine.setRole({ email: TECH, actor: ADMIN, role, reason: 'Reorganisation' })).summary;
    expect(await summary('employee')).toBe('Tim Tech is now an employee.');
    expect(await summary('technician')).toBe('Tim Tech is now a technician.');
    expect(await summary('administrator')).toBe('Tim Tech is now an administrator.');
  });

  it('disabling 2FA on a locked user says the lock stays, and the user view says when 2FA comes back', async () => {
    await h.engine.lockUser({ email: USER, actor: ADMIN, reason: 'Suspicious sign-ins' });
    await verifyCaller(h, ADMIN);
    const preview = (await h.engine.getUser({ email: USER, operator: ADMIN })).status.actions.find(
      (a) => a.action === 'disable-2fa',
    )!;
    expect(preview.consequence).toContain(
      'but the account stays locked: Uma User still cannot sign in until someone unlocks it',
    );
    expect(preview.consequence).not.toContain('signs in without a code');

    const until = h.clock.now() + 2 * DAY;
    const done = await h.engine.disableTwoFactor({ email: USER, actor: ADMIN, reason: 'Lost phone', until });
    expect(done.summary).toContain('The account is still locked: they cannot sign in until it is unlocked.');
    const view = await h.engine.getUser({ email: USER, operator: ADMIN });
    expect(view.status.state).toBe('locked');
    expect(view.status.canSignIn).toBe(false);
    expect(view.user.twoFactorDisabledUntil).toBe(until);
    expect(view.status.notes.join(' ')).toContain('2FA is disabled until');

    // Unlocked, the same user really signs in without a code.
    await h.engine.unlockUser({ email: USER, actor: ADMIN, reason: 'Verified by phone' });
    const after = await h.engine.getUser({ email: USER, operator: ADMIN });
    expect(after.status).toMatchObject({ state: 'two_factor_disabled', canSignIn: true, needsCode: false });
    expect(after.status.actions.find((a) => a.action === 'disable-2fa')!.consequence).toBe(
      'Uma User signs in without a code until the date you choose, or until 2FA is re-enabled.',
    );
  });
});

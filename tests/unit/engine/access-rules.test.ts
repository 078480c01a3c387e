import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/main/audit/audit-log';
import {
  ADMIN,
  ADMIN2,
  ANOTHER_WAY,
  HOUR,
  MINUTE,
  TECH,
  USER,
  lastCode,
  openEngine,
  outcome,
  refusalOf,
  userRow,
  verifyCaller,
  withSecondAdmin,
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

const why = { reason: 'Caller asked for help' };

async function lockUma() {
  await h.engine.lockUser({ email: USER, actor: TECH, reason: 'Suspected compromise' });
}

async function eventDetails(id: number) {
  const [row] = await h.db.query<{ details: string; actor: string; type: string }>(
    'SELECT type, actor, details FROM events WHERE id = ?',
    [id],
  );
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}

describe('the role matrix', () => {
  it('technicians find, unlock, reset, verify, change numbers and revoke devices; the rest is for administrators', async () => {
    await lockUma();
    await verifyCaller(h, TECH);
    expect(await outcome(h.engine.unlockUser({ email: USER, actor: TECH, ...why }))).toBe('OK');
    expect(await outcome(h.engine.changePhone({ email: USER, actor: TECH, phone: '+447111999000', ...why }))).toBe(
      'OK',
    );
    for (const [what, call] of [
      ['re-enable 2FA', () => h.engine.enableTwoFactor({ email: USER, actor: TECH, ...why })],
      [
        'disable 2FA',
        () => h.engine.disableTwoFactor({ email: USER, actor: TECH, until: h.clock.now() + HOUR, ...why }),
      ],
      ['deactivate users', () => h.engine.deactivateUser({ email: USER, actor: TECH, ...why })],
      ['change roles', () => h.engine.setRole({ email: USER, actor: TECH, role: 'technician', ...why })],
      ['change firm-wide 2FA', () => h.engine.setFirmTwoFactor({ actor: TECH, enabled: true, ...why })],
      [
        'change the MFA policy',
        () => h.engine.updatePolicy({ actor: TECH, changes: { lockAfterFailures: 8 }, ...why }),
      ],
      [
        'add users',
        () => h.engine.addUser({ actor: TECH, name: 'Eve', email: 'eve@example.com', role: 'employee', ...why }),
      ],
      ['approve requests', () => h.engine.approveRequest({ actor: TECH, id: 1, ...why })],
    ] as const) {
      const refused = await refusalOf(call());
      expect(refused.code, what).toBe('NOT_ADMIN');
      expect(refused.message, what).toContain(`Only administrators may ${what}; tim@example.com is a technician`);
    }
  });

  it('a technician cannot proceed "verified another way": that is for administrators', async () => {
    await lockUma();
    const refused = await refusalOf(
      h.engine.unlockUser({ email: USER, actor: TECH, verifiedAnotherWay: ANOTHER_WAY, ...why }),
    );
    expect(refused.code).toBe('NOT_ADMIN');
    expect(refused.message).toContain(
      'verifiedAnotherWay: only administrators may unlock accounts without a caller check',
    );
  });
});

describe('no self-service', () => {
  it('refuses every action on the operator’s own account, with the documents’ path', async () => {
    await h.db.query(`UPDATE users SET locked_at = 1, cooldown_until = ? WHERE email = ?`, [
      h.clock.now() + HOUR,
      ADMIN,
    ]);
    const own = { email: ADMIN, actor: ADMIN, verifiedAnotherWay: ANOTHER_WAY, ...why };
    for (const [name, call] of [
      ['unlock', () => h.engine.unlockUser(own)],
      ['reset cooldown', () => h.engine.resetCooldown(own)],
      ['disable 2FA', () => h.engine.disableTwoFactor({ ...own, until: h.clock.now() + HOUR })],
      ['enable 2FA', () => h.engine.enableTwoFactor(own)],
      ['change own number', () => h.engine.changePhone({ ...own, phone: '+447400999999' })],
      ['change own role', () => h.engine.setRole({ ...own, role: 'technician' })],
      ['deactivate', () => h.engine.deactivateUser(own)],
      ['lock', () => h.engine.lockUser(own)],
      ['revoke devices', () => h.engine.revokeDevices(own)],
    ] as const) {
      const refused = await refusalOf(call());
      expect(refused.code, name).toBe('SELF_ACTION');
      expect(refused.message, name).toContain('on your own account (ada@example.com)');
      expect(refused.message, name).toContain('Use one of your backup codes');
      expect(refused.message, name).toContain('ask another administrator to do it for you');
    }
    const selfCheck = await refusalOf(h.engine.sendCallerCode({ email: TECH, actor: TECH }));
    expect(selfCheck.code).toBe('SELF_ACTION');
    // The user view says why before anyone clicks.
    const view = await h.engine.getUser({ email: ADMIN, operator: ADMIN });
    expect(view.status.actions.find((a) => a.action === 'unlock')).toMatchObject({
      available: false,
      unavailableReason: expect.stringContaining('This is your own account'),
    });
  });
});

describe('caller verification', () => {
  it('says what it is in its SMS, not the sign-in text', async () => {
    await h.engine.sendCallerCode({ email: USER, actor: TECH });
    const { messages } = await h.engine.outbox({ email: USER, actor: ADMIN, limit: 1 });
    expect(messages[0].body).toMatch(
      /^A helpdesk agent is verifying your identity\. Read this code to them only if you are on a call with your helpdesk\. Code: \d{6}$/,
    );
  });

  it('allows 3 tries per code, then a new code is needed; passed and failed are distinct events', async () => {
    const sent = await h.engine.sendCallerCode({ email: USER, actor: TECH });
    expect(sent.tries).toBe(3);
    const wrong = wrongCode(await lastCode(h));
    const messages: string[] = [];
    for (let i = 0; i < 3; i++) {
      messages.push((await refusalOf(h.engine.checkCallerCode({ email: USER, actor: TECH, code: wrong }))).message);
    }
    expect(messages[0]).toContain('2 tries left');
    expect(messages[1]).toContain('1 try left');
    expect(messages[2]).toContain('That was the last of 3 tries: send a new code.');
    const fourth = await refusalOf(h.engine.checkCallerCode({ email: USER, actor: TECH, code: await lastCode(h) }));
    expect(fourth.code).toBe('NO_SESSION');
    const types = await h.db.query<{ type: string }>(
      `SELECT type FROM events WHERE type LIKE 'caller_check_%' ORDER BY id`,
    );
    expect(types.map((t) => t.type)).toEqual(['caller_check_failed', 'caller_check_failed', 'caller_check_failed']);
    h.clock.advance(MINUTE);
    await verifyCaller(h, TECH);
    const [passed] = await h.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE type = 'caller_check_passed'`,
    );
    expect(passed.n).toBe(1);
  });

  it('unlock, cooldown reset, 2FA and number changes need a passed check made by the acting operator', async () => {
    await lockUma();
    const none = await refusalOf(h.engine.unlockUser({ email: USER, actor: TECH, ...why }));
    expect(none.code).toBe('CALLER_CHECK_REQUIRED');
    expect(none.message).toContain('verify the caller first');
    expect(none.message).toContain('Use "Verify the caller": a code goes to +44••••••••33');
    const checkId = await verifyCaller(h, TECH);
    // Tim's check is Tim's: Ada cannot rest on it, cited or not.
    expect((await refusalOf(h.engine.unlockUser({ email: USER, actor: ADMIN, ...why }))).code).toBe(
      'CALLER_CHECK_REQUIRED',
    );
    const cited = await refusalOf(h.engine.unlockUser({ email: USER, actor: ADMIN, callerCheckId: checkId, ...why }));
    expect(cited.code).toBe('CALLER_CHECK_INVALID');
    expect(cited.message).toContain('tim@example.com made it, not you');
    for (const call of [
      () => h.engine.resetCooldown({ email: USER, actor: ADMIN, ...why }),
      () => h.engine.enableTwoFactor({ email: USER, actor: ADMIN, ...why }),
      () => h.engine.disableTwoFactor({ email: USER, actor: ADMIN, until: h.clock.now() + HOUR, ...why }),
      () => h.engine.changePhone({ email: USER, actor: ADMIN, phone: '+447111999000', ...why }),
    ]) {
      expect((await refusalOf(call())).code).toBe('CALLER_CHECK_REQUIRED');
    }
    const done = await h.engine.unlockUser({ email: USER, actor: TECH, ...why });
    expect((await eventDetails(done.eventId)).details.callerCheck).toMatchObject({ id: checkId, actor: TECH });
  });

  it('lapses after 30 minutes', async () => {
    await lockUma();
    await verifyCaller(h, TECH);
    h.clock.advance(30 * MINUTE);
    const lapsed = await refusalOf(h.engine.unlockUser({ email: USER, actor: TECH, ...why }));
    expect(lapsed.code).toBe('CALLER_CHECK_REQUIRED');
    expect(lapsed.message).toContain('your last check it lapsed');
  });

  it('is void once the user is locked, their number changes, or another operator acts on them', async () => {
    // Locked after the check (the "citing another operator's caller check from before the lock").
    await h.engine.sendCode({ email: USER });
    await verifyCaller(h, TECH);
    await lockUma();
    const locked = await refusalOf(h.engine.unlockUser({ email: USER, actor: TECH, ...why }));
    expect(locked.message).toContain('the account was locked after it');
    expect((await h.engine.getUser({ email: USER, operator: TECH })).callerCheck).toMatchObject({
      result: 'void',
      voidReason: 'the account was locked after it',
      mine: true,
    });

    // Another operator acts on the user: Ada unlocks (verified another way); Tim's newer check is void.
    h.clock.advance(MINUTE);
    await verifyCaller(h, TECH);
    await h.engine.unlockUser({ email: USER, actor: ADMIN, verifiedAnotherWay: ANOTHER_WAY, ...why });
    await h.db.query(`UPDATE users SET failed_checks = 2 WHERE email = ?`, [USER]);
    const acted = await refusalOf(h.engine.resetCooldown({ email: USER, actor: TECH, ...why }));
    expect(acted.message).toContain('another operator (ada@example.com) acted on the user after it');

    // The number changes: the check was bound to the old one.
    h.clock.advance(MINUTE);
    await verifyCaller(h, TECH);
    await h.engine.changePhone({ email: USER, actor: TECH, phone: '+447111999000', ...why });
    // The new number is confirmed with the code the caller reads back from it.
    const [sms] = await h.db.query<{ body: string }>(
      'SELECT body FROM simulated_outbox WHERE phone = ? ORDER BY id DESC LIMIT 1',
      ['+447111999000'],
    );
    const code = /\b(\d{6})\b/.exec(sms.body)![1];
    await h.engine.confirmPhoneChange({ email: USER, actor: TECH, code, ...why });
    const moved = await refusalOf(h.engine.resetCooldown({ email: USER, actor: TECH, ...why }));
    expect(moved.message).toContain('the number changed');
  });

  it('an administrator may proceed "verified another way", saying how, flagged in the event', async () => {
    await lockUma();
    const done = await h.engine.unlockUser({ email: USER, actor: ADMIN, verifiedAnotherWay: ANOTHER_WAY, ...why });
    expect((await eventDetails(done.eventId)).details).toMatchObject({
      verifiedAnotherWay: ANOTHER_WAY,
      callerCheck: null,
    });
    expect((await userRow(h)).locked_at).toBeNull();
  });
});

describe('two-person approval', () => {
  it('a firm with one administrator says why approval is impossible', async () => {
    const refused = await refusalOf(
      h.engine.disableTwoFactor({ email: USER, actor: ADMIN, verifiedAnotherWay: ANOTHER_WAY, ...why }),
    );
    expect(refused.code).toBe('NEEDS_SECOND_ADMIN');
    expect(refused.message).toContain(
      'another administrator must approve it, and there is no active administrator besides you',
    );
    expect((await userRow(h)).two_factor).toBe('enabled');
  });

  it('a permanent disable is filed, approved by another administrator, and carried out with both names', async () => {
    await withSecondAdmin(h);
    const filed = await h.engine.disableTwoFactor({
      email: USER,
      actor: ADMIN,
      verifiedAnotherWay: ANOTHER_WAY,
      ...why,
    });
    expect(filed).toMatchObject({ outcome: 'approval_requested', user: { twoFactor: 'enabled' } });
    expect(filed.request).toMatchObject({ action: 'disable-2fa', status: 'pending', requester: ADMIN, target: USER });
    expect(filed.request!.expiresAt - h.clock.now()).toBe(24 * HOUR);
    expect((await eventDetails(filed.eventId)).type).toBe('approval_requested');
    expect((await userRow(h)).two_factor).toBe('enabled');

    const own = await refusalOf(h.engine.approveRequest({ actor: ADMIN, id: filed.request!.id, reason: 'Mine' }));
    expect(own.code).toBe('NOT_APPROVER');
    expect((await h.engine.pendingApprovals({ actor: ADMIN2 })).pending).toBe(1);
    expect((await h.engine.pendingApprovals({ actor: ADMIN })).pending).toBe(0); // her own
    expect((await h.engine.pendingApprovals({ actor: TECH })).pending).toBe(0);

    const approved = await h.engine.approveRequest({
      actor: ADMIN2,
      id: filed.request!.id,
      reason: 'Checked with Ada',
    });
    expect(approved.request).toMatchObject({ status: 'executed', decidedBy: ADMIN2 });
    expect((await userRow(h)).two_factor).toBe('disabled_permanently');
    const [disabled] = await h.db.query<{ actor: string; details: string }>(
      `SELECT actor, details FROM events WHERE type = 'two_factor_disabled'`,
    );
    expect(disabled.actor).toBe(ADMIN);
    expect(JSON.parse(disabled.details)).toMatchObject({
      approval: { requestedBy: ADMIN, approvedBy: ADMIN2 },
      verifiedAnotherWay: ANOTHER_WAY,
    });
    // The Audit page says what it rested on: Ada's "verified another way" and Grace's approval.
    const audit = await auditLog(h.db, { action: 'two_factor_disabled' });
    expect(audit.rows[0].restsOn).toBe(
      `verified another way: ${ANOTHER_WAY}; approval ${filed.request!.id} by ${ADMIN2}`,
    );
    const again = await refusalOf(h.engine.rejectRequest({ actor: ADMIN2, id: filed.request!.id, reason: 'No' }));
    expect(again.code).toBe('REQUEST_CLOSED');
  });

  it('expires after 24 hours: refused REQUEST_CLOSED, with an approval_expired event', async () => {
    await withSecondAdmin(h);
    const filed = await h.engine.disableTwoFactor({
      email: USER,
      actor: ADMIN,
      verifiedAnotherWay: ANOTHER_WAY,
      ...why,
    });
    h.clock.advance(24 * HOUR);
    const late = await refusalOf(h.engine.approveRequest({ actor: ADMIN2, id: filed.request!.id, reason: 'Late' }));
    expect(late.code).toBe('REQUEST_CLOSED');
    expect(late.message).toContain('24 hours after it was filed; nothing was changed');
    const [expired] = await h.db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE type = 'approval_expired'`,
    );
    expect(expired.n).toBe(1);
    expect((await userRow(h)).two_factor).toBe('enabled');
  });

  it('a rejection changes nothing and is audited', async () => {
    await withSecondAdmin(h);
    const filed = await h.engine.disableTwoFactor({
      email: USER,
      actor: ADMIN,
      verifiedAnotherWay: ANOTHER_WAY,
      ...why,
    });
    const rejected = await h.engine.rejectRequest({
      actor: ADMIN2,
      id: filed.request!.id,
      reason: 'Call the user first',
    });
    expect(rejected.request).toMatchObject({ status: 'rejected', decisionReason: 'Call the user first' });
    const [event] = await h.db.query<{ actor: string }>(`SELECT actor FROM events WHERE type = 'approval_rejected'`);
    expect(event.actor).toBe(ADMIN2);
    expect((await userRow(h)).two_factor).toBe('enabled');
  });

  it("disabling an administrator's 2FA (even for a day) needs approval, never by that administrator", async () => {
    await withSecondAdmin(h);
    await h.engine.addUser({
      reason: 'New starter',
      name: 'Hal Admin',
      email: 'hal@example.com',
      role: 'administrator',
    });
    const until = h.clock.now() + HOUR;
    const filed = await h.engine.disableTwoFactor({
      email: ADMIN2,
      actor: ADMIN,
      until,
      verifiedAnotherWay: ANOTHER_WAY,
      ...why,
    });
    expect(filed.outcome).toBe('approval_requested');
    const target = await refusalOf(h.engine.approveRequest({ actor: ADMIN2, id: filed.request!.id, reason: 'Me' }));
    expect(target.code).toBe('SELF_ACTION');
    await h.engine.approveRequest({ actor: 'hal@example.com', id: filed.request!.id, reason: 'Travelling' });
    expect((await userRow(h, ADMIN2)).two_factor).toBe('disabled_until');
    // An employee's temporary disable is not a two-person action.
    await verifyCaller(h, ADMIN);
    const direct = await h.engine.disableTwoFactor({ email: USER, actor: ADMIN, until, ...why });
    expect(direct.outcome).toBe('applied');
  });

  it('making or unmaking an administrator is a request once another administrator could approve it', async () => {
    await withSecondAdmin(h);
    const make = await h.engine.setRole({ email: TECH, actor: ADMIN, role: 'administrator', ...why });
    expect(make).toMatchObject({ outcome: 'approval_requested', user: { role: 'technician' } });
    await h.engine.approveRequest({ actor: ADMIN2, id: make.request!.id, reason: 'Agreed' });
    expect((await userRow(h, TECH)).role).toBe('administrator');
    const unmake = await h.engine.setRole({ email: ADMIN2, actor: ADMIN, role: 'technician', ...why });
    expect(unmake.outcome).toBe('approval_requested');
    const added = await refusalOf(
      h.engine.addUser({ actor: ADMIN, name: 'Eve', email: 'eve@example.com', role: 'administrator', ...why }),
    );
    expect(added.code).toBe('APPROVAL_REQUIRED');
    expect(added.message).toContain('Add eve@example.com as a technician, then Change role to administrator');
  });
});

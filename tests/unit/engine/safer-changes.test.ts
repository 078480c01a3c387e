import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCsv, auditLog, exportAudit } from '../../../src/main/audit/audit-log';
import {
  ADMIN,
  ANOTHER_WAY,
  DAY,
  HOUR,
  MINUTE,
  TECH,
  USER,
  USER_PHONE,
  eventTypes,
  openEngine,
  refusalOf,
  userRow,
  verifyCaller,
  wrongCode,
  withStaff,
  type Harness,
} from './helpers';

const NEW_PHONE = '+447111999888';
const why = { reason: 'Caller verified, new phone' };

let h: Harness;
beforeEach(async () => {
  h = await openEngine();
  await withStaff(h);
});
afterEach(() => h.close());

/** The newest message the simulated handset of `phone` holds. */
async function lastMessage(phone: string): Promise<string> {
  const [row] = await h.db.query<{ body: string }>(
    'SELECT body FROM simulated_outbox WHERE phone = ? ORDER BY id DESC LIMIT 1',
    [phone],
  );
  return row?.body ?? '';
}
const codeIn = (body: string) => /(\d{6})/.exec(body)?.[1] ?? '';

/** Tim verifies the caller (the code to the number on file, read back), then starts the change. */
async function startChange(to = NEW_PHONE) {
  await verifyCaller(h, TECH);
  return h.engine.changePhone({ email: USER, actor: TECH, phone: to, ...why });
}

async function changeNumber(to = NEW_PHONE) {
  await verifyCaller(h, TECH);
  await h.engine.changePhone({ email: USER, actor: TECH, phone: to, ...why });
  return h.engine.confirmPhoneChange({ email: USER, actor: TECH, code: codeIn(await lastMessage(to)), ...why });
}

describe('phone number change with a code read back from the new number', () => {
  it('keeps the old number until the code is read back, then tells the old number and the email', async () => {
    const started = await startChange();
    expect(started.phoneChange).toMatchObject({ maskedPhone: '+44••••••••88', triesLeft: 3 });
    expect(await lastMessage(NEW_PHONE)).toContain('your helpdesk is changing your sign-in number');
    expect((await userRow(h)).phone_e164).toBe(USER_PHONE);

    const changed = await h.engine.confirmPhoneChange({
      email: USER,
      actor: TECH,
      code: codeIn(await lastMessage(NEW_PHONE)),
      ...why,
    });
    expect(changed.user.phoneMasked).toBe('+44••••••••88');
    expect(await userRow(h)).toMatchObject({ phone_e164: NEW_PHONE, phone_changed_by: TECH });
    expect(await lastMessage(USER_PHONE)).toContain('the sign-in number of your account was changed to +44••••••••88');
    expect(changed.notices.join(' ')).toContain('simulated mail outbox');
    const [mail] = await h.db.query<{ subject: string; body: string }>('SELECT * FROM simulated_mail WHERE email = ?', [
      USER,
    ]);
    expect(mail.subject).toBe('Your sign-in phone number was changed');
    expect(mail.body).toContain('If you did not ask for this');
    expect(await eventTypes(h)).toEqual(
      expect.arrayContaining(['phone_change_started', 'phone_changed', 'phone_change_notified']),
    );
  });

  it('allows 3 tries at the read-back, then the change must start again; the number never changed', async () => {
    await startChange();
    const wrong = wrongCode(codeIn(await lastMessage(NEW_PHONE)));
    const first = await refusalOf(h.engine.confirmPhoneChange({ email: USER, actor: TECH, code: wrong, ...why }));
    expect(first.code).toBe('WRONG_CODE');
    expect(first.message).toContain('2 tries left');
    await refusalOf(h.engine.confirmPhoneChange({ email: USER, actor: TECH, code: wrong, ...why }));
    const third = await refusalOf(h.engine.confirmPhoneChange({ email: USER, actor: TECH, code: wrong, ...why }));
    expect(third.code).toBe('PHONE_CHANGE_FAILED');
    const right = codeIn(await lastMessage(NEW_PHONE));
    expect((await refusalOf(h.engine.confirmPhoneChange({ email: USER, actor: TECH, code: right, ...why }))).code).toBe(
      'NO_PHONE_CHANGE',
    );
    expect((await userRow(h)).phone_e164).toBe(USER_PHONE);
    expect((await eventTypes(h)).filter((t) => t === 'phone_change_rejected')).toHaveLength(3);
  });

  it('refuses a code read back after it expired, and a confirmation by another operator', async () => {
    await startChange();
    const code = codeIn(await lastMessage(NEW_PHONE));
    expect((await refusalOf(h.engine.confirmPhoneChange({ email: USER, actor: ADMIN, code, ...why }))).code).toBe(
      'NO_PHONE_CHANGE',
    );
    h.clock.advance(3 * MINUTE + 1000);
    expect((await refusalOf(h.engine.confirmPhoneChange({ email: USER, actor: TECH, code, ...why }))).code).toBe(
      'CODE_EXPIRED',
    );
    expect((await userRow(h)).phone_e164).toBe(USER_PHONE);
  });
});

describe('temporary access code', () => {
  it('is shown once, stored hashed, signs the user in once instead of an SMS code', async () => {
    await verifyCaller(h, TECH);
    const issued = await h.engine.issueTemporaryAccess({ email: USER, actor: TECH, ...why });
    expect(issued.temporaryAccess.code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(issued.temporaryAccess.expiresAt).toBe(h.clock.now() + HOUR);
    const [row] = await h.db.query<{ code_hash: string }>('SELECT code_hash FROM temporary_access_codes');
    expect(row.code_hash).toMatch(/^scrypt\$/);
    expect(row.code_hash).not.toContain(issued.temporaryAccess.code);

    const signedIn = await h.engine.useTemporaryAccess({
      email: USER,
      code: issued.temporaryAccess.code.toUpperCase(),
    });
    expect(signedIn).toMatchObject({ outcome: 'signed_in', method: 'temporary_access' });
    const again = await refusalOf(h.engine.useTemporaryAccess({ email: USER, code: issued.temporaryAccess.code }));
    expect(again.code).toBe('TEMPORARY_ACCESS_USED');
    expect(again.message).toContain('4 more failed attempts');
    expect(await eventTypes(h)).toEqual(
      expect.arrayContaining(['temporary_access_issued', 'temporary_access_used', 'wrong_code']),
    );
  });

  it('lasts 10 minutes to 8 hours; an expired one is refused and counted', async () => {
    await verifyCaller(h, TECH);
    expect(
      (await refusalOf(h.engine.issueTemporaryAccess({ email: USER, actor: TECH, minutes: 9, ...why }))).code,
    ).toBe('INVALID_INPUT');
    expect(
      (await refusalOf(h.engine.issueTemporaryAccess({ email: USER, actor: TECH, minutes: 481, ...why }))).code,
    ).toBe('INVALID_INPUT');
    const issued = await h.engine.issueTemporaryAccess({ email: USER, actor: TECH, minutes: 10, ...why });
    h.clock.advance(10 * MINUTE);
    const late = await refusalOf(h.engine.useTemporaryAccess({ email: USER, code: issued.temporaryAccess.code }));
    expect(late.code).toBe('TEMPORARY_ACCESS_EXPIRED');
    expect((await userRow(h)).failed_checks).toBe(1);
  });

  it('multi-use works within its lifetime; a new one revokes the old; revoke ends it', async () => {
    await verifyCaller(h, TECH);
    const first = await h.engine.issueTemporaryAccess({ email: USER, actor: TECH, multiUse: true, ...why });
    await h.engine.useTemporaryAccess({ email: USER, code: first.temporaryAccess.code });
    await h.engine.useTemporaryAccess({ email: USER, code: first.temporaryAccess.code });
    const second = await h.engine.issueTemporaryAccess({ email: USER, actor: TECH, ...why });
    expect(second.summary).toContain('the earlier code no longer works');
    expect((await refusalOf(h.engine.useTemporaryAccess({ email: USER, code: first.temporaryAccess.code }))).code).toBe(
      'TEMPORARY_ACCESS_USED',
    );
    await h.engine.revokeTemporaryAccess({ email: USER, actor: TECH, ...why });
    expect(
      (await refusalOf(h.engine.useTemporaryAccess({ email: USER, code: second.temporaryAccess.code }))).code,
    ).toBe('TEMPORARY_ACCESS_USED');
    expect((await refusalOf(h.engine.revokeTemporaryAccess({ email: USER, actor: TECH, ...why }))).code).toBe(
      'NO_TEMPORARY_ACCESS',
    );
    expect(await eventTypes(h)).toContain('temporary_access_revoked');
  });

  it('is refused for 24 hours after the number changed', async () => {
    await changeNumber();
    // The change voided Tim's check (it went to the old number): he verifies the caller on the new one.
    await verifyCaller(h, TECH);
    const refused = await refusalOf(h.engine.issueTemporaryAccess({ email: USER, actor: TECH, ...why }));
    expect(refused.code).toBe('PHONE_COOL_OFF');
    expect(refused.message).toContain(`(by ${TECH})`);
    // A day from the change itself (the new check may have waited out the resend gap).
    const changedAt = Number((await userRow(h)).phone_changed_at);
    h.clock.advance(changedAt + DAY - 1000 - h.clock.now());
    await verifyCaller(h, TECH); // the one before has lapsed
    expect((await refusalOf(h.engine.issueTemporaryAccess({ email: USER, actor: TECH, ...why }))).code).toBe(
      'PHONE_COOL_OFF',
    );
    h.clock.advance(1000);
    await expect(h.engine.issueTemporaryAccess({ email: USER, actor: TECH, ...why })).resolves.toBeTruthy();
  });
});

describe('Reset 2FA', () => {
  it('revokes devices and backup codes; the user enrols a number with a code at the next sign-in', async () => {
    // Ada verified another way (a caller code would go to the number the user is about to leave).
    const reset = await h.engine.resetTwoFactor({ email: USER, actor: ADMIN, verifiedAnotherWay: ANOTHER_WAY, ...why });
    expect(reset.user.state).toBe('enrolment_required');
    expect((await refusalOf(h.engine.resetTwoFactor({ email: USER, actor: TECH, ...why }))).code).toBe('NOT_ADMIN');
    const sent = await h.engine.sendCode({ email: USER });
    expect(sent).toMatchObject({ outcome: 'enrolment_required' });
    expect(await lastMessage(USER_PHONE)).toBe(''); // no code went to the old number

    const enrol = await h.engine.enrolPhone({ email: USER, phone: NEW_PHONE });
    expect(enrol).toMatchObject({ outcome: 'enrolment_code_sent', maskedPhone: '+44••••••••88', triesLeft: 3 });
    const code = codeIn(await lastMessage(NEW_PHONE));
    const wrong = await refusalOf(h.engine.confirmEnrolment({ email: USER, code: wrongCode(code) }));
    expect(wrong.code).toBe('WRONG_CODE');
    expect((await userRow(h)).phone_e164).toBe(USER_PHONE);
    const done = await h.engine.confirmEnrolment({ email: USER, code });
    expect(done).toMatchObject({ outcome: 'signed_in', method: 'sms_code' });
    expect(await userRow(h)).toMatchObject({ phone_e164: NEW_PHONE, enrolment_required: 0, two_factor: 'enabled' });
    expect(await eventTypes(h)).toEqual(expect.arrayContaining(['two_factor_reset', 'phone_enrolled']));
    // Signing in again is the ordinary SMS sign-in to the new number.
    h.clock.advance(MINUTE);
    expect(await h.engine.sendCode({ email: USER })).toMatchObject({
      outcome: 'code_sent',
      maskedPhone: '+44••••••••88',
    });
  });

  it('refuses enrolment to a user who does not need it', async () => {
    expect((await refusalOf(h.engine.enrolPhone({ email: USER, phone: NEW_PHONE }))).code).toBe(
      'ENROLMENT_NOT_REQUIRED',
    );
  });
});

async function lockByFailures(email: string) {
  await h.engine.lockUser({ email, actor: ADMIN, reason: 'Provider outage clean-up test' });
}

describe('bulk unlock and cooldown reset', () => {
  it('previews exactly who is locked, never the operator, and writes one event per user', async () => {
    await lockByFailures(USER);
    await h.engine.lockUser({ email: TECH, actor: ADMIN, reason: 'Provider outage clean-up test' });
    const preview = await h.engine.previewBulkAction({ action: 'unlock', emails: [USER, TECH, ADMIN], actor: TECH });
    expect(preview.affected.map((a) => a.email)).toEqual([USER]);
    expect(preview.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: TECH, why: expect.stringContaining('your own account') }),
        expect.objectContaining({ email: ADMIN, why: 'not locked' }),
      ]),
    );
    const byFilter = await h.engine.previewBulkAction({ action: 'unlock', filter: 'locked', actor: ADMIN });
    expect(byFilter.affected.map((a) => a.email).sort()).toEqual([TECH, USER].sort());

    const result = await h.engine.runBulkAction({
      action: 'unlock',
      emails: [USER, ADMIN],
      actor: ADMIN,
      reason: 'Outage over',
      verifiedAnotherWay: ANOTHER_WAY,
    });
    expect(result.done.map((d) => d.email)).toEqual([USER]);
    expect(result.skipped).toEqual([{ email: ADMIN, why: expect.stringContaining('your own account') }]);
    const events = await h.db.query<{ details: string }>(`SELECT details FROM events WHERE type = 'admin_unlock'`);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].details).bulk).toEqual({ id: result.bulkId, size: 2 });
  });

  it('a cooldown reset skips users not in cooldown', async () => {
    await verifyCaller(h, TECH);
    const result = await h.engine.runBulkAction({
      action: 'reset-cooldown',
      emails: [USER],
      actor: TECH,
      reason: 'Outage over',
    });
    expect(result.done).toEqual([]);
    expect(result.skipped[0].why).toContain('not in cooldown');
  });
});

describe('the audit log', () => {
  it('lists operator actions with what they rest on, filters, and exports the same rows', async () => {
    await lockByFailures(USER);
    // Tim's bulk unlock rests on his own caller check of each user (made after the lock).
    await verifyCaller(h, TECH);
    await h.engine.runBulkAction({ action: 'unlock', emails: [USER], actor: TECH, reason: 'Outage over' });
    await changeNumber();
    const all = await auditLog(h.db, {});
    expect(all.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['admin_lock', 'admin_unlock', 'phone_change_started', 'phone_changed']),
    );
    expect(all.rows.find((r) => r.action === 'admin_unlock')?.restsOn).toContain('bulk action');
    expect(all.rows.find((r) => r.action === 'phone_changed')?.restsOn).toBe('code read back from the new number');
    const tim = await auditLog(h.db, { operator: 'tim@', action: 'admin_unlock' });
    expect(tim.rows).toHaveLength(1);
    expect(tim.rows[0]).toMatchObject({ operator: TECH, targetEmail: USER, reason: 'Outage over' });
    const csv = await exportAudit(h.db, { operator: 'tim@', action: 'admin_unlock' });
    expect(csv.rows).toBe(1);
    expect(csv.csv).toBe(auditCsv(tim.rows));
    expect(csv.csv.split('\r\n')[0]).toBe('time_utc,operator,action,target_email,target_name,reason,rests_on,event_id');
    const none = await auditLog(h.db, { from: h.clock.now() + 1 });
    expect(none.total).toBe(0);
  });

  it('quotes a reason a spreadsheet would run as a formula', () => {
    const csv = auditCsv([
      {
        id: 1,
        occurredAt: 0,
        operator: 'a@b.c',
        action: 'admin_lock',
        actionLabel: 'Account Locked by Admin',
        targetEmail: null,
        targetName: null,
        reason: '=HYPERLINK("x")',
        restsOn: null,
      },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe("It's not my phone number", () => {
  it('shows the other accounts with the number and the last change; the directory filters on both', async () => {
    await h.engine.addUser({
      reason: 'New starter',
      name: 'Sam Same',
      email: 'sam@example.com',
      role: 'employee',
      phone: USER_PHONE,
    });
    const view = await h.engine.getUser({ email: USER });
    expect(view.numberHistory.sharedWith).toEqual([{ email: 'sam@example.com', name: 'Sam Same', status: 'active' }]);
    const shares = await h.engine.listUsers({ filter: 'shares-number' });
    expect(shares.users.map((u) => u.email).sort()).toEqual(['sam@example.com', USER]);

    await changeNumber();
    const after = await h.engine.getUser({ email: USER });
    expect(after.numberHistory).toMatchObject({ sharedWith: [], changedAt: h.clock.now(), changedBy: TECH });
    expect(
      (await h.engine.listUsers({ filter: 'phone-changed', changedWithinDays: 1 })).users.map((u) => u.email),
    ).toEqual([USER]);
    h.clock.advance(2 * DAY);
    expect((await h.engine.listUsers({ filter: 'phone-changed', changedWithinDays: 1 })).total).toBe(0);
    expect((await h.engine.listUsers({ filter: 'phone-changed', changedWithinDays: 3 })).total).toBe(1);
  });
});

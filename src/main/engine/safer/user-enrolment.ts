import type { EnrolmentCodeSentValue, SignedInValue } from '../../../shared/contract/verify';
import { maskPhone } from '../../../shared/mask';
import { appendEvent } from '../../events/append';
import { loadPolicy, policyTimes } from '../../settings/policy';
import type { EngineDeps } from '../deps';
import { requirePhone } from '../enrolment';
import { recordFailedCheck, startCooldown } from '../failures';
import { readFirmPolicy } from '../firm-policy';
import { throwIf, userGate } from '../gates';
import { refuse, refusal, settle, timeLeft, type Refusal } from '../outcome';
import { hashSecret, newSessionId, randomDigits } from '../secrets';
import { signedIn, type DeviceOptions } from '../sign-in';
import { effectiveTwoFactor } from '../state';
import { changes, eventUser, requireUser, userById, type UserRow } from '../../users/user-row';
import {
  NEW_NUMBER_TRIES,
  compareNewNumberCode,
  countWrongTry,
  deliverNewNumberCode,
  endPendingChanges,
  latestPhoneChange,
} from './new-number';
import { mailNumberChanged } from './notices';

const ENROL_TEXT =
  'MFA Support Console: your code to register this number for sign-in is {code}. Do not share it with anyone.';

/** After "Reset 2FA", or with 2FA on firm-wide and no number yet, the user enrols at sign-in. */
export async function mustEnrol(manager: Parameters<typeof readFirmPolicy>[0], user: UserRow, now: number) {
  if (user.enrolment_required === 1) return true;
  return effectiveTwoFactor(user, now) === 'not_enrolled' && (await readFirmPolicy(manager)).enabled;
}

/**
 * The user's enrolment, step one: the number they type gets a code. Sends count like sign-in sends
 * (the resend gap, the send limit and its cooldown), so enrolment is no way round them.
 */
export async function enrolPhone(
  deps: EngineDeps,
  input: { email: string; phone: string; country?: string },
): Promise<EnrolmentCodeSentValue> {
  const phone = requirePhone(input.phone, input.country);
  const provider = await deps.providers.active();
  const code = provider.generatesCodes ? undefined : randomDigits(6);
  const codeHash = code ? await hashSecret(code) : null;
  const changeId = newSessionId();
  settle(
    await deps.db.transaction(async (manager): Promise<true | Refusal> => {
      const now = deps.clock.now();
      const policy = await loadPolicy(manager);
      const times = policyTimes(policy);
      const user = await requireUser(manager, input.email);
      throwIf(userGate(user, now));
      if (!(await mustEnrol(manager, user, now))) {
        refuse('ENROLMENT_NOT_REQUIRED', `${user.email} does not need to enrol a number; sign in with a code instead.`);
      }
      if (user.last_send_at !== null && now - user.last_send_at < times.resendIntervalMs) {
        const retryAt = user.last_send_at + times.resendIntervalMs;
        refuse(
          'RESEND_TOO_SOON',
          `A code was sent moments ago. You can request another in ${timeLeft(retryAt - now)}.`,
          {
            retryAt,
          },
        );
      }
      if (user.sends_without_success >= policy.maxSendsWithoutSuccess) {
        return startCooldown(manager, user, policy, now, {
          cause: 'sends',
          sessionId: null,
          details: { sendsWithoutSuccess: user.sends_without_success, purpose: 'enrolment' },
        });
      }
      await manager.query(
        `UPDATE users SET sends_without_success = sends_without_success + 1, last_send_at = ?, updated_at = ?
         WHERE id = ? AND sends_without_success < ? AND (last_send_at IS NULL OR last_send_at <= ?)`,
        [now, now, user.id, policy.maxSendsWithoutSuccess, now - times.resendIntervalMs],
      );
      if ((await changes(manager)) !== 1)
        refuse('RESEND_TOO_SOON', 'Another send for this user is in progress; try again.');
      await endPendingChanges(manager, user.id, 'enrolment', now);
      await manager.query(
        `INSERT INTO phone_changes (id, user_id, kind, actor, phone_e164, phone_country, phone_type, provider, status, created_at)
         VALUES (?, ?, 'enrolment', NULL, ?, ?, ?, ?, 'pending', ?)`,
        [changeId, user.id, phone.e164, phone.country, phone.type, provider.id, now],
      );
      return true;
    }),
  );
  const sent = await deliverNewNumberCode(deps, provider, changeId, code, codeHash, ENROL_TEXT, null);
  return {
    outcome: 'enrolment_code_sent',
    enrolmentId: changeId,
    maskedPhone: maskPhone(phone.e164) ?? '',
    codeExpiresAt: sent.codeExpiresAt,
    triesLeft: NEW_NUMBER_TRIES,
    warning: phone.warning,
  };
}

/**
 * The user's enrolment, step two: the code from the new number. Right: the number is theirs, 2FA
 * is on and they are signed in. Wrong: a failed check like a wrong sign-in code, and one of 3 tries.
 */
export async function confirmEnrolment(
  deps: EngineDeps,
  input: { email: string; code: string } & DeviceOptions,
): Promise<SignedInValue> {
  const before = await deps.db.read(async (manager) => {
    const user = await requireUser(manager, input.email);
    throwIf(userGate(user, deps.clock.now()));
    const change = await latestPhoneChange(manager, user.id, 'enrolment');
    if (!change || change.status !== 'pending' || change.code_sent_at === null) {
      refuse('NO_PHONE_CHANGE', 'No number is waiting to be confirmed; enter your mobile number first.');
    }
    return { user, change };
  });
  const verdict = await compareNewNumberCode(deps, before.change, input.code, deps.clock.now());
  if (typeof verdict === 'object') {
    refuse('PROVIDER_FAILURE', `MFA Provider Failure, Error Code: ${verdict.code}`);
  }
  return settle(
    await deps.db.transaction(async (manager): Promise<SignedInValue | Refusal> => {
      const now = deps.clock.now();
      const policy = await loadPolicy(manager);
      const user = await userById(manager, before.user.id);
      const gate = userGate(user, now);
      if (gate) return gate;
      const change = before.change;
      if (verdict !== 'approved') {
        const left = await countWrongTry(manager, change, now, verdict === 'expired');
        if (left === null) return refusal('NO_PHONE_CHANGE', 'This enrolment has ended; enter your number again.');
        if (verdict === 'expired') {
          return refusal(
            'CODE_EXPIRED',
            'The verification code has expired. Enter your number again to get a new code.',
          );
        }
        return recordFailedCheck(manager, user, policy, now, {
          sessionId: change.id,
          method: 'sms_code',
          code: 'WRONG_CODE',
          message:
            left > 0
              ? `The verification code is incorrect (${left} ${left === 1 ? 'try' : 'tries'} left for this number).`
              : 'The verification code is incorrect; enter your number again to get a new code.',
        });
      }
      await manager.query(
        `UPDATE phone_changes SET status = 'confirmed', code_hash = NULL, decided_at = ?
         WHERE id = ? AND status = 'pending' AND attempts = ?`,
        [now, change.id, change.attempts],
      );
      if ((await changes(manager)) !== 1)
        return refusal('NO_PHONE_CHANGE', 'This enrolment has ended; enter your number again.');
      await manager.query(
        `UPDATE users SET phone_e164 = ?, phone_country = ?, phone_type = ?, phone_carrier = NULL, phone_looked_up_at = NULL,
           two_factor = 'enabled', two_factor_disabled_until = NULL, enrolment_required = 0, not_my_number_at = NULL,
           phone_changed_at = CASE WHEN phone_e164 IS NULL OR phone_e164 <> ? THEN ? ELSE phone_changed_at END,
           phone_changed_by = CASE WHEN phone_e164 IS NULL OR phone_e164 <> ? THEN ? ELSE phone_changed_by END,
           updated_at = ? WHERE id = ?`,
        [
          change.phone_e164,
          change.phone_country,
          change.phone_type,
          change.phone_e164,
          now,
          change.phone_e164,
          user.email,
          now,
          user.id,
        ],
      );
      const enrolled = await userById(manager, user.id);
      await appendEvent(manager, {
        occurredAt: now,
        type: 'phone_enrolled',
        ...eventUser(enrolled),
        sessionId: change.id,
        details: { previous: maskPhone(user.phone_e164), enrolmentId: change.id },
      });
      if (user.phone_e164 !== change.phone_e164) {
        await mailNumberChanged(
          manager,
          user,
          user.phone_e164,
          change.phone_e164,
          `${user.email} (enrolment at sign-in)`,
          now,
        );
      }
      const sessionId = newSessionId();
      await manager.query(
        `INSERT INTO verification_sessions (id, user_id, purpose, status, provider, created_at, expires_at, verified_at)
         VALUES (?, ?, 'sign_in', 'verified', ?, ?, ?, ?)`,
        [sessionId, user.id, change.provider, now, now + policyTimes(policy).sessionMs, now],
      );
      return signedIn(manager, enrolled, policy, now, 'sms_code', sessionId, input, { enrolled: true });
    }),
  );
}

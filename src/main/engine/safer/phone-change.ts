import type { EntityManager } from 'typeorm';
import type { PhoneChangedValue, PhoneChangeStartedValue } from '../../../shared/contract/users';
import { maskPhone } from '../../../shared/mask';
import { appendEvent } from '../../events/append';
import { loadPolicy, policyTimes } from '../../settings/policy';
import { adminAction, nothingToDo, type AdminInput } from '../admin-actions';
import type { EngineDeps } from '../deps';
import { requirePhone } from '../enrolment';
import { refuse, refusal, settle, timeLeft, type Refusal } from '../outcome';
import { hashSecret, newSessionId, randomDigits } from '../secrets';
import { endPendingSessions } from '../sessions';
import { requireOperator } from '../../users/operators';
import { changes, eventUser, requireUser, userById } from '../../users/user-row';
import {
  NEW_NUMBER_TRIES,
  compareNewNumberCode,
  countWrongTry,
  deliverNewNumberCode,
  endPendingChanges,
  latestPhoneChange,
  type PhoneChangeRow,
} from './new-number';
import { mailNumberChanged, notifyOldNumber } from './notices';

/** After a change, temporary access cannot be issued for this long (the new number may be an attacker's). */
export const PHONE_COOL_OFF_MS = 24 * 3600_000;

const NEW_NUMBER_TEXT =
  'MFA Support Console: your helpdesk is changing your sign-in number to this one. Read this code to them only if you are on a call with your helpdesk: {code}';

/**
 * "Change phone number", step one: a code goes to the NEW number, which the caller reads back
 * (step two, confirmPhoneChange). The old number stays until then. An admin action, so every rule
 * on admin actions (role, caller check, no self-service) applies to it.
 */
export async function changePhone(
  deps: EngineDeps,
  input: AdminInput & { phone: string; country?: string },
): Promise<PhoneChangeStartedValue> {
  const phone = requirePhone(input.phone, input.country);
  const provider = await deps.providers.active();
  const code = provider.generatesCodes ? undefined : randomDigits(6);
  const codeHash = code ? await hashSecret(code) : null;
  const changeId = newSessionId();
  const started = await adminAction(deps, input, {
    what: 'change phone numbers',
    needsAdministrator: false,
    callerCheck: true,
    apply: async (manager, user, context) => {
      const { now, operator } = context;
      if (phone.e164 === user.phone_e164 && user.not_my_number_at === null) {
        nothingToDo(`${user.email} already has ${maskPhone(phone.e164)}.`);
      }
      const last = await latestPhoneChange(manager, user.id, 'operator_change');
      const gap = policyTimes(context.policy).resendIntervalMs;
      if (last?.status === 'pending' && last.code_sent_at !== null && now - last.code_sent_at < gap) {
        refuse(
          'RESEND_TOO_SOON',
          `A code went to the new number moments ago; send another in ${timeLeft(last.code_sent_at + gap - now)}.`,
          {
            retryAt: last.code_sent_at + gap,
          },
        );
      }
      await endPendingChanges(manager, user.id, 'operator_change', now);
      await manager.query(
        `INSERT INTO phone_changes (id, user_id, kind, actor, reason, phone_e164, phone_country, phone_type, provider, status, created_at)
       VALUES (?, ?, 'operator_change', ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        [changeId, user.id, operator.email, input.reason, phone.e164, phone.country, phone.type, provider.id, now],
      );
      return {
        type: 'phone_change_started',
        summary: `A code is on its way to ${maskPhone(phone.e164)}: ask the caller to read it back. ${user.name}'s number stays ${maskPhone(user.phone_e164) ?? 'unset'} until then.`,
        details: {
          changeId,
          to: maskPhone(phone.e164),
          previous: maskPhone(user.phone_e164),
          type: phone.type,
          warning: phone.warning,
        },
        warning: phone.warning,
      };
    },
  });
  const sent = await deliverNewNumberCode(deps, provider, changeId, code, codeHash, NEW_NUMBER_TEXT, input.actor);
  return {
    ...started,
    phoneChange: {
      changeId,
      maskedPhone: maskPhone(phone.e164) ?? '',
      codeExpiresAt: sent.codeExpiresAt,
      triesLeft: NEW_NUMBER_TRIES,
    },
  };
}

/** The change waiting for this operator's read-back, or a refusal that says why there is none. */
async function waitingChange(deps: EngineDeps, input: { email: string; actor: string }) {
  return deps.db.read(async (manager) => {
    const operator = await requireOperator(manager, input.actor, 'change phone numbers');
    const user = await requireUser(manager, input.email);
    const change = await latestPhoneChange(manager, user.id, 'operator_change');
    if (!change || change.status !== 'pending' || change.code_sent_at === null) {
      refuse('NO_PHONE_CHANGE', `No change of ${user.email}'s number is waiting for a code; start one first.`);
    }
    if (change.actor !== operator.email) {
      refuse(
        'NO_PHONE_CHANGE',
        `The change of ${user.email}'s number waiting for a code was started by ${change.actor}: the caller reads the code to them. Start your own change to confirm it yourself.`,
      );
    }
    return { user, change };
  });
}

/**
 * "Change phone number", step two: the code the caller read back. Right: the number changes, the
 * old number and the user's email are told, and a 24-hour cool-off on temporary access starts.
 * Wrong: one of 3 tries is counted (recorded, so the audit shows it); late: the change ends.
 */
export async function confirmPhoneChange(
  deps: EngineDeps,
  input: AdminInput & { code: string },
): Promise<PhoneChangedValue> {
  const before = await waitingChange(deps, input);
  const verdict = await compareNewNumberCode(deps, before.change, input.code, deps.clock.now());
  if (typeof verdict === 'object') {
    refuse('PROVIDER_FAILURE', `The provider could not check the code (Error Code: ${verdict.code}).`);
  }
  if (verdict !== 'approved') {
    settle(
      await deps.db.transaction((manager) => recordWrongReadBack(manager, deps, before.change, verdict, input.actor)),
    );
  }
  let previous: string | null = null;
  const changed = await adminAction(deps, input, {
    what: 'change phone numbers',
    needsAdministrator: false,
    // The new number's code read back confirms the change the caller check allowed.
    callerCheck: false,
    apply: async (manager, user, { now }) => {
      await manager.query(
        `UPDATE phone_changes SET status = 'confirmed', code_hash = NULL, decided_at = ?
       WHERE id = ? AND status = 'pending' AND attempts = ? AND code_sent_at = ?`,
        [now, before.change.id, before.change.attempts, before.change.code_sent_at],
      );
      if ((await changes(manager)) !== 1) {
        refuse('NO_PHONE_CHANGE', 'This change of number was confirmed, replaced or ended meanwhile; start it again.');
      }
      const change = before.change;
      previous = user.phone_e164;
      await manager.query(
        `UPDATE users SET phone_e164 = ?, phone_country = ?, phone_type = ?, phone_carrier = NULL, phone_looked_up_at = NULL,
         not_my_number_at = NULL, sends_without_success = 0, enrolment_required = 0,
         phone_changed_at = ?, phone_changed_by = ?, updated_at = ? WHERE id = ?`,
        [change.phone_e164, change.phone_country, change.phone_type, now, input.actor, now, user.id],
      );
      // Codes already sent went to the old number.
      await endPendingSessions(manager, user.id);
      await mailNumberChanged(manager, user, user.phone_e164, change.phone_e164, input.actor, now);
      return {
        type: 'phone_changed',
        summary: `${user.name}'s phone is now ${maskPhone(change.phone_e164)}, confirmed by the code read back. Temporary access cannot be issued for 24 hours.`,
        details: {
          previous: maskPhone(user.phone_e164),
          type: change.phone_type,
          changeId: change.id,
          confirmedBy: 'code read back from the new number',
          startedReason: change.reason,
          clearedNotMyNumber: user.not_my_number_at !== null,
        },
      };
    },
  });
  const notices = await notifyOldNumber(deps, changed.user.id, previous, before.change.phone_e164, input.actor);
  return { ...changed, notices };
}

async function recordWrongReadBack(
  manager: EntityManager,
  deps: EngineDeps,
  change: PhoneChangeRow,
  verdict: 'rejected' | 'expired',
  actor: string,
): Promise<Refusal> {
  const now = deps.clock.now();
  const expired = verdict === 'expired';
  const left = await countWrongTry(manager, change, now, expired);
  if (left === null)
    return refusal('NO_PHONE_CHANGE', 'This change of number was confirmed, replaced or ended meanwhile.');
  const user = await userById(manager, change.user_id);
  await appendEvent(manager, {
    occurredAt: now,
    type: 'phone_change_rejected',
    ...eventUser(user),
    actor,
    sessionId: change.id,
    details: { changeId: change.id, to: maskPhone(change.phone_e164), result: verdict, triesLeft: left },
  });
  const policy = await loadPolicy(manager);
  if (expired) {
    return refusal(
      'CODE_EXPIRED',
      `The code sent to ${maskPhone(change.phone_e164)} has expired (codes last ${policyTimes(policy).codeValidityMs / 60_000} minutes): start the change again to send a new one.`,
    );
  }
  if (left === 0) {
    return refusal(
      'PHONE_CHANGE_FAILED',
      `The code read back did not match ${NEW_NUMBER_TRIES} times: the number was not changed. Start the change again if the caller is who they say they are.`,
    );
  }
  return refusal(
    'WRONG_CODE',
    `The code read back does not match the one sent to ${maskPhone(change.phone_e164)}; ${left} ${left === 1 ? 'try' : 'tries'} left.`,
    { triesLeft: left },
  );
}

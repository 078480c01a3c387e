import type { ActionPreview, AdminAction, CounterView, LockView, StatusExplanation } from '../../shared/contract/users';
import { maskPhone } from '../../shared/mask';
import { phoneTypeWarning } from '../phone';
import { policyTimes, type Policy } from '../settings/policy';
import { cooldownWords } from './failures';
import { LOCKED_MESSAGE, userMessage } from './messages';
import { at, timeLeft } from './outcome';
import { cooldownActive, effectiveTwoFactor, signInState } from './state';
import { OWN_ACCOUNT_PATH } from './self-action';
import type { UserRow } from '../users/user-row';

export interface ExplainContext {
  now: number;
  policy: Policy;
  firmTwoFactor: boolean;
  activeAdministrators: number;
  activeDevices: number;
  backupCodesRemaining: number;
  /** The operator looking, if known: actions they may not take are marked unavailable. */
  operator: UserRow | null;
  /** Who locked the account, when and why (lockCause), while it is locked. */
  lock: LockView | null;
}

/** The locked headline: an operator's lock says who and why, the engine's how many failures. */
function lockHeadline(user: UserRow, lock: LockView | null): string {
  const since = at(user.locked_at as number);
  if (lock?.cause === 'operator') {
    return `Locked by ${lock.actor ?? 'an operator'} at ${since}, reason: "${lock.reason ?? 'none recorded'}".`;
  }
  if (lock?.cause === 'failures')
    return `Locked at ${since} after ${lock.reason ?? 'repeated failed verification attempts'}.`;
  return `Locked since ${since}: ${user.lock_reason ?? 'no reason recorded'} (who locked it is not recorded).`;
}

/**
 * The status explainer: why this user can or cannot sign in now, which counter stands where
 * against its limit, when the state clears by itself, and what each admin action would change.
 */
export function explainStatus(user: UserRow, context: ExplainContext): StatusExplanation {
  const { now, policy } = context;
  const state = signInState(user, now, context.firmTwoFactor);
  const cooldown = cooldownWords(policyTimes(policy).cooldownMs);
  const counters: CounterView[] = [
    {
      id: 'failed_checks',
      label: 'Failed checks since the last success or cooldown',
      value: user.failed_checks,
      limit: policy.cooldownAfterFailures,
      atLimit: `starts a ${cooldown} cooldown`,
    },
    {
      id: 'consecutive_failures',
      label: 'Consecutive failed checks without a success',
      value: user.consecutive_failures,
      limit: policy.lockAfterFailures,
      atLimit: 'locks the account until an unlock',
    },
    {
      id: 'sends_without_success',
      label: 'Codes sent without a successful check',
      value: user.sends_without_success,
      limit: policy.maxSendsWithoutSuccess,
      atLimit: `one more send starts a ${cooldown} cooldown`,
    },
  ];
  const notes: string[] = [];
  const warning = phoneTypeWarning(user.phone_type);
  if (warning) notes.push(warning);
  if (user.not_my_number_at !== null && state !== 'number_reported') {
    notes.push(`The user said ${maskPhone(user.phone_e164)} is not their number (${at(user.not_my_number_at)}).`);
  }
  if (context.activeDevices > 0) {
    notes.push(
      `${context.activeDevices === 1 ? '1 trusted device skips' : `${context.activeDevices} trusted devices skip`} the code; a new device or a cleared token needs a code.`,
    );
  }
  notes.push(
    context.backupCodesRemaining > 0
      ? `${context.backupCodesRemaining} unused backup code${context.backupCodesRemaining === 1 ? '' : 's'}.`
      : 'No unused backup codes: suggest the user generates a set after their next sign-in.',
  );
  if (context.firmTwoFactor) notes.push('2FA is on firm-wide.');
  const twoFactorNow = effectiveTwoFactor(user, now);
  if ((state === 'locked' || state === 'deactivated') && twoFactorNow.startsWith('disabled')) {
    notes.push(
      twoFactorNow === 'disabled_until'
        ? `2FA is disabled until ${at(user.two_factor_disabled_until as number)}: once the account can sign in again, no code is asked for until then.`
        : '2FA is disabled permanently: once the account can sign in again, no code is asked for.',
    );
  }

  const base = {
    state,
    lock: state === 'locked' ? context.lock : null,
    counters,
    notes,
    actions: actionPreviews(user, context),
  };
  switch (state) {
    case 'deactivated':
      return {
        ...base,
        canSignIn: false,
        needsCode: false,
        headline: 'Deactivated: cannot sign in.',
        userMessage: null,
        clearsAt: null,
        clearsHow: 'Only by a reactivation; 2FA settings and trusted devices are kept.',
      };
    case 'locked':
      return {
        ...base,
        canSignIn: false,
        needsCode: true,
        headline: lockHeadline(user, context.lock),
        userMessage: LOCKED_MESSAGE,
        clearsAt: null,
        clearsHow: 'Not by itself: verify the caller, then unlock.',
      };
    case 'cooldown':
      return {
        ...base,
        canSignIn: false,
        needsCode: true,
        headline: `In cooldown until ${at(user.cooldown_until as number)} (${timeLeft((user.cooldown_until as number) - now)} left): sends and checks are refused.`,
        userMessage: userMessage('cooldown_activated'),
        clearsAt: user.cooldown_until,
        clearsHow: `By itself at ${at(user.cooldown_until as number)}; a cooldown reset clears it now.`,
      };
    case 'number_reported':
      return {
        ...base,
        canSignIn: false,
        needsCode: true,
        headline: `The user said ${maskPhone(user.phone_e164)} is not their number (${at(user.not_my_number_at as number)}); no codes are sent to it.`,
        userMessage: userMessage('not_my_number'),
        clearsAt: null,
        clearsHow:
          'When the phone number is changed (or the same one confirmed), after verifying the caller by other means.',
      };
    case 'two_factor_disabled': {
      const until = effectiveTwoFactor(user, now) === 'disabled_until' ? user.two_factor_disabled_until : null;
      return {
        ...base,
        canSignIn: true,
        needsCode: false,
        headline: until
          ? `2FA is disabled until ${at(until)}: signs in without a code.`
          : '2FA is disabled permanently: signs in without a code.',
        userMessage: null,
        clearsAt: until,
        clearsHow: until ? `By itself at ${at(until)}, when 2FA applies again.` : 'When 2FA is re-enabled.',
      };
    }
    case 'not_enrolled':
      return {
        ...base,
        canSignIn: true,
        needsCode: false,
        headline: 'Not enrolled in 2FA: signs in without a code.',
        userMessage: null,
        clearsAt: null,
        clearsHow: 'When a phone number is set and 2FA enabled (enrolment).',
      };
    case 'enrolment_required':
      return {
        ...base,
        canSignIn: false,
        needsCode: false,
        headline:
          user.enrolment_required === 1
            ? '2FA was reset: they must enrol a number, with a code sent to it, at their next sign-in.'
            : '2FA is on firm-wide but this user has no phone: they must enrol at their next sign-in.',
        userMessage: null,
        clearsAt: null,
        clearsHow: 'When the user enrols a mobile number, or the helpdesk sets one and enables 2FA.',
      };
    case 'no_phone':
      return {
        ...base,
        canSignIn: false,
        needsCode: true,
        headline: '2FA is enabled but no phone number is registered: no code can be sent.',
        userMessage: null,
        clearsAt: null,
        clearsHow: 'When a phone number is set.',
      };
    default: {
      const cleared = !cooldownActive(user, now) && user.cooldown_until !== null;
      return {
        ...base,
        canSignIn: true,
        needsCode: true,
        headline: `Can sign in with a code sent to ${maskPhone(user.phone_e164)}${cleared ? ' (an earlier cooldown has ended)' : ''}.`,
        userMessage: null,
        clearsAt: null,
        clearsHow: 'Nothing to clear.',
      };
    }
  }
}

/**
 * What disabling 2FA really does: a lock or a deactivation still stops the sign-in, so the
 * operator is told so instead of being promised a sign-in without a code.
 */
function disableConsequence(user: UserRow): string {
  const noCode = 'no code is asked for until the date you choose, or until 2FA is re-enabled';
  if (user.status === 'deactivated') {
    return `2FA is turned off (${noCode}), but ${user.name} is deactivated and still cannot sign in until reactivated.`;
  }
  if (user.locked_at !== null) {
    return `2FA is turned off (${noCode}), but the account stays locked: ${user.name} still cannot sign in until someone unlocks it. Unlock it too if they should get in now.`;
  }
  return `${user.name} signs in without a code until the date you choose, or until 2FA is re-enabled.`;
}

interface PreviewSpec {
  action: AdminAction;
  label: string;
  consequence: string;
  confirmLabel: string;
  danger?: boolean;
  requiresAdministrator?: boolean;
  suggestsCallerCheck?: boolean;
  /** Confirming files a two-person request instead of acting. */
  requiresApproval?: boolean;
  /** Asks for the password again after 5 minutes. */
  highRisk?: boolean;
  /** Why the action makes no sense for this user now, or null. */
  blocked: string | null;
}

function actionPreviews(user: UserRow, context: ExplainContext): ActionPreview[] {
  const { now } = context;
  const twoFactor = effectiveTwoFactor(user, now);
  const inCooldown = cooldownActive(user, now);
  const lastAdmin =
    user.role === 'administrator' &&
    user.status === 'active' &&
    context.firmTwoFactor &&
    context.activeAdministrators <= 1
      ? 'This is the last active administrator and 2FA is on firm-wide.'
      : null;
  const specs: PreviewSpec[] = [
    {
      action: 'lock',
      label: 'Lock user account',
      consequence: `${user.name} will not be able to sign in until someone unlocks the account; pending sign-ins end.`,
      confirmLabel: 'Lock Account',
      danger: true,
      blocked: user.locked_at !== null ? 'The account is already locked.' : null,
    },
    {
      action: 'unlock',
      label: 'Unlock',
      consequence: `${user.name} can sign in again; the failure counters (${user.consecutive_failures} consecutive) and any cooldown are cleared.`,
      confirmLabel: 'Unlock',
      suggestsCallerCheck: true,
      blocked: user.locked_at === null ? 'The account is not locked.' : null,
    },
    {
      action: 'reset-cooldown',
      label: 'Reset cooldown',
      consequence: inCooldown
        ? `The cooldown (${timeLeft((user.cooldown_until as number) - now)} left) ends now and ${user.name} can request a code right away; the consecutive-failure count (${user.consecutive_failures} of ${context.policy.lockAfterFailures}) stays.`
        : `The failed-check and send counters go back to 0; the consecutive-failure count stays.`,
      confirmLabel: 'Reset cooldown',
      suggestsCallerCheck: true,
      blocked:
        !inCooldown && user.failed_checks === 0 && user.sends_without_success === 0
          ? 'Not in cooldown, and there is nothing to reset.'
          : null,
    },
    {
      action: 'disable-2fa',
      label: 'Disable 2FA',
      consequence: disableConsequence(user),
      confirmLabel: 'Disable 2FA',
      danger: true,
      requiresAdministrator: true,
      suggestsCallerCheck: true,
      // Permanently, or for an administrator, another administrator approves it.
      requiresApproval: true,
      highRisk: true,
      blocked: twoFactor === 'disabled_permanently' ? '2FA is already disabled permanently.' : null,
    },
    {
      action: 'enable-2fa',
      label: 'Re-enable 2FA',
      consequence: `${user.name} will need a code sent to ${maskPhone(user.phone_e164) ?? 'their phone'} at every sign-in.`,
      confirmLabel: 'Enable 2FA',
      requiresAdministrator: true,
      suggestsCallerCheck: true,
      blocked: !user.phone_e164
        ? 'No phone number: set one first.'
        : twoFactor === 'enabled'
          ? '2FA is already enabled.'
          : null,
    },
    {
      action: 'set-phone',
      label: 'Change phone number',
      consequence:
        'A code goes to the new number for the caller to read back; only then do codes go there, pending sign-ins end, a "not my number" flag is cleared, the old number and the email are told, and temporary access waits 24 hours.',
      confirmLabel: 'Change number',
      suggestsCallerCheck: true,
      blocked: null,
    },
    {
      action: 'reset-2fa',
      label: 'Reset 2FA',
      consequence: `${user.name} must enrol a number, with a code sent to it, at the next sign-in; ${context.activeDevices} trusted device${context.activeDevices === 1 ? '' : 's'} and ${context.backupCodesRemaining} unused backup code${context.backupCodesRemaining === 1 ? '' : 's'} stop working now.`,
      confirmLabel: 'Reset 2FA',
      danger: true,
      requiresAdministrator: true,
      suggestsCallerCheck: true,
      blocked: user.enrolment_required === 1 ? 'Already reset: the user enrols at the next sign-in.' : null,
    },
    {
      action: 'revoke-devices',
      label: 'Revoke trusted devices',
      consequence: `The ${context.activeDevices} remembered device${context.activeDevices === 1 ? '' : 's'} will need a code at the next sign-in.`,
      confirmLabel: 'Revoke devices',
      danger: true,
      blocked: context.activeDevices === 0 ? 'No trusted devices.' : null,
    },
    {
      action: 'deactivate',
      label: 'Deactivate user',
      consequence: `${user.name} cannot sign in; 2FA settings and trusted devices are kept for a reactivation.`,
      confirmLabel: 'Deactivate',
      danger: true,
      requiresAdministrator: true,
      blocked: user.status === 'deactivated' ? 'Already deactivated.' : lastAdmin,
    },
    {
      action: 'reactivate',
      label: 'Reactivate user',
      consequence: `${user.name} can sign in again with the 2FA settings and trusted devices they had.`,
      confirmLabel: 'Reactivate',
      requiresAdministrator: true,
      blocked: user.status === 'active' ? 'Already active.' : null,
    },
    {
      action: 'set-role',
      label: 'Change role',
      consequence: 'Changes what this user may do in the console.',
      confirmLabel: 'Change role',
      requiresAdministrator: true,
      requiresApproval: user.role === 'administrator',
      highRisk: true,
      blocked: lastAdmin ? `${lastAdmin} They cannot be demoted.` : null,
    },
  ];
  const operator = context.operator;
  const operatorBlock = (spec: PreviewSpec): string | null => {
    if (!operator) return null;
    if (operator.status !== 'active') return `${operator.email} is deactivated.`;
    if (operator.id === user.id) return `This is your own account: ${OWN_ACCOUNT_PATH}`;
    if (spec.requiresAdministrator && operator.role !== 'administrator') {
      return `Only administrators may do this; ${operator.email} is a ${operator.role}.`;
    }
    return null;
  };
  return specs.map((spec) => {
    const reason = spec.blocked ?? operatorBlock(spec);
    return {
      action: spec.action,
      label: spec.label,
      available: reason === null,
      unavailableReason: reason,
      consequence: spec.consequence,
      confirmLabel: spec.confirmLabel,
      cancelLabel: 'Cancel',
      danger: spec.danger ?? false,
      requiresAdministrator: spec.requiresAdministrator ?? false,
      suggestsCallerCheck: spec.suggestsCallerCheck ?? false,
      requiresCallerCheck: spec.suggestsCallerCheck ?? false,
      requiresApproval: spec.requiresApproval ?? false,
      highRisk: spec.highRisk ?? false,
    };
  });
}

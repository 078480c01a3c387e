import type { SignInState } from '../../shared/contract/users';
import type { UserRow } from '../users/user-row';

export const isLocked = (user: UserRow): boolean => user.locked_at !== null;

export const cooldownActive = (user: UserRow, now: number): boolean =>
  user.cooldown_until !== null && user.cooldown_until > now;

/** 2FA as it applies now: "disabled until" turns back into enabled at its date by itself. */
export function effectiveTwoFactor(user: UserRow, now: number): UserRow['two_factor'] {
  if (user.two_factor === 'disabled_until' && (user.two_factor_disabled_until ?? 0) <= now) return 'enabled';
  return user.two_factor;
}

/** The most pressing reason the user can or cannot sign in now (see SignInState). */
export function signInState(user: UserRow, now: number, firmTwoFactor: boolean): SignInState {
  if (user.status === 'deactivated') return 'deactivated';
  if (isLocked(user)) return 'locked';
  // "Reset 2FA": no code goes to the old number; the user enrols a new one at the next sign-in.
  if (user.enrolment_required === 1) return 'enrolment_required';
  const twoFactor = effectiveTwoFactor(user, now);
  if (twoFactor === 'disabled_until' || twoFactor === 'disabled_permanently') return 'two_factor_disabled';
  if (twoFactor === 'not_enrolled') return firmTwoFactor ? 'enrolment_required' : 'not_enrolled';
  if (cooldownActive(user, now)) return 'cooldown';
  if (user.not_my_number_at !== null) return 'number_reported';
  if (!user.phone_e164) return 'no_phone';
  return 'code_required';
}

/** SQL for the same states, for the directory's filters (`?` is now). */
export const STATE_SQL = {
  locked: 'locked_at IS NOT NULL',
  cooldown: 'cooldown_until > ?',
  twoFactorDisabled:
    "(two_factor = 'disabled_permanently' OR (two_factor = 'disabled_until' AND two_factor_disabled_until > ?))",
  notEnrolled: "two_factor = 'not_enrolled'",
  notMyNumber: 'not_my_number_at IS NOT NULL',
  deactivated: "status = 'deactivated'",
};

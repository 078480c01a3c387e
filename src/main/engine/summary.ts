import type { UserSummary } from '../../shared/contract/users';
import { maskPhone } from '../../shared/mask';
import { cooldownActive, effectiveTwoFactor, signInState } from './state';
import type { UserRow } from '../users/user-row';

/** One directory row: masked phone, the sign-in state, and the flags the filters use. */
export function toSummary(user: UserRow, now: number, firmTwoFactor: boolean): UserSummary {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: user.status,
    // As it applies now: a "disabled until" date that has passed reads as enabled.
    twoFactor: effectiveTwoFactor(user, now),
    twoFactorDisabledUntil: effectiveTwoFactor(user, now) === 'disabled_until' ? user.two_factor_disabled_until : null,
    phoneMasked: maskPhone(user.phone_e164),
    phoneType: user.phone_type,
    phoneCountry: user.phone_country,
    phoneCarrier: user.phone_carrier,
    state: signInState(user, now, firmTwoFactor),
    lockedAt: user.locked_at,
    cooldownUntil: cooldownActive(user, now) ? user.cooldown_until : null,
    notMyNumberAt: user.not_my_number_at,
    lastSignInAt: user.last_sign_in_at,
    createdAt: user.created_at,
  };
}

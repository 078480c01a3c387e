import type { UserSummary } from '../../shared/contract/users';
import { maskPhone } from '../../shared/mask';
import { cooldownActive, signInState } from './state';
import type { UserRow } from './user-row';

/** One directory row: masked phone, the sign-in state, and the flags the filters use. */
export function toSummary(user: UserRow, now: number, firmTwoFactor: boolean): UserSummary {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: user.status,
    twoFactor: user.two_factor,
    twoFactorDisabledUntil: user.two_factor === 'disabled_until' ? user.two_factor_disabled_until : null,
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

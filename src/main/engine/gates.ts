import { LOCKED_MESSAGE, userMessage } from './messages';
import { at, refusal, timeLeft, type Refusal } from './outcome';
import { cooldownActive, isLocked } from './state';
import type { UserRow } from '../users/user-row';

/** The cooldown refusal, with the time remaining in words and in numbers. */
export function cooldownRefusal(user: UserRow, now: number, why = userMessage('cooldown_activated')): Refusal {
  const until = user.cooldown_until ?? now;
  return refusal('COOLDOWN_ACTIVE', `${why} Try again in ${timeLeft(until - now)} (at ${at(until)}).`, {
    cooldownUntil: until,
    remainingMs: until - now,
  });
}

export function lockedRefusal(): Refusal {
  return refusal('ACCOUNT_LOCKED', LOCKED_MESSAGE);
}

/**
 * What stops any sign-in step before it starts: a deactivated user, a lock, a running cooldown.
 * Steps check these first, in this order, so a step answers the same whether it ran alone or
 * raced others.
 */
export function userGate(user: UserRow, now: number, options: { cooldown?: boolean } = {}): Refusal | null {
  if (user.status === 'deactivated') {
    return refusal('USER_DEACTIVATED', 'This account is deactivated. Contact administrator for assistance.');
  }
  if (isLocked(user)) return lockedRefusal();
  if (options.cooldown !== false && cooldownActive(user, now)) return cooldownRefusal(user, now);
  return null;
}

/** For gates where nothing needs recording: refuse straight away. */
export function throwIf(gate: Refusal | null): void {
  if (gate) throw gate.error;
}

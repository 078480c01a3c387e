import type { EntityManager } from 'typeorm';
import { appendEvent } from '../events/append';
import type { ProviderFailure } from '../providers/provider';
import { policyTimes, type Policy } from '../settings/policy';
import { cooldownRefusal, lockedRefusal, userGate } from './gates';
import { LOCKED_MESSAGE, userMessage } from './messages';
import { refusal, type Refusal } from './outcome';
import { endSessionsOf } from './operators/sessions';
import { endPendingSessions } from './sessions';
import { changes, eventUser, userById, type UserRow } from '../users/user-row';

export interface FailedCheckContext {
  sessionId: string | null;
  method: 'sms_code' | 'backup_code' | 'password' | 'temporary_access';
  /** The refusal when neither the cooldown nor the lock is reached (WRONG_CODE, BACKUP_CODE_USED, WRONG_PASSWORD). */
  code: 'WRONG_CODE' | 'BACKUP_CODE_USED' | 'WRONG_PASSWORD' | 'TEMPORARY_ACCESS_EXPIRED' | 'TEMPORARY_ACCESS_USED';
  message: string;
  /** What the log calls it: a wrong code, or an operator's wrong password (Password Failure). */
  eventType?: 'wrong_code' | 'primary_auth_failure';
}

/**
 * Counts one failed check in one guarded UPDATE, then starts the cooldown or the lock if a
 * limit is reached. The UPDATE's WHERE refuses to count while locked or cooling down, so two
 * checks at once cannot both slip past a limit.
 */
export async function recordFailedCheck(
  manager: EntityManager,
  user: UserRow,
  policy: Policy,
  now: number,
  context: FailedCheckContext,
): Promise<Refusal> {
  await manager.query(
    `UPDATE users SET failed_checks = failed_checks + 1, consecutive_failures = consecutive_failures + 1, updated_at = ?
     WHERE id = ? AND status = 'active' AND locked_at IS NULL AND (cooldown_until IS NULL OR cooldown_until <= ?)`,
    [now, user.id, now],
  );
  if ((await changes(manager)) === 0) {
    // Another writer got there first: answer as the user now stands.
    const fresh = await userById(manager, user.id);
    return userGate(fresh, now) ?? refusal(context.code, context.message);
  }
  const counted = await userById(manager, user.id);
  if (counted.consecutive_failures >= policy.lockAfterFailures) {
    await manager.query(
      `UPDATE users SET locked_at = ?, lock_reason = ?, failed_checks = 0, updated_at = ? WHERE id = ? AND locked_at IS NULL`,
      [now, `${counted.consecutive_failures} consecutive failed verification attempts`, now, user.id],
    );
    await endPendingSessions(manager, user.id);
    await endSessionsOf(manager, user.id, 'account_locked', now);
    await appendEvent(manager, {
      occurredAt: now,
      type: 'account_lock',
      ...eventUser(counted),
      message: LOCKED_MESSAGE,
      sessionId: context.sessionId,
      details: {
        consecutiveFailures: counted.consecutive_failures,
        limit: policy.lockAfterFailures,
        method: context.method,
      },
    });
    return lockedRefusal();
  }
  if (counted.failed_checks >= policy.cooldownAfterFailures) {
    return startCooldown(manager, counted, policy, now, {
      cause: 'failed_checks',
      sessionId: context.sessionId,
      details: { failedChecks: counted.failed_checks, limit: policy.cooldownAfterFailures, method: context.method },
    });
  }
  const left = policy.cooldownAfterFailures - counted.failed_checks;
  const cooldown = policyTimes(policy).cooldownMs;
  const answer = refusal(
    context.code,
    `${context.message} ${left} more failed attempt${left === 1 ? ' starts' : 's start'} a ${cooldownWords(cooldown)} cooldown.`,
    { failedChecks: counted.failed_checks, limit: policy.cooldownAfterFailures, attemptsLeft: left },
  );
  await appendEvent(manager, {
    occurredAt: now,
    type: context.eventType ?? 'wrong_code',
    ...eventUser(counted),
    // What the user saw, attempts left included.
    message: answer.error.message,
    sessionId: context.sessionId,
    details: {
      failedChecks: counted.failed_checks,
      consecutiveFailures: counted.consecutive_failures,
      method: context.method,
    },
  });
  return answer;
}

export function cooldownWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 === 0) return minutes === 60 ? '1-hour' : `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}

export interface CooldownCause {
  cause: 'failed_checks' | 'sends' | 'provider';
  sessionId: string | null;
  providerCode?: string;
  provider?: string;
  details?: Record<string, unknown>;
}

/** What the user is told when their cooldown starts, by what started it. */
const COOLDOWN_CAUSE_MESSAGE: Record<CooldownCause['cause'], () => string> = {
  failed_checks: () => userMessage('cooldown_activated'),
  sends: () =>
    'Too many codes were requested without a successful sign-in. Please wait before trying again, then sign in again.',
  provider: () =>
    'The SMS provider refused more verification attempts for this number. Please wait before trying again, then sign in again.',
};

/** Starts the cooldown: counters restart, pending sign-ins end, and the user must wait. */
export async function startCooldown(
  manager: EntityManager,
  user: UserRow,
  policy: Policy,
  now: number,
  cause: CooldownCause,
): Promise<Refusal> {
  const until = now + policyTimes(policy).cooldownMs;
  await manager.query(
    `UPDATE users SET cooldown_until = ?, failed_checks = 0, sends_without_success = 0, updated_at = ? WHERE id = ?`,
    [until, now, user.id],
  );
  await endPendingSessions(manager, user.id);
  const answer = cooldownRefusal({ ...user, cooldown_until: until }, now, COOLDOWN_CAUSE_MESSAGE[cause.cause]());
  await appendEvent(manager, {
    occurredAt: now,
    type: 'cooldown_activated',
    ...eventUser(user),
    provider: cause.provider ?? null,
    providerCode: cause.providerCode ?? null,
    message: answer.error.message, // what the user saw, the wait included
    sessionId: cause.sessionId,
    details: { cause: cause.cause, until, ...cause.details },
  });
  return answer;
}

/**
 * A provider failure, filed by its kind (provider.ts FailureKind) as the event the helpdesk
 * sees: MFA Provider Failure with the provider's code, SMS Failure, Incorrect Phone Number;
 * 60202/60203 (too many checks or sends at the provider) start our cooldown.
 */
export async function recordProviderFailure(
  manager: EntityManager,
  user: UserRow,
  policy: Policy,
  now: number,
  failure: ProviderFailure,
  context: {
    provider: string;
    sessionId: string | null;
    cooldownOnRateLimit: boolean;
    details?: Record<string, unknown>;
  },
): Promise<Refusal> {
  const base = {
    occurredAt: now,
    ...eventUser(user),
    provider: context.provider,
    providerCode: failure.code,
    sessionId: context.sessionId,
    details: { providerMessage: failure.message, ...context.details },
  };
  if (failure.kind === 'rate_limited' && ['60202', '60203'].includes(failure.code) && context.cooldownOnRateLimit) {
    return startCooldown(manager, user, policy, now, {
      cause: 'provider',
      sessionId: context.sessionId,
      provider: context.provider,
      providerCode: failure.code,
    });
  }
  if (failure.kind === 'sms_failure') {
    const message = `${userMessage('sms_failure')} Error Code: ${failure.code}`;
    await appendEvent(manager, { ...base, type: 'sms_failure', message });
    return refusal('SMS_FAILURE', message, { providerCode: failure.code });
  }
  if (failure.kind === 'incorrect_phone_number') {
    const message = userMessage('incorrect_phone_number');
    await appendEvent(manager, { ...base, type: 'incorrect_phone_number', message });
    return refusal('INCORRECT_PHONE_NUMBER', `${message} (provider code ${failure.code})`, {
      providerCode: failure.code,
    });
  }
  const message = userMessage('mfa_provider_failure', failure.code);
  await appendEvent(manager, { ...base, type: 'mfa_provider_failure', message });
  return refusal('PROVIDER_FAILURE', message, { providerCode: failure.code });
}

import type { EntityManager } from 'typeorm';
import type { AdminActionValue, Role } from '../../shared/contract/users';
import type { EventTypeId } from '../../shared/events';
import { DomainError } from '../core/domain-error';
import { appendEvent } from '../events/append';
import { loadPolicy, type Policy } from '../settings/policy';
import { citeCallerCheck } from './caller-check';
import type { EngineDeps } from './deps';
import { readFirmPolicy } from './firm-policy';
import { requireOperator } from '../users/operators';
import { at, refuse } from './outcome';
import { endPendingSessions } from './sessions';
import { cooldownActive, effectiveTwoFactor, isLocked } from './state';
import { toSummary } from './summary';
import { revokeTrustedDevices } from './trusted-devices';
import { changes, eventUser, requireUser, userById, type UserRow } from '../users/user-row';

const DAY_MS = 24 * 3600 * 1000;
/** A temporary disable that outlives a year is a permanent one in disguise: it must be said as such. */
export const MAX_TEMPORARY_DISABLE_MS = 366 * DAY_MS;

export interface AdminInput {
  email: string;
  actor: string;
  reason: string;
  callerCheckId?: string;
  /** Added to the event's details (a bulk action names its batch). */
  details?: Record<string, unknown>;
}

export interface Applied {
  type: EventTypeId;
  summary: string;
  details?: Record<string, unknown>;
  warning?: string | null;
  count?: number | null;
}

interface ActionContext {
  now: number;
  policy: Policy;
  operator: UserRow;
}

/**
 * Every admin action: an active operator (an administrator where the documents say so), a
 * reason, optionally a cited caller verification; the change and its event in one transaction.
 */
export async function adminAction(
  deps: EngineDeps,
  input: AdminInput,
  what: string,
  needsAdministrator: boolean,
  apply: (manager: EntityManager, user: UserRow, context: ActionContext) => Promise<Applied>,
): Promise<AdminActionValue> {
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const operator = await requireOperator(manager, input.actor, what, needsAdministrator);
    const user = await requireUser(manager, input.email);
    const callerCheck = input.callerCheckId ? await citeCallerCheck(manager, user.id, input.callerCheckId, now) : null;
    const applied = await apply(manager, user, { now, policy: await loadPolicy(manager), operator });
    const fresh = await userById(manager, user.id);
    const eventId = await appendEvent(manager, {
      occurredAt: now,
      type: applied.type,
      ...eventUser(fresh),
      actor: operator.email,
      reason: input.reason,
      details: { ...input.details, ...applied.details, ...(callerCheck ? { callerCheck } : {}) },
    });
    const firm = await readFirmPolicy(manager);
    return {
      user: toSummary(fresh, now, firm.enabled),
      eventId,
      summary: applied.summary,
      warning: applied.warning ?? null,
      count: applied.count ?? null,
    };
  });
}

export const nothingToDo = (message: string): never => refuse('NOTHING_TO_DO', message);

export function lockUser(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, 'lock accounts', false, async (manager, user, { now }) => {
    if (isLocked(user)) nothingToDo(`${user.email} is already locked (since ${at(user.locked_at as number)}).`);
    await manager.query(
      'UPDATE users SET locked_at = ?, lock_reason = ?, updated_at = ? WHERE id = ? AND locked_at IS NULL',
      [now, input.reason, now, user.id],
    );
    await endPendingSessions(manager, user.id);
    return { type: 'admin_lock', summary: `${user.name} is locked and cannot sign in until unlocked.` };
  });
}

export function unlockUser(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, 'unlock accounts', false, async (manager, user, { now }) => {
    if (!isLocked(user)) nothingToDo(`${user.email} is not locked.`);
    await manager.query(
      `UPDATE users SET locked_at = NULL, lock_reason = NULL, failed_checks = 0, consecutive_failures = 0,
         sends_without_success = 0, cooldown_until = NULL, updated_at = ? WHERE id = ? AND locked_at IS NOT NULL`,
      [now, user.id],
    );
    return {
      type: 'admin_unlock',
      summary: `${user.name} is unlocked; failure counters and any cooldown are cleared.`,
      details: {
        lockedAt: user.locked_at,
        lockReason: user.lock_reason,
        consecutiveFailures: user.consecutive_failures,
      },
    };
  });
}

export function resetCooldown(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, 'reset cooldowns', false, async (manager, user, { now }) => {
    if (!cooldownActive(user, now) && user.failed_checks === 0 && user.sends_without_success === 0) {
      nothingToDo(`${user.email} is not in cooldown and has no failed checks or unanswered sends to clear.`);
    }
    await manager.query(
      `UPDATE users SET cooldown_until = NULL, failed_checks = 0, sends_without_success = 0, last_send_at = NULL,
         updated_at = ? WHERE id = ?`,
      [now, user.id],
    );
    return {
      type: 'cooldown_reset',
      summary: `${user.name} can request and enter a code right away.`,
      details: {
        cooldownUntil: cooldownActive(user, now) ? user.cooldown_until : null,
        failedChecks: user.failed_checks,
        sendsWithoutSuccess: user.sends_without_success,
      },
    };
  });
}

export function disableTwoFactor(deps: EngineDeps, input: AdminInput & { until?: number }) {
  return adminAction(deps, input, 'disable 2FA', true, async (manager, user, { now }) => {
    if (input.until !== undefined && input.until <= now) {
      throw new DomainError('INVALID_INPUT', `until: ${at(input.until)} is in the past; give a future date and time.`);
    }
    if (input.until !== undefined && input.until > now + MAX_TEMPORARY_DISABLE_MS) {
      throw new DomainError(
        'INVALID_INPUT',
        `until: a temporary disable lasts at most ${MAX_TEMPORARY_DISABLE_MS / DAY_MS} days (until ${at(now + MAX_TEMPORARY_DISABLE_MS)}); disable 2FA permanently instead.`,
      );
    }
    const state = effectiveTwoFactor(user, now);
    if (input.until === undefined && state === 'disabled_permanently') {
      nothingToDo(`2FA is already disabled permanently for ${user.email}.`);
    }
    await manager.query('UPDATE users SET two_factor = ?, two_factor_disabled_until = ?, updated_at = ? WHERE id = ?', [
      input.until ? 'disabled_until' : 'disabled_permanently',
      input.until ?? null,
      now,
      user.id,
    ]);
    await endPendingSessions(manager, user.id);
    const still =
      user.status === 'deactivated'
        ? ' They are deactivated and still cannot sign in.'
        : isLocked(user)
          ? ' The account is still locked: they cannot sign in until it is unlocked.'
          : '';
    return {
      type: 'two_factor_disabled',
      summary:
        (input.until
          ? `2FA is disabled for ${user.name} until ${at(input.until)}; then it applies again by itself.`
          : `2FA is disabled permanently for ${user.name}; no code is asked for until it is re-enabled.`) + still,
      details: { until: input.until ?? null, previous: state },
    };
  });
}

export function enableTwoFactor(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, 're-enable 2FA', false, async (manager, user, { now }) => {
    if (!user.phone_e164) refuse('NO_PHONE', `${user.email} has no phone number; set one before enabling 2FA.`);
    const state = effectiveTwoFactor(user, now);
    if (state === 'enabled') nothingToDo(`2FA is already enabled for ${user.email}.`);
    await manager.query(
      `UPDATE users SET two_factor = 'enabled', two_factor_disabled_until = NULL, updated_at = ? WHERE id = ?`,
      [now, user.id],
    );
    return {
      type: 'two_factor_enabled',
      summary: `2FA is enabled for ${user.name}: sign-ins need a code again.`,
      details: { previous: state },
    };
  });
}

export function revokeDevices(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, 'revoke trusted devices', false, async (manager, user, { now }) => {
    const count = await revokeTrustedDevices(manager, user.id, now);
    if (count === 0) nothingToDo(`${user.email} has no trusted devices to revoke.`);
    return {
      type: 'devices_revoked',
      summary: `${count} trusted device${count === 1 ? '' : 's'} revoked: ${user.name} needs a code on every device.`,
      details: { count },
      count,
    };
  });
}

/** The last active administrator stays while 2FA is on firm-wide (the guard is in the WHERE). */
const KEEPS_AN_ADMIN = `NOT (role = 'administrator' AND ? = 1 AND
  (SELECT COUNT(*) FROM users WHERE role = 'administrator' AND status = 'active') <= 1)`;

function lastAdminRefusal(user: UserRow): never {
  return refuse(
    'LAST_ADMIN',
    `${user.email} is the last active administrator and 2FA is on firm-wide: make another user an administrator first.`,
  );
}

export function deactivateUser(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, 'deactivate users', true, async (manager, user, { now }) => {
    if (user.status === 'deactivated') nothingToDo(`${user.email} is already deactivated.`);
    const firm = await readFirmPolicy(manager);
    await manager.query(
      `UPDATE users SET status = 'deactivated', updated_at = ? WHERE id = ? AND status = 'active' AND ${KEEPS_AN_ADMIN}`,
      [now, user.id, firm.enabled ? 1 : 0],
    );
    if ((await changes(manager)) !== 1) lastAdminRefusal(user);
    await endPendingSessions(manager, user.id);
    return {
      type: 'user_changed',
      summary: `${user.name} is deactivated; their 2FA settings and trusted devices are kept for a reactivation.`,
      details: { change: 'deactivated' },
    };
  });
}

export function reactivateUser(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, 'reactivate users', true, async (manager, user, { now }) => {
    if (user.status === 'active') nothingToDo(`${user.email} is already active.`);
    await manager.query(`UPDATE users SET status = 'active', updated_at = ? WHERE id = ?`, [now, user.id]);
    return {
      type: 'user_changed',
      summary: `${user.name} is active again, with the 2FA settings and trusted devices they had.`,
      details: { change: 'reactivated' },
    };
  });
}

export function setRole(deps: EngineDeps, input: AdminInput & { role: Role }) {
  return adminAction(deps, input, 'change roles', true, async (manager, user, { now }) => {
    if (user.role === input.role) nothingToDo(`${user.email} is already ${input.role}.`);
    const firm = await readFirmPolicy(manager);
    await manager.query(
      `UPDATE users SET role = ?, updated_at = ? WHERE id = ? AND (status = 'deactivated' OR ${KEEPS_AN_ADMIN})`,
      [input.role, now, user.id, firm.enabled ? 1 : 0],
    );
    if ((await changes(manager)) !== 1) lastAdminRefusal(user);
    return {
      type: 'user_changed',
      summary: `${user.name} is now ${/^[aeiou]/.test(input.role) ? 'an' : 'a'} ${input.role}.`,
      details: { change: 'role', from: user.role, to: input.role },
    };
  });
}

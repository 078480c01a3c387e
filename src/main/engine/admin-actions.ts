import type { EntityManager } from 'typeorm';
import type { ApprovalAction } from '../../shared/contract/approvals';
import type { AdminActionValue, Role } from '../../shared/contract/users';
import type { EventTypeId } from '../../shared/events';
import { DomainError } from '../core/domain-error';
import { appendEvent } from '../events/append';
import { loadPolicy, type Policy } from '../settings/policy';
import { filedSummary, fileRequest, possibleApprovers } from './approvals/file';
import { basisDetails, requireCallerCheck, type CallerBasis } from './caller-check-rule';
import type { EngineDeps } from './deps';
import { readFirmPolicy } from './firm-policy';
import { requireOperator } from '../users/operators';
import { requireFewerAdminsConfirmed } from './fewer-admins';
import { at, refuse } from './outcome';
import { endSessionsOf } from './operators/sessions';
import { refuseSelfAction } from './self-action';
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
  /** A passed caller check to rest on; without it, the operator's own latest one for this user. */
  callerCheckId?: string;
  /** An administrator proceeding without a caller check says how the caller was verified. */
  verifiedAnotherWay?: string;
  /** Leaving fewer than two active administrators while 2FA is on firm-wide, explicitly. */
  confirmFewerAdmins?: boolean;
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

export interface ActionContext {
  now: number;
  policy: Policy;
  operator: UserRow;
}

type Apply = (manager: EntityManager, user: UserRow, context: ActionContext) => Promise<Applied>;

/** What one admin action is: who may take it, what it rests on, and the change. */
export interface ActionSpec {
  what: string;
  needsAdministrator: boolean;
  /** Rests on a passed caller check by the acting operator (or an administrator's "verified another way"). */
  callerCheck: boolean;
  /** A two-person action for this user: the request to file instead of acting (with what it checks first). */
  approval?: (
    manager: EntityManager,
    user: UserRow,
    operator: UserRow,
  ) => Promise<{ action: ApprovalAction; parameters: Record<string, unknown> } | null>;
  /** The refusals that apply before a request is filed (nothing to do, bad dates, fewer administrators). */
  check?: (manager: EntityManager, user: UserRow, now: number) => Promise<void>;
  apply: Apply;
}

/** Who carried an action out and on what it rests: the event's actor, reason and details. */
export interface ActionRun {
  now: number;
  operator: UserRow;
  user: UserRow;
  reason: string;
  basis: CallerBasis | null;
  /** Added to the event's details (a bulk action names its batch). */
  details?: Record<string, unknown>;
  /** Set when another administrator's approval carried it out. */
  approval?: { requestId: number; requestedBy: string; approvedBy: string; approvalReason: string };
}

/** The change and its event, inside the caller's transaction (an admin action's, or an approval's). */
export async function performAction(manager: EntityManager, run: ActionRun, apply: Apply): Promise<AdminActionValue> {
  const applied = await apply(manager, run.user, {
    now: run.now,
    policy: await loadPolicy(manager),
    operator: run.operator,
  });
  const fresh = await userById(manager, run.user.id);
  const eventId = await appendEvent(manager, {
    occurredAt: run.now,
    type: applied.type,
    ...eventUser(fresh),
    actor: run.operator.email,
    reason: run.reason,
    details: {
      ...run.details,
      ...applied.details,
      ...basisDetails(run.basis),
      ...(run.approval ? { approval: run.approval } : {}),
    },
  });
  const firm = await readFirmPolicy(manager);
  return {
    user: toSummary(fresh, run.now, firm.enabled),
    eventId,
    summary: applied.summary,
    warning: applied.warning ?? null,
    count: applied.count ?? null,
    outcome: 'applied',
    request: null,
  };
}

/**
 * Every admin action: an active operator with the role it needs, never on their own account, a
 * reason, the caller check it rests on; a two-person action files a request instead. The change
 * and its event land in one transaction.
 */
export async function adminAction(deps: EngineDeps, input: AdminInput, spec: ActionSpec): Promise<AdminActionValue> {
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const operator = await requireOperator(manager, input.actor, spec.what, spec.needsAdministrator);
    const user = await requireUser(manager, input.email);
    refuseSelfAction(operator, user, spec.what);
    await spec.check?.(manager, user, now);
    const basis = spec.callerCheck
      ? await requireCallerCheck(manager, {
          operator,
          user,
          now,
          what: spec.what,
          callerCheckId: input.callerCheckId,
          verifiedAnotherWay: input.verifiedAnotherWay,
        })
      : null;
    const approval = (await spec.approval?.(manager, user, operator)) ?? null;
    if (!approval) {
      return performAction(
        manager,
        { now, operator, user, reason: input.reason, basis, details: input.details },
        spec.apply,
      );
    }
    const filed = await fileRequest(manager, {
      ...approval,
      requester: operator,
      target: user,
      reason: input.reason,
      basis,
      now,
      what: spec.what,
    });
    const firm = await readFirmPolicy(manager);
    return {
      user: toSummary(user, now, firm.enabled),
      eventId: filed.eventId,
      summary: filedSummary(filed.request),
      warning: null,
      count: null,
      outcome: 'approval_requested',
      request: filed.request,
    };
  });
}

export const nothingToDo = (message: string): never => refuse('NOTHING_TO_DO', message);

export function lockUser(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, {
    what: 'lock accounts',
    needsAdministrator: false,
    callerCheck: false,
    apply: async (manager, user, { now }) => {
      if (isLocked(user)) nothingToDo(`${user.email} is already locked (since ${at(user.locked_at as number)}).`);
      await manager.query(
        'UPDATE users SET locked_at = ?, lock_reason = ?, updated_at = ? WHERE id = ? AND locked_at IS NULL',
        [now, input.reason, now, user.id],
      );
      await endPendingSessions(manager, user.id);
      await endSessionsOf(manager, user.id, 'account_locked', now);
      return { type: 'admin_lock', summary: `${user.name} is locked and cannot sign in until unlocked.` };
    },
  });
}

export function unlockUser(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, {
    what: 'unlock accounts',
    needsAdministrator: false,
    callerCheck: true,
    apply: async (manager, user, { now }) => {
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
    },
  });
}

export function resetCooldown(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, {
    what: 'reset cooldowns',
    needsAdministrator: false,
    callerCheck: true,
    apply: async (manager, user, { now }) => {
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
    },
  });
}

function checkDisable(user: UserRow, now: number, until: number | undefined): void {
  if (until !== undefined && until <= now) {
    throw new DomainError('INVALID_INPUT', `until: ${at(until)} is in the past; give a future date and time.`);
  }
  if (until !== undefined && until > now + MAX_TEMPORARY_DISABLE_MS) {
    throw new DomainError(
      'INVALID_INPUT',
      `until: a temporary disable lasts at most ${MAX_TEMPORARY_DISABLE_MS / DAY_MS} days (until ${at(now + MAX_TEMPORARY_DISABLE_MS)}); disable 2FA permanently instead.`,
    );
  }
  if (until === undefined && effectiveTwoFactor(user, now) === 'disabled_permanently') {
    nothingToDo(`2FA is already disabled permanently for ${user.email}.`);
  }
}

/** Disabling 2FA; permanently, or for an administrator, it is a two-person action. */
export function disableSpec(until: number | undefined): ActionSpec {
  return {
    what: until === undefined ? 'disable 2FA permanently' : 'disable 2FA',
    needsAdministrator: true,
    callerCheck: true,
    approval: async (_manager, user) =>
      until === undefined || user.role === 'administrator'
        ? { action: 'disable-2fa', parameters: { until: until ?? null } }
        : null,
    check: async (_manager, user, now) => checkDisable(user, now, until),
    apply: async (manager, user, { now }) => {
      checkDisable(user, now, until);
      const state = effectiveTwoFactor(user, now);
      await manager.query(
        'UPDATE users SET two_factor = ?, two_factor_disabled_until = ?, updated_at = ? WHERE id = ?',
        [until ? 'disabled_until' : 'disabled_permanently', until ?? null, now, user.id],
      );
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
          (until
            ? `2FA is disabled for ${user.name} until ${at(until)}; then it applies again by itself.`
            : `2FA is disabled permanently for ${user.name}; no code is asked for until it is re-enabled.`) + still,
        details: { until: until ?? null, previous: state },
      };
    },
  };
}

export function disableTwoFactor(deps: EngineDeps, input: AdminInput & { until?: number }) {
  return adminAction(deps, input, disableSpec(input.until));
}

export function enableTwoFactor(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, {
    what: 're-enable 2FA',
    needsAdministrator: true,
    callerCheck: true,
    apply: async (manager, user, { now }) => {
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
    },
  });
}

export function revokeDevices(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, {
    what: 'revoke trusted devices',
    needsAdministrator: false,
    callerCheck: false,
    apply: async (manager, user, { now }) => {
      const count = await revokeTrustedDevices(manager, user.id, now);
      if (count === 0) nothingToDo(`${user.email} has no trusted devices to revoke.`);
      return {
        type: 'devices_revoked',
        summary: `${count} trusted device${count === 1 ? '' : 's'} revoked: ${user.name} needs a code on every device.`,
        details: { count },
        count,
      };
    },
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
  return adminAction(deps, input, {
    what: 'deactivate users',
    needsAdministrator: true,
    callerCheck: false,
    apply: async (manager, user, { now }) => {
      if (user.status === 'deactivated') nothingToDo(`${user.email} is already deactivated.`);
      const firm = await readFirmPolicy(manager);
      const fewer = await requireFewerAdminsConfirmed(manager, user, 'deactivating', input.confirmFewerAdmins);
      await manager.query(
        `UPDATE users SET status = 'deactivated', updated_at = ? WHERE id = ? AND status = 'active' AND ${KEEPS_AN_ADMIN}`,
        [now, user.id, firm.enabled ? 1 : 0],
      );
      if ((await changes(manager)) !== 1) lastAdminRefusal(user);
      await endPendingSessions(manager, user.id);
      await endSessionsOf(manager, user.id, 'deactivated', now);
      return {
        type: 'user_changed',
        summary: `${user.name} is deactivated; their 2FA settings and trusted devices are kept for a reactivation.`,
        details: { change: 'deactivated', ...fewer },
      };
    },
  });
}

export function reactivateUser(deps: EngineDeps, input: AdminInput) {
  return adminAction(deps, input, {
    what: 'reactivate users',
    needsAdministrator: true,
    callerCheck: false,
    apply: async (manager, user, { now }) => {
      if (user.status === 'active') nothingToDo(`${user.email} is already active.`);
      await manager.query(`UPDATE users SET status = 'active', updated_at = ? WHERE id = ?`, [now, user.id]);
      return {
        type: 'user_changed',
        summary: `${user.name} is active again, with the 2FA settings and trusted devices they had.`,
        details: { change: 'reactivated' },
      };
    },
  });
}

/** Making or unmaking an administrator is a two-person action (other role changes are not). */
export function roleSpec(role: Role, confirmFewerAdmins: boolean | undefined): ActionSpec {
  const check = async (manager: EntityManager, user: UserRow) => {
    if (user.role === role) nothingToDo(`${user.email} is already ${role}.`);
    if (user.role === 'administrator') {
      await requireFewerAdminsConfirmed(manager, user, 'demoting', confirmFewerAdmins);
    }
  };
  return {
    what: 'change roles',
    needsAdministrator: true,
    callerCheck: false,
    approval: async (manager, user, operator) => {
      if (user.role !== 'administrator' && role !== 'administrator') return null;
      // The firm's second administrator has no one to approve them: that promotion is made at
      // once (audited as such), or a firm with one administrator could never have two.
      if (role === 'administrator' && (await possibleApprovers(manager, operator, user)).length === 0) return null;
      return {
        action: 'set-role',
        parameters: { from: user.role, to: role, confirmFewerAdmins: confirmFewerAdmins ?? false },
      };
    },
    check,
    apply: async (manager, user, { now }) => {
      await check(manager, user);
      const fewer =
        user.role === 'administrator'
          ? await requireFewerAdminsConfirmed(manager, user, 'demoting', confirmFewerAdmins)
          : {};
      const firm = await readFirmPolicy(manager);
      await manager.query(
        `UPDATE users SET role = ?, updated_at = ? WHERE id = ? AND (status = 'deactivated' OR ${KEEPS_AN_ADMIN})`,
        [role, now, user.id, firm.enabled ? 1 : 0],
      );
      if ((await changes(manager)) !== 1) lastAdminRefusal(user);
      // A new role starts with a new sign-in; a device remembered at a user's sign-in does not become
      // a second factor for the console.
      await endSessionsOf(manager, user.id, 'role_changed', now);
      const revoked = user.role === 'employee' ? await revokeTrustedDevices(manager, user.id, now) : 0;
      return {
        type: 'user_changed',
        summary: `${user.name} is now ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}${revoked > 0 ? `; the ${revoked === 1 ? 'device' : `${revoked} devices`} remembered at their sign-ins ${revoked === 1 ? 'is' : 'are'} revoked, so the console asks them for a code` : ''}.`,
        details: { change: 'role', from: user.role, to: role, ...fewer },
      };
    },
  };
}

export function setRole(deps: EngineDeps, input: AdminInput & { role: Role }) {
  return adminAction(deps, input, roleSpec(input.role, input.confirmFewerAdmins));
}

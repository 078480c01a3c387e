import type { EntityManager } from 'typeorm';
import type { FirmPolicyView } from '../../shared/contract/policy';
import { appendEvent } from '../events/append';
import { readSetting, writeSetting } from '../settings/json-setting';
import type { EngineDeps } from './deps';
import { requireOperator } from '../users/operators';
import { refuse } from './outcome';
import { fileRequest } from './approvals/file';
import type { UserRow } from '../users/user-row';

const FIRM_KEY = 'firm_two_factor';

interface FirmSetting {
  enabled: boolean;
  changedAt: number | null;
  changedBy: string | null;
}

/** The firm-wide setting as saved, or null when no administrator has ever set it. */
export async function savedFirmPolicy(manager: EntityManager): Promise<FirmSetting | null> {
  return readSetting<FirmSetting | null>(manager, FIRM_KEY, null);
}

export async function readFirmPolicy(manager: EntityManager): Promise<FirmSetting> {
  return readSetting<FirmSetting>(manager, FIRM_KEY, { enabled: false, changedAt: null, changedBy: null });
}

export async function countActiveAdministrators(manager: EntityManager): Promise<number> {
  const [row] = (await manager.query(
    `SELECT COUNT(*) AS n FROM users WHERE role = 'administrator' AND status = 'active'`,
  )) as { n: number }[];
  return Number(row.n);
}

export async function firmPolicyView(manager: EntityManager): Promise<FirmPolicyView> {
  const firm = await readFirmPolicy(manager);
  const admins = await countActiveAdministrators(manager);
  return {
    ...firm,
    activeAdministrators: admins,
    enableBlockedReason:
      admins < 2
        ? `Firm-wide 2FA needs at least two active administrators, so one can always sign in to help the other; there ${admins === 1 ? 'is 1' : `are ${admins}`}.`
        : null,
  };
}

/**
 * Firm-wide 2FA. Enabling needs two active administrators (the FAQ's best practice) and
 * enrols every user who has a phone; disabling leaves each user's own 2FA setting as it is,
 * as the FAQ describes, and is a two-person action: it files a request another administrator approves.
 */
export async function setFirmTwoFactor(
  deps: EngineDeps,
  input: { actor: string; enabled: boolean; reason: string },
): Promise<FirmPolicyView> {
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const operator = await requireOperator(manager, input.actor, 'change firm-wide 2FA', true);
    const firm = await readFirmPolicy(manager);
    if (firm.enabled === input.enabled) {
      refuse('NOTHING_TO_DO', `Firm-wide 2FA is already ${input.enabled ? 'enabled' : 'disabled'}.`);
    }
    if (!input.enabled) {
      const { request } = await fileRequest(manager, {
        action: 'firm-2fa-off',
        requester: operator,
        target: null,
        parameters: { enabled: false },
        reason: input.reason,
        basis: null,
        now,
        what: 'turn firm-wide 2FA off',
      });
      return { ...(await firmPolicyView(manager)), request };
    }
    await applyFirmTwoFactor(manager, { operator, enabled: true, reason: input.reason, now });
    return firmPolicyView(manager);
  });
}

/** The change itself, in the caller's transaction (an administrator's, or an approval's). */
export async function applyFirmTwoFactor(
  manager: EntityManager,
  input: { operator: UserRow; enabled: boolean; reason: string; now: number; approval?: Record<string, unknown> },
): Promise<number> {
  const { now, operator } = input;
  const firm = await readFirmPolicy(manager);
  if (firm.enabled === input.enabled) {
    refuse('NOTHING_TO_DO', `Firm-wide 2FA is already ${input.enabled ? 'enabled' : 'disabled'}.`);
  }
  let enrolled = 0;
  if (input.enabled) {
    const admins = await countActiveAdministrators(manager);
    if (admins < 2) {
      refuse(
        'NEEDS_TWO_ADMINS',
        `Firm-wide 2FA needs at least two active administrators, so one can always disable 2FA for the other; there ${admins === 1 ? 'is 1' : `are ${admins}`}. Assign the Administrator role to another user first.`,
      );
    }
    await manager.query(
      `UPDATE users SET two_factor = 'enabled', updated_at = ? WHERE two_factor = 'not_enrolled' AND phone_e164 IS NOT NULL`,
      [now],
    );
    const [row] = (await manager.query('SELECT changes() AS n')) as { n: number }[];
    enrolled = Number(row.n);
  }
  await writeSetting(manager, FIRM_KEY, { enabled: input.enabled, changedAt: now, changedBy: operator.email }, now);
  return appendEvent(manager, {
    occurredAt: now,
    type: 'firm_policy_changed',
    actor: operator.email,
    reason: input.reason,
    details: { enabled: input.enabled, enrolled, ...(input.approval ? { approval: input.approval } : {}) },
  });
}

import type { EntityManager } from 'typeorm';
import { POLICY_FIELDS, type PolicyField, type PolicyValues } from '../../shared/policy-fields';
import { DomainError } from '../core/domain-error';
import { writeSetting } from './json-setting';

export type Policy = PolicyValues;

const KEY_PREFIX = 'policy.';

/** The defaults from the documents: 3-minute codes, cooldown after 5 failures for 1 hour, and so on. */
export function defaultPolicy(): Policy {
  const values = {} as Policy;
  for (const field of POLICY_FIELDS) values[field.key] = field.default;
  return values;
}

/** The policy in force: stored values over the defaults. A stored value out of range falls back to the default. */
export async function loadPolicy(manager: EntityManager): Promise<Policy> {
  const rows = (await manager.query(`SELECT key, value FROM settings WHERE key LIKE 'policy.%'`)) as {
    key: string;
    value: string;
  }[];
  const policy = defaultPolicy();
  for (const row of rows) {
    const field = POLICY_FIELDS.find((f) => KEY_PREFIX + f.key === row.key);
    if (!field) continue;
    const value = Number(JSON.parse(row.value));
    if (Number.isInteger(value) && value >= field.min && value <= field.max) policy[field.key] = value;
  }
  return policy;
}

export interface PolicyChange {
  key: PolicyField;
  from: number;
  to: number;
}

/** Writes the changed values; the caller audits each change in the same transaction. */
export async function savePolicy(
  manager: EntityManager,
  changes: Partial<Policy>,
  now: number,
): Promise<PolicyChange[]> {
  const current = await loadPolicy(manager);
  const unknown = Object.keys(changes).filter((key) => !POLICY_FIELDS.some((f) => f.key === key));
  if (unknown.length) throw new DomainError('INVALID_INPUT', `${unknown.join(', ')}: not a policy setting.`);
  const applied: PolicyChange[] = [];
  for (const field of POLICY_FIELDS) {
    const to = changes[field.key];
    if (to === undefined || to === current[field.key]) continue;
    // The contract checks this too; the engine checks again for callers that skip the API.
    if (!Number.isInteger(to) || to < field.min || to > field.max) {
      throw new DomainError(
        'INVALID_INPUT',
        `${field.key}: must be a whole number from ${field.min} to ${field.max} (${field.unit}); got ${to}.`,
      );
    }
    await writeSetting(manager, KEY_PREFIX + field.key, to, now);
    applied.push({ key: field.key, from: current[field.key], to });
  }
  return applied;
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** The policy in the engine's units (milliseconds). */
export function policyTimes(policy: Policy) {
  return {
    codeValidityMs: policy.codeValidityMinutes * MINUTE,
    sessionMs: policy.sessionMinutes * MINUTE,
    cooldownMs: policy.cooldownMinutes * MINUTE,
    resendIntervalMs: policy.resendIntervalSeconds * 1000,
    trustedDeviceMs: policy.trustedDeviceDays * DAY,
  };
}

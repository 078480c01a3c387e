import type { PolicyChangeView, PolicyView } from '../../shared/contract/policy';
import { POLICY_FIELDS, type PolicyValues } from '../../shared/policy-fields';
import { appendEvent } from '../events/append';
import { SIMULATED_FAILURE_KEY, type SimulatedFailure } from '../providers/simulated';
import { readSetting, writeSetting } from '../settings/json-setting';
import { loadPolicy, savePolicy } from '../settings/policy';
import type { EngineDeps } from './deps';
import { firmPolicyView } from './firm-policy';
import { requireOperator } from '../users/operators';

export async function getPolicy(deps: EngineDeps): Promise<PolicyView> {
  return deps.db.read(async (manager) => ({
    values: await loadPolicy(manager),
    fields: POLICY_FIELDS,
    firm: await firmPolicyView(manager),
    simulatedFailure: await readSetting<SimulatedFailure | null>(manager, SIMULATED_FAILURE_KEY, null),
  }));
}

/** Changes policy numbers (already range-checked by the contract); each change is audited as settings_changed. */
export async function updatePolicy(
  deps: EngineDeps,
  input: { actor: string; changes: Partial<PolicyValues>; reason: string },
): Promise<{ values: PolicyValues; changes: PolicyChangeView[] }> {
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const operator = await requireOperator(manager, input.actor, 'change the MFA policy', true);
    const applied = await savePolicy(manager, input.changes, now);
    for (const change of applied) {
      await appendEvent(manager, {
        occurredAt: now,
        type: 'settings_changed',
        actor: operator.email,
        reason: input.reason,
        details: { key: change.key, from: change.from, to: change.to },
      });
    }
    return { values: await loadPolicy(manager), changes: applied };
  });
}

/** Tells the simulated provider to fail the next sends (or all, until cleared) with a provider code. */
export async function setSimulatedFailure(
  deps: EngineDeps,
  input: { actor: string; code: string | null; times?: number; reason: string },
): Promise<{ failure: SimulatedFailure | null }> {
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const operator = await requireOperator(manager, input.actor, 'change the simulated provider', true);
    const before = await readSetting<SimulatedFailure | null>(manager, SIMULATED_FAILURE_KEY, null);
    const after = input.code ? { code: input.code, remaining: input.times ?? null } : null;
    await writeSetting(manager, SIMULATED_FAILURE_KEY, after, now);
    await appendEvent(manager, {
      occurredAt: now,
      type: 'settings_changed',
      actor: operator.email,
      reason: input.reason,
      details: { key: SIMULATED_FAILURE_KEY, from: before, to: after },
    });
    return { failure: after };
  });
}

import { z } from 'zod';
import { POLICY_FIELDS, type PolicyFieldInfo, type PolicyValues } from '../policy-fields';
import type { ApprovalRequestView } from './approvals';
import { auditReason, method, noInput } from './define';

export type { PolicyField, PolicyValues } from '../policy-fields';

export interface FirmPolicyView {
  enabled: boolean;
  changedAt: number | null;
  changedBy: string | null;
  activeAdministrators: number;
  /** Why enabling is refused now, if it is. */
  enableBlockedReason: string | null;
  /** Turning firm-wide 2FA off is a two-person action: set when the call filed a request instead. */
  request?: ApprovalRequestView | null;
}

export interface PolicyView {
  values: PolicyValues;
  fields: readonly PolicyFieldInfo[];
  firm: FirmPolicyView;
  /** The failure the simulated provider reports instead of delivering, for demos; null when it delivers. */
  simulatedFailure: { code: string; remaining: number | null } | null;
}

export interface PolicyChangeView {
  key: string;
  from: number;
  to: number;
}

// One integer field per policy number, with its range, so a refusal names the field and the limit.
const policyChanges = z
  .object(
    Object.fromEntries(
      POLICY_FIELDS.map((f) => [
        f.key,
        z
          .number()
          .int('must be a whole number')
          .min(f.min, `must be at least ${f.min}`)
          .max(f.max, `must be at most ${f.max}`)
          .optional(),
      ]),
    ) as Record<keyof PolicyValues, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();

/** The policy numbers, firm-wide 2FA and the simulated provider's failure switch. */
export const policyMethods = {
  getPolicy: method<PolicyView>()(noInput),
  updatePolicy: method<{ values: PolicyValues; changes: PolicyChangeView[] }>()(
    z.object({ changes: policyChanges, reason: auditReason() }).strict(),
  ),
  setFirmTwoFactor: method<FirmPolicyView>()(z.object({ enabled: z.boolean(), reason: auditReason() }).strict()),
  setSimulatedFailure: method<{ failure: PolicyView['simulatedFailure'] }>()(
    z
      .object({
        code: z
          .string()
          .trim()
          .regex(/^[A-Z0-9]{2,20}$/, 'must be a provider code such as 500, 30007 or TIMEOUT')
          .nullable(),
        times: z.number().int().min(1).max(1000).optional(),
        reason: auditReason(),
      })
      .strict(),
  ),
};

import { z } from 'zod';
import { auditReason, method, noInput } from './define';

/**
 * The two-person actions: filed as a request, carried out only when another administrator
 * approves it (docs/operators.md).
 */
export const APPROVAL_ACTIONS = ['disable-2fa', 'set-role', 'firm-2fa-off', 'unmasked-export'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'executed';

/** One request as the Approvals page and the CLI show it. Times are unix ms. */
export interface ApprovalRequestView {
  id: number;
  action: ApprovalAction;
  /** "Disable 2FA permanently", "Make administrator", "Turn firm-wide 2FA off", "Unmasked export". */
  actionLabel: string;
  /** The user it acts on (email), or null for the firm-wide setting and exports. */
  target: string | null;
  targetName: string | null;
  /** What the action will do with, as filed (the role, the export's filters...). */
  parameters: Record<string, unknown>;
  /** One line: what approving does. */
  description: string;
  reason: string;
  requester: string;
  /** The caller check the request rests on, or the requester's "verified another way". */
  callerCheckId: string | null;
  verifiedAnotherWay: string | null;
  status: ApprovalStatus;
  createdAt: number;
  expiresAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  /** Whether the signed-in operator may approve or reject it, and why not. */
  canDecide: boolean;
  cannotDecideReason: string | null;
}

export interface ApprovalListValue {
  requests: ApprovalRequestView[];
  /** Pending and not expired: the count in the navigation. */
  pending: number;
}

export interface ApprovalDecisionValue {
  request: ApprovalRequestView;
  /** What happened, in one sentence ("2FA is disabled permanently for Uma User."). */
  summary: string;
}

const id = z.number().int('must be a request number').positive('must be a request number');

export const approvalMethods = {
  /** Pending requests first, then the last 50 decided; expired ones are marked expired as they are read. */
  approvalsList: method<ApprovalListValue>()(z.object({ status: z.enum(['pending', 'all']).optional() }).strict()),
  /** The number of pending requests, for the navigation's count (0 for technicians). */
  approvalsPending: method<{ pending: number }>()(noInput),
  /** Another administrator approves: the action is carried out in the same transaction, audited with both names. */
  approvalApprove: method<ApprovalDecisionValue>()(z.object({ id, reason: auditReason() }).strict()),
  approvalReject: method<ApprovalDecisionValue>()(z.object({ id, reason: auditReason() }).strict()),
};

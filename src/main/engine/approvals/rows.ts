import type { EntityManager } from 'typeorm';
import type { ApprovalAction, ApprovalRequestView, ApprovalStatus } from '../../../shared/contract/approvals';
import { at } from '../outcome';
import type { UserRow } from '../../users/user-row';

/** A request stays open this long; then it expires and must be filed again. */
export const APPROVAL_TTL_MS = 24 * 3_600_000;

export interface ApprovalRow {
  id: number;
  action: ApprovalAction;
  target_user_id: number | null;
  target_email: string | null;
  parameters: string;
  reason: string;
  requested_by: string;
  caller_check_id: string | null;
  verified_another_way: string | null;
  status: ApprovalStatus;
  created_at: number;
  expires_at: number;
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  executed_at: number | null;
}

export async function approvalById(manager: EntityManager, id: number): Promise<ApprovalRow | null> {
  const [row] = (await manager.query('SELECT * FROM approval_requests WHERE id = ?', [id])) as ApprovalRow[];
  return row ?? null;
}

const LABELS: Record<ApprovalAction, (p: Record<string, unknown>) => string> = {
  'disable-2fa': (p) => (p.until ? `Disable 2FA until ${at(Number(p.until))}` : 'Disable 2FA permanently'),
  'set-role': (p) => (p.to === 'administrator' ? 'Make administrator' : `Remove administrator (make ${String(p.to)})`),
  'firm-2fa-off': () => 'Turn firm-wide 2FA off',
  'unmasked-export': () => 'Unmasked export (full phone numbers)',
};

function describe(row: ApprovalRow, p: Record<string, unknown>, targetName: string | null): string {
  const who = targetName ? `${targetName} (${row.target_email})` : row.target_email;
  switch (row.action) {
    case 'disable-2fa':
      return p.until
        ? `${who} signs in without a code until ${at(Number(p.until))}.`
        : `${who} signs in without a code until 2FA is re-enabled.`;
    case 'set-role':
      return `${who} becomes ${p.to === 'administrator' ? 'an administrator' : `a ${String(p.to)}`}.`;
    case 'firm-2fa-off':
      return "Firm-wide 2FA is turned off; each user's own 2FA setting stays as it is.";
    case 'unmasked-export':
      return `${row.requested_by} may export ${String(p.total ?? 'the filtered')} events with full phone numbers, once, within 24 hours of the request.`;
  }
}

/** A request as the Approvals page shows it to `viewer` (null: no one in particular). */
export function approvalView(
  row: ApprovalRow,
  viewer: UserRow | null,
  now: number,
  targetName: string | null,
): ApprovalRequestView {
  const parameters = JSON.parse(row.parameters) as Record<string, unknown>;
  const status: ApprovalStatus = row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status;
  const cannot = cannotDecideReason(row, status, viewer);
  return {
    id: row.id,
    action: row.action,
    actionLabel: LABELS[row.action](parameters),
    target: row.target_email,
    targetName,
    parameters,
    description: describe(row, parameters, targetName),
    reason: row.reason,
    requester: row.requested_by,
    callerCheckId: row.caller_check_id,
    verifiedAnotherWay: row.verified_another_way,
    status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    canDecide: cannot === null,
    cannotDecideReason: cannot,
  };
}

function cannotDecideReason(row: ApprovalRow, status: ApprovalStatus, viewer: UserRow | null): string | null {
  if (status !== 'pending') return `The request is ${status}.`;
  if (!viewer) return null;
  if (viewer.role !== 'administrator') return 'Only administrators decide on requests.';
  if (viewer.email === row.requested_by) return 'You filed it: another administrator must decide.';
  if (viewer.id === row.target_user_id) return 'It is about your own account: another administrator must decide.';
  return null;
}

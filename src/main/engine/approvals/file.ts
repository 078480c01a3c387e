import type { EntityManager } from 'typeorm';
import type { ApprovalAction, ApprovalRequestView } from '../../../shared/contract/approvals';
import { appendEvent } from '../../events/append';
import { basisDetails, type CallerBasis } from '../caller-check-rule';
import { at, refuse } from '../outcome';
import { eventUser, type UserRow } from '../../users/user-row';
import { APPROVAL_TTL_MS, approvalById, approvalView, type ApprovalRow } from './rows';

/** The active administrators who could decide a request: not the requester, not its target. */
export async function possibleApprovers(
  manager: EntityManager,
  requester: UserRow,
  target: UserRow | null,
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT email FROM users WHERE role = 'administrator' AND status = 'active' AND id <> ? AND id <> ? ORDER BY email`,
    [requester.id, target?.id ?? -1],
  )) as { email: string }[];
  return rows.map((r) => r.email);
}

export interface NewRequest {
  action: ApprovalAction;
  requester: UserRow;
  target: UserRow | null;
  parameters: Record<string, unknown>;
  reason: string;
  basis: CallerBasis | null;
  now: number;
  /** What the action is, for the refusal when no one could approve it ("disable 2FA permanently"). */
  what: string;
}

/**
 * Files a two-person action: nothing changes yet; another administrator approves or rejects it
 * within 24 hours. With no one who could approve it, says so instead of skipping the approval.
 */
export async function fileRequest(
  manager: EntityManager,
  input: NewRequest,
): Promise<{ request: ApprovalRequestView; eventId: number }> {
  const approvers = await possibleApprovers(manager, input.requester, input.target);
  if (approvers.length === 0) {
    const besides = input.target?.role === 'administrator' ? ` and ${input.target.email} (it is about them)` : '';
    refuse(
      'NEEDS_SECOND_ADMIN',
      `To ${input.what}, another administrator must approve it, and there is no active administrator besides you${besides}, so approval is impossible. Make a second administrator first (the FAQ's best practice is at least two).`,
    );
  }
  const expiresAt = input.now + APPROVAL_TTL_MS;
  await manager.query(
    `INSERT INTO approval_requests (action, target_user_id, target_email, parameters, reason, requested_by,
       caller_check_id, verified_another_way, status, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    [
      input.action,
      input.target?.id ?? null,
      input.target?.email ?? null,
      JSON.stringify(input.parameters),
      input.reason,
      input.requester.email,
      input.basis?.callerCheck?.id ?? null,
      input.basis?.verifiedAnotherWay ?? null,
      input.now,
      expiresAt,
    ],
  );
  const [{ id }] = (await manager.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
  const row = (await approvalById(manager, id)) as ApprovalRow;
  const eventId = await appendEvent(manager, {
    occurredAt: input.now,
    type: 'approval_requested',
    ...(input.target ? eventUser(input.target) : {}),
    actor: input.requester.email,
    reason: input.reason,
    details: {
      requestId: id,
      action: input.action,
      parameters: input.parameters,
      expiresAt,
      approvers,
      ...basisDetails(input.basis),
    },
  });
  const request = approvalView(row, input.requester, input.now, input.target?.name ?? null);
  return { request, eventId };
}

export const filedSummary = (request: ApprovalRequestView): string =>
  `Request #${request.id} filed: ${request.actionLabel.toLowerCase()} needs another administrator's approval (Approvals page) by ${at(request.expiresAt)}; nothing has changed yet.`;

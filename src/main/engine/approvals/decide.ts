import type { EntityManager } from 'typeorm';
import type { ApprovalDecisionValue, ApprovalListValue } from '../../../shared/contract/approvals';
import type { Role } from '../../../shared/contract/users';
import { maskPhone } from '../../../shared/mask';
import { appendEvent } from '../../events/append';
import { sessionById } from '../sessions';
import { disableSpec, performAction, roleSpec } from '../admin-actions';
import type { EngineDeps } from '../deps';
import { applyFirmTwoFactor } from '../firm-policy';
import { at, refusal, refuse, settle, type Refusal } from '../outcome';
import { refuseSelfAction } from '../self-action';
import { requireOperator } from '../../users/operators';
import { findUser, userById, type UserRow } from '../../users/user-row';
import { approvalById, approvalView, type ApprovalRow } from './rows';

/** Pending requests past their 24 hours become expired, each with its approval_expired event. */
export async function expireDue(manager: EntityManager, now: number): Promise<void> {
  const due = (await manager.query(
    `SELECT * FROM approval_requests WHERE status = 'pending' AND expires_at <= ? ORDER BY id`,
    [now],
  )) as ApprovalRow[];
  for (const row of due) {
    await manager.query(`UPDATE approval_requests SET status = 'expired' WHERE id = ? AND status = 'pending'`, [
      row.id,
    ]);
    await appendEvent(manager, {
      occurredAt: now,
      type: 'approval_expired',
      ...(await targetEventUser(manager, row)),
      actor: null,
      reason: `No administrator decided within 24 hours of ${at(row.created_at)}`,
      details: { requestId: row.id, action: row.action, requestedBy: row.requested_by, expiredAt: row.expires_at },
    });
  }
}

async function targetOf(manager: EntityManager, row: ApprovalRow): Promise<UserRow | null> {
  return row.target_user_id === null ? null : userById(manager, row.target_user_id);
}

async function targetEventUser(manager: EntityManager, row: ApprovalRow) {
  const target = await targetOf(manager, row);
  return target
    ? { userId: target.id, userName: target.name, userEmail: target.email, userRole: target.role }
    : { userEmail: row.target_email };
}

async function viewOf(manager: EntityManager, row: ApprovalRow, viewer: UserRow | null, now: number) {
  return approvalView(row, viewer, now, (await targetOf(manager, row))?.name ?? null);
}

/** Pending first (oldest first), then the latest 50 decided or expired. */
export async function listApprovals(
  deps: EngineDeps,
  input: { actor: string; status?: 'pending' | 'all' },
): Promise<ApprovalListValue> {
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const viewer = await requireOperator(manager, input.actor, 'see approval requests');
    if (deps.db.writable) await expireDue(manager, now);
    const pending = (await manager.query(
      `SELECT * FROM approval_requests WHERE status = 'pending' ORDER BY created_at, id`,
    )) as ApprovalRow[];
    const closed =
      input.status === 'pending'
        ? []
        : ((await manager.query(
            `SELECT * FROM approval_requests WHERE status <> 'pending' ORDER BY COALESCE(decided_at, expires_at) DESC, id DESC LIMIT 50`,
          )) as ApprovalRow[]);
    const requests = [];
    for (const row of [...pending, ...closed]) requests.push(await viewOf(manager, row, viewer, now));
    return { requests, pending: pending.length };
  });
}

/** The navigation's count: pending requests this administrator could decide (0 for technicians). */
export async function pendingApprovals(deps: EngineDeps, input: { actor: string }): Promise<{ pending: number }> {
  return deps.db.read(async (manager) => {
    const viewer = await requireOperator(manager, input.actor, 'see approval requests');
    if (viewer.role !== 'administrator') return { pending: 0 };
    // What this administrator could decide: not their own requests, not those about them.
    const [row] = (await manager.query(
      `SELECT COUNT(*) AS n FROM approval_requests
       WHERE status = 'pending' AND expires_at > ? AND requested_by <> ? AND (target_user_id IS NULL OR target_user_id <> ?)`,
      [deps.clock.now(), viewer.email, viewer.id],
    )) as { n: number }[];
    return { pending: Number(row.n) };
  });
}

/** The request a decision is about, open and decidable by this administrator. */
async function openRequest(
  manager: EntityManager,
  id: number,
  approver: UserRow,
  now: number,
): Promise<ApprovalRow | Refusal> {
  const row = await approvalById(manager, id);
  if (!row) refuse('NOT_FOUND', `id: there is no approval request #${id}.`);
  if (row.status === 'pending' && row.expires_at <= now) {
    await expireDue(manager, now);
    return refusal(
      'REQUEST_CLOSED',
      `Request #${id} expired at ${at(row.expires_at)}, 24 hours after it was filed; nothing was changed. File it again if it is still needed.`,
    );
  }
  if (row.status !== 'pending') {
    refuse(
      'REQUEST_CLOSED',
      `Request #${id} is ${row.status}${row.decided_by ? ` (by ${row.decided_by} at ${at(row.decided_at as number)})` : ''}; it can be decided only once.`,
    );
  }
  if (row.requested_by === approver.email) {
    refuse(
      'NOT_APPROVER',
      `You filed request #${id}: another administrator must approve or reject it, never the requester.`,
    );
  }
  const target = await targetOf(manager, row);
  if (target) refuseSelfAction(approver, target, 'decide on a request about your own account');
  return row;
}

/** Carries out an approved request as its requester, with both names in the event. */
async function execute(
  manager: EntityManager,
  row: ApprovalRow,
  approver: UserRow,
  reason: string,
  now: number,
): Promise<{ summary: string; eventId: number | null }> {
  const requester = await findUser(manager, row.requested_by);
  if (!requester || requester.status !== 'active' || requester.role !== 'administrator') {
    refuse(
      'REQUEST_CLOSED',
      `${row.requested_by} is no longer an active administrator, so request #${row.id} cannot be carried out; reject it.`,
    );
  }
  const parameters = JSON.parse(row.parameters) as Record<string, unknown>;
  const approval = {
    requestId: row.id,
    requestedBy: row.requested_by,
    approvedBy: approver.email,
    approvalReason: reason,
  };
  if (row.action === 'unmasked-export') {
    return { summary: `${row.requested_by} may now run the unmasked export once (request #${row.id}).`, eventId: null };
  }
  if (row.action === 'firm-2fa-off') {
    const eventId = await applyFirmTwoFactor(manager, {
      operator: requester,
      enabled: false,
      reason: row.reason,
      now,
      approval,
    });
    return { summary: "Firm-wide 2FA is off; each user's own 2FA setting stays as it is.", eventId };
  }
  const user = (await targetOf(manager, row)) as UserRow;
  // What the requester's action rested on when it was filed (a check lapses long before the approval).
  const check = row.caller_check_id ? await sessionById(manager, row.caller_check_id) : null;
  const basis = row.verified_another_way
    ? { callerCheck: null, verifiedAnotherWay: row.verified_another_way }
    : check
      ? {
          callerCheck: {
            id: check.id,
            verifiedAt: check.verified_at as number,
            actor: check.actor,
            phone: maskPhone(check.phone_e164),
          },
          verifiedAnotherWay: null,
        }
      : null;
  const spec =
    row.action === 'disable-2fa'
      ? disableSpec(parameters.until === null ? undefined : Number(parameters.until))
      : roleSpec(parameters.to as Role, Boolean(parameters.confirmFewerAdmins));
  const done = await performAction(
    manager,
    { now, operator: requester, user, reason: row.reason, basis, approval },
    spec.apply,
  );
  return { summary: done.summary, eventId: done.eventId };
}

async function decide(
  deps: EngineDeps,
  input: { actor: string; id: number; reason: string },
  approve: boolean,
): Promise<ApprovalDecisionValue> {
  return settle(
    await deps.db.transaction(async (manager): Promise<ApprovalDecisionValue | Refusal> => {
      const now = deps.clock.now();
      const approver = await requireOperator(
        manager,
        input.actor,
        approve ? 'approve requests' : 'reject requests',
        true,
      );
      const row = await openRequest(manager, input.id, approver, now);
      if (!('id' in row)) return row;
      const done = approve ? await execute(manager, row, approver, input.reason, now) : null;
      const status = !approve ? 'rejected' : row.action === 'unmasked-export' ? 'approved' : 'executed';
      await manager.query(
        `UPDATE approval_requests SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, executed_at = ?
         WHERE id = ? AND status = 'pending'`,
        [status, approver.email, now, input.reason, status === 'executed' ? now : null, row.id],
      );
      await appendEvent(manager, {
        occurredAt: now,
        type: approve ? 'approval_approved' : 'approval_rejected',
        ...(await targetEventUser(manager, row)),
        actor: approver.email,
        reason: input.reason,
        details: {
          requestId: row.id,
          action: row.action,
          requestedBy: row.requested_by,
          [approve ? 'approvedBy' : 'rejectedBy']: approver.email,
          ...(done?.eventId ? { executedEventId: done.eventId } : {}),
        },
      });
      const fresh = (await approvalById(manager, row.id)) as ApprovalRow;
      return {
        request: await viewOf(manager, fresh, approver, now),
        summary: done ? done.summary : `Request #${row.id} is rejected; nothing was changed.`,
      };
    }),
  );
}

export const approveRequest = (deps: EngineDeps, input: { actor: string; id: number; reason: string }) =>
  decide(deps, input, true);
export const rejectRequest = (deps: EngineDeps, input: { actor: string; id: number; reason: string }) =>
  decide(deps, input, false);

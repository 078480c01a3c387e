import type { ApprovalRequestView } from '../../../shared/contract/approvals';
import type { EngineDeps } from '../deps';
import { DomainError } from '../../core/domain-error';
import { refuse } from '../outcome';
import { requireOperator } from '../../users/operators';
import { fileRequest } from './file';
import { approvalById } from './rows';

/** The export an approval is for: its filters, as JSON in the schema's key order. */
export const exportScope = (filters: unknown): string => JSON.stringify(filters ?? {});

/** An unmasked export is a two-person action: the requester files it with the export's filters. */
export async function requestUnmaskedExport(
  deps: EngineDeps,
  input: { actor: string; filters: unknown; format: string; reason: string; total?: number },
): Promise<ApprovalRequestView> {
  return deps.db.transaction(async (manager) => {
    const operator = await requireOperator(manager, input.actor, 'export full phone numbers', true);
    const { request } = await fileRequest(manager, {
      action: 'unmasked-export',
      requester: operator,
      target: null,
      parameters: { filters: JSON.parse(exportScope(input.filters)), format: input.format, total: input.total ?? null },
      reason: input.reason,
      basis: null,
      now: deps.clock.now(),
      what: 'export full phone numbers',
    });
    return request;
  });
}

/**
 * The approved request an unmasked export runs on: approved, the requester's own, within 24 hours
 * of filing, for these filters, and not used yet. `use` marks it executed once the export started.
 */
export async function approvedExport(
  deps: EngineDeps,
  input: { actor: string; approvalId: number; filters: unknown },
): Promise<{ use(): Promise<void> }> {
  await deps.db.read(async (manager) => {
    const row = await approvalById(manager, input.approvalId);
    const now = deps.clock.now();
    if (!row || row.action !== 'unmasked-export') {
      refuse('NOT_FOUND', `approvalId: there is no unmasked-export request #${input.approvalId}.`);
    }
    if (row.requested_by !== input.actor) {
      refuse('NOT_APPROVER', `approvalId: request #${row.id} was filed by ${row.requested_by}; only they may run it.`);
    }
    if (row.status === 'pending') {
      refuse('APPROVAL_REQUIRED', `Request #${row.id} is still waiting for another administrator's approval.`, {
        requestId: row.id,
      });
    }
    if (row.status !== 'approved' || row.expires_at <= now) {
      refuse(
        'REQUEST_CLOSED',
        `Request #${row.id} is ${row.expires_at <= now && row.status === 'approved' ? 'expired' : row.status}: file a new request.`,
      );
    }
    const approved = JSON.parse(row.parameters) as { filters: unknown };
    if (JSON.stringify(approved.filters) !== exportScope(input.filters)) {
      throw new DomainError(
        'INVALID_INPUT',
        `filters: request #${row.id} approved an export with other filters; export exactly those, or file a new request.`,
      );
    }
  });
  return {
    use: () =>
      deps.db.transaction(async (manager) => {
        await manager.query(
          `UPDATE approval_requests SET status = 'executed', executed_at = ? WHERE id = ? AND status = 'approved'`,
          [deps.clock.now(), input.approvalId],
        );
      }),
  };
}

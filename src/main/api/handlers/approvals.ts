import type { AppContext } from '../../context';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';
import { requireFreshPassword } from '../reauth';

type ApprovalHandlers = Pick<Handlers, 'approvalsList' | 'approvalsPending' | 'approvalApprove' | 'approvalReject'>;

/** Two-person approval: the requests, and another administrator's decision. */
export function approvalHandlers(ctx: AppContext): ApprovalHandlers {
  const engine = ctx.engine;
  return {
    approvalsList: (input, call) => engine.listApprovals({ ...input, actor: actorOf(call) }),
    approvalsPending: (_input, call) => engine.pendingApprovals({ actor: actorOf(call) }),
    approvalApprove: (input, call) => {
      requireFreshPassword(ctx, call, 'approve a request');
      return engine.approveRequest({ ...input, actor: actorOf(call) });
    },
    approvalReject: (input, call) => {
      requireFreshPassword(ctx, call, 'reject a request');
      return engine.rejectRequest({ ...input, actor: actorOf(call) });
    },
  };
}

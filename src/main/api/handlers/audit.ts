import type { AppContext } from '../../context';
import { auditLog, exportAudit } from '../../audit/audit-log';
import { requireOperator } from '../../users/operators';
import { actorOf, type CallContext } from '../call-context';
import type { Handlers } from '../dispatch';

/** The Audit page: every operator action, and its CSV. */
export function auditHandlers(ctx: AppContext): Pick<Handlers, 'auditLog' | 'exportAudit'> {
  const operator = (call: CallContext) => ctx.db.read((m) => requireOperator(m, actorOf(call), 'read the audit log'));
  return {
    auditLog: async (input, call) => {
      await operator(call);
      return auditLog(ctx.db, input);
    },
    exportAudit: async (input, call) => {
      await operator(call);
      return exportAudit(ctx.db, input);
    },
  };
}

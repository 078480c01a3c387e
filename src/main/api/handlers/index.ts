import type { AppContext } from '../../context';
import type { Handlers } from '../dispatch';
import { approvalHandlers } from './approvals';
import { auditHandlers } from './audit';
import { eventsHandlers } from './events';
import { exportPathHandlers } from './export-path';
import { operatorHandlers } from './operators';
import { policyHandlers } from './policy';
import { providerHandlers } from './provider';
import { systemHandlers } from './system';
import { troubleshootHandlers } from './troubleshoot';
import { trendsHandlers } from './trends';
import { userHandlers } from './users';
import { verifyHandlers } from './verify';

/** Binds every contract method to the engine, once. Each area adds its handlers here. */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...systemHandlers(ctx),
    ...operatorHandlers(ctx),
    ...userHandlers(ctx),
    ...verifyHandlers(ctx),
    ...policyHandlers(ctx),
    ...providerHandlers(ctx),
    ...eventsHandlers(ctx),
    ...exportPathHandlers(ctx),
    ...troubleshootHandlers(ctx),
    ...trendsHandlers(ctx),
    ...approvalHandlers(ctx),
    ...auditHandlers(ctx),
  };
}

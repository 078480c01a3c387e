import type { AppContext } from '../../context';
import type { Handlers } from '../dispatch';
import { annotationHandlers } from './annotations';
import { approvalHandlers } from './approvals';
import { auditHandlers } from './audit';
import { eventsHandlers } from './events';
import { exportPathHandlers } from './export-path';
import { incidentHandlers } from './incidents';
import { operatorHandlers } from './operators';
import { policyHandlers } from './policy';
import { providerHandlers } from './provider';
import { systemHandlers } from './system';
import { teamDatabaseHandlers } from './team-database';
import { troubleshootHandlers } from './troubleshoot';
import { trendsHandlers } from './trends';
import { userHandlers } from './users';
import { verifyHandlers } from './verify';
import { workspaceHandlers } from './workspaces';

/** Binds every contract method to the engine, once. Each area adds its handlers here. */
export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...systemHandlers(ctx),
    ...operatorHandlers(ctx),
    ...userHandlers(ctx),
    ...verifyHandlers(ctx),
    ...policyHandlers(ctx),
    ...providerHandlers(ctx),
    ...teamDatabaseHandlers(ctx),
    ...eventsHandlers(ctx),
    ...annotationHandlers(ctx),
    ...exportPathHandlers(ctx),
    ...troubleshootHandlers(ctx),
    ...trendsHandlers(ctx),
    ...workspaceHandlers(ctx),
    ...incidentHandlers(ctx),
    ...approvalHandlers(ctx),
    ...auditHandlers(ctx),
  };
}

import type { ApiMethod } from '../../shared/contract';
import type { AppContext } from '../context';
import { DomainError } from '../core/domain-error';
import type { Handlers } from './dispatch';

/**
 * What works while a workspace is open: reading and exploring its events (explorer, saved
 * filters, export, trends, evidence), the workspace and import methods, and the operator's own
 * session in the live database. Everything else acts on live accounts, settings or the provider,
 * and is refused (default deny: a method added later is refused until it is listed here).
 */
export const WORKSPACE_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'info',
  // The live database's newest event id: a window in a workspace waits on it without re-reading.
  'liveChanges',
  'sessionStatus',
  'operatorSignIn',
  'operatorSignInSendCode',
  'operatorSignInMessages',
  'operatorSignInVerify',
  'sessionLock',
  'sessionUnlock',
  'sessionReauthenticate',
  'signOut',
  'operatorChangePassword',
  'eventsQuery',
  'eventsCount',
  'eventDetail',
  'eventLikelyCause',
  'repeatFailingUsers',
  'carriersWithAffectedUsers',
  'eventsFacets',
  // An investigator's star, tags and note: beside the imported log, never in it.
  'eventStar',
  'eventTagsSet',
  'eventNoteSet',
  'savedFiltersList',
  'savedFilterSave',
  'savedFilterDelete',
  'exportChoosePath',
  'exportStart',
  'exportStatus',
  'exportCancel',
  'trends',
  // Incidents of the workspace's events (detection included: it writes only the workspace's
  // incidents tables); the detector's parameters are read from the live database, and changing
  // them (updateIncidentSettings) stays refused: they are the live console's rules.
  'incidentsList',
  'incidentDetail',
  'incidentUsers',
  'incidentsForUser',
  'detectIncidents',
  'getIncidentSettings',
  'stats',
  'trendViews',
  'troubleshootFacts',
  'getPolicy',
  // The navigation's count of live requests waiting for an administrator (a read; deciding is refused).
  'approvalsPending',
  'workspaceStatus',
  'workspaceCreate',
  'workspaceOpen',
  'workspaceClose',
  'importFormats',
  'importChooseFiles',
  'importDetect',
  'importStart',
  'importStatus',
  'importCancel',
  'importSources',
]);

/** The reason shown beside every disabled action while a workspace is open; null on the live database. */
export function workspaceReadOnlyReason(ctx: Pick<AppContext, 'workspaces'>): string | null {
  const open = ctx.workspaces.current;
  if (!open) return null;
  return `The workspace ${open.name} is open: it holds imported log events, not live accounts. Switch back to the live database to act on accounts.`;
}

/** The handlers, with every method outside WORKSPACE_METHODS refused while a workspace is open. */
export function guardForWorkspaces(handlers: Handlers, ctx: Pick<AppContext, 'workspaces'>): Handlers {
  const guarded = { ...handlers } as Record<string, (input: unknown, call: unknown) => Promise<unknown>>;
  for (const [name, handler] of Object.entries(guarded)) {
    if (WORKSPACE_METHODS.has(name as ApiMethod)) continue;
    guarded[name] = (input, call) => {
      const reason = workspaceReadOnlyReason(ctx);
      if (reason) {
        throw new DomainError('WORKSPACE_READ_ONLY', `${name}: refused. ${reason}`, {
          method: name,
          workspace: ctx.workspaces.current?.path,
        });
      }
      return handler(input, call);
    };
  }
  return guarded as unknown as Handlers;
}

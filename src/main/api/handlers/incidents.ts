import type { AppContext } from '../../context';
import { getIncidentSettings, runDetection, updateIncidentSettings } from '../../incidents/actions';
import { eventLikelyCause, likelyCausesForUser } from '../../incidents/likely-cause';
import { incidentDetail, incidentUsers, incidentsForUser, listIncidents } from '../../incidents/queries';
import { carriersWithAffectedUsers, repeatFailingUsers } from '../../incidents/repeat-failures';
import { loadDetectorSettings } from '../../incidents/settings';
import { detectInWorkspace, workspaceNow } from '../../incidents/workspace';
import { requireOperator } from '../../users/operators';
import { actorOf } from '../call-context';
import type { Handlers } from '../dispatch';

type IncidentHandlers = Pick<
  Handlers,
  | 'incidentsList'
  | 'incidentDetail'
  | 'incidentUsers'
  | 'incidentsForUser'
  | 'likelyCausesForUser'
  | 'eventLikelyCause'
  | 'repeatFailingUsers'
  | 'carriersWithAffectedUsers'
  | 'detectIncidents'
  | 'getIncidentSettings'
  | 'updateIncidentSettings'
>;

/**
 * Incidents: reads from the incidents tables and rollups; detection and settings through actions.
 * While a workspace is open the reads and detection answer for the workspace (its own span as
 * "now", its events' emails as the users); the operator is checked in the live database, and the
 * detector's parameters are always the live database's (changing them is refused in a workspace).
 */
export function incidentHandlers(ctx: AppContext): IncidentHandlers {
  const { db, clock } = ctx;
  /** The database to read, its "now", and who its users are. */
  const scope = async () => {
    const workspace = ctx.workspaces.current?.db;
    if (!workspace) return { on: db, now: clock.now(), subjects: 'users' as const };
    return { on: workspace, now: await workspace.read(workspaceNow), subjects: 'events' as const };
  };
  return {
    incidentsList: async (input) => {
      const { on } = await scope();
      return { incidents: await on.read((m) => listIncidents(m, input)) };
    },
    incidentDetail: async (input) => {
      const { on, now, subjects } = await scope();
      return on.read((m) => incidentDetail(m, input.id, now, subjects));
    },
    incidentUsers: async (input) => {
      const { on, now, subjects } = await scope();
      return { users: await on.read((m) => incidentUsers(m, input.id, now, input.roles, subjects)) };
    },
    incidentsForUser: async (input) => {
      const { on, now, subjects } = await scope();
      return { incidents: await on.read((m) => incidentsForUser(m, input.email, subjects, now)) };
    },
    // The user view's likely causes are live-only (a workspace has no users table to look in).
    likelyCausesForUser: (input) => db.read((m) => likelyCausesForUser(m, input.email, clock.now())),
    eventLikelyCause: async (input) => {
      const { on } = await scope();
      return { cause: await on.read((m) => eventLikelyCause(m, input.id)) };
    },
    repeatFailingUsers: async (input) => {
      const { on } = await scope();
      return on.read((m) => repeatFailingUsers(m, input));
    },
    carriersWithAffectedUsers: async (input) => {
      const { on } = await scope();
      return on.read((m) => carriersWithAffectedUsers(m, input));
    },
    detectIncidents: async (input, call) => {
      const workspace = ctx.workspaces.current?.db;
      if (!workspace) return runDetection(db, clock, actorOf(call), input.full ?? false);
      const settings = await db.read(async (m) => {
        await requireOperator(m, actorOf(call), 'run the incident detector');
        return loadDetectorSettings(m);
      });
      return detectInWorkspace(workspace, settings);
    },
    getIncidentSettings: () => getIncidentSettings(db),
    updateIncidentSettings: (input, call) =>
      updateIncidentSettings(db, clock, { changes: input.changes, reason: input.reason, actor: actorOf(call) }),
  };
}

import type { AppContext } from '../../context';
import { getIncidentSettings, runDetection, updateIncidentSettings } from '../../incidents/actions';
import { eventLikelyCause, likelyCausesForUser } from '../../incidents/likely-cause';
import { incidentDetail, incidentUsers, incidentsForUser, listIncidents } from '../../incidents/queries';
import { carriersWithAffectedUsers, repeatFailingUsers } from '../../incidents/repeat-failures';
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

/** Incidents: reads from the incidents tables and rollups; detection and settings through actions. */
export function incidentHandlers(ctx: AppContext): IncidentHandlers {
  const { db, clock } = ctx;
  return {
    incidentsList: async (input) => ({ incidents: await db.read((m) => listIncidents(m, input)) }),
    incidentDetail: (input) => db.read((m) => incidentDetail(m, input.id, clock.now())),
    incidentUsers: async (input) => ({
      users: await db.read((m) => incidentUsers(m, input.id, clock.now(), input.roles)),
    }),
    incidentsForUser: async (input) => ({ incidents: await db.read((m) => incidentsForUser(m, input.email)) }),
    likelyCausesForUser: (input) => db.read((m) => likelyCausesForUser(m, input.email, clock.now())),
    eventLikelyCause: async (input) => ({ cause: await db.read((m) => eventLikelyCause(m, input.id)) }),
    repeatFailingUsers: (input) => db.read((m) => repeatFailingUsers(m, input)),
    carriersWithAffectedUsers: (input) => db.read((m) => carriersWithAffectedUsers(m, input)),
    detectIncidents: (input, call) => runDetection(db, clock, actorOf(call), input.full ?? false),
    getIncidentSettings: () => getIncidentSettings(db),
    updateIncidentSettings: (input, call) =>
      updateIncidentSettings(db, clock, { changes: input.changes, reason: input.reason, actor: actorOf(call) }),
  };
}

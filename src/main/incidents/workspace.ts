import type { EntityManager } from 'typeorm';
import type { DetectorSettings } from '../../shared/incident-settings';
import type { Database } from '../db/database';
import { detectIncidents, type DetectionRun } from './run';

/**
 * A workspace's "now": the newest imported event, not the clock (an investigation is usually of
 * months ago, and hours after the last record are not quiet, they are simply not in the files).
 * 0 for an empty workspace.
 */
export async function workspaceNow(manager: Pick<EntityManager, 'query'>): Promise<number> {
  const [row] = (await manager.query(`SELECT MAX(occurred_at) AS last FROM events`)) as { last: number | null }[];
  return Number(row?.last ?? 0);
}

/**
 * Runs the detector over a workspace's imported events: always over the whole span (every run
 * uses the parameters in force in the live database, so a workspace never mixes two sets of rules),
 * dated by the events' own span, its users being the emails (else phones) of the failing events.
 */
export function detectInWorkspace(workspace: Database, settings?: DetectorSettings): Promise<DetectionRun> {
  return workspace.transaction(async (manager) =>
    detectIncidents(manager, await workspaceNow(manager), { full: true, settings, subjects: 'events' }),
  );
}

import type { EntityManager } from 'typeorm';
import type { IncidentUser, IncidentUserRole } from '../../shared/contract/incidents';
import { AFTERMATH_MS } from './likely-cause';
import { FAILURE_IN, keyCondition } from './key-filter';
import type { KeyKind } from './series';

/**
 * Incidents in an investigation workspace: its imported events carry the user's email or phone,
 * not a row of a users table (a workspace has none), so an incident's "users" there are the
 * distinct emails (or, without one, phone numbers) of its failing events, read from the events
 * themselves; nothing about them is live (whether they are locked now is not known).
 */
export const SUBJECT = `COALESCE(NULLIF(lower(user_email), ''), phone)`;

export interface SubjectIncident {
  id: number;
  kind: string;
  keyKind: KeyKind;
  key: string;
  onsetAt: number;
  endAt: number;
}

/** How many distinct people (email, else phone) failed on the incident's key during it. */
export async function countAffectedSubjects(manager: EntityManager, incident: SubjectIncident): Promise<number> {
  const types = incident.kind === 'pumping' ? `'code_sent'` : FAILURE_IN;
  const [row] = (await manager.query(
    `SELECT COUNT(DISTINCT ${SUBJECT}) AS n FROM events
     WHERE ${keyCondition(incident.keyKind)} AND occurred_at >= ? AND occurred_at <= ? AND type IN (${types})`,
    [incident.key, incident.onsetAt, incident.endAt],
  )) as { n: number }[];
  return Number(row.n);
}

/** The incident's people with their failures in it, and whether a lock or cooldown of theirs followed. */
export async function incidentSubjects(
  manager: EntityManager,
  incident: SubjectIncident,
  limit: number,
  roles?: IncidentUserRole[],
): Promise<IncidentUser[]> {
  const types = incident.kind === 'pumping' ? `'code_sent'` : FAILURE_IN;
  const rows = (await manager.query(
    `WITH failed AS (
       SELECT ${SUBJECT} AS subject, MAX(user_name) AS name, MAX(user_email) AS email, MAX(phone) AS phone,
         COUNT(*) AS failures
       FROM events
       WHERE ${keyCondition(incident.keyKind)} AND occurred_at >= ? AND occurred_at <= ? AND type IN (${types})
         AND ${SUBJECT} IS NOT NULL
       GROUP BY 1),
     after AS (
       SELECT ${SUBJECT} AS subject, MAX(type = 'account_lock') AS locked, MAX(type = 'cooldown_activated') AS cooldown
       FROM events WHERE occurred_at >= ? AND occurred_at <= ? AND type IN ('account_lock', 'cooldown_activated')
       GROUP BY 1)
     SELECT f.*, COALESCE(a.locked, 0) AS locked, COALESCE(a.cooldown, 0) AS cooldown
     FROM failed f LEFT JOIN after a ON a.subject = f.subject
     ORDER BY f.failures DESC, f.subject`,
    [incident.key, incident.onsetAt, incident.endAt, incident.onsetAt, incident.endAt + AFTERMATH_MS],
  )) as {
    subject: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    failures: number;
    locked: number;
    cooldown: number;
  }[];
  const out = rows
    .map((r): IncidentUser => {
      const got: IncidentUserRole[] = ['failed'];
      if (Number(r.locked)) got.push('locked');
      if (Number(r.cooldown)) got.push('cooldown');
      return {
        id: 0,
        name: r.name ?? r.email ?? r.phone ?? r.subject,
        email: r.email ?? r.phone ?? r.subject,
        roles: got,
        failures: Number(r.failures),
        lockedNow: false,
        coolingDownNow: false,
      };
    })
    .filter((u) => !roles || u.roles.some((role) => roles.includes(role)));
  return limit < 0 ? out : out.slice(0, limit);
}

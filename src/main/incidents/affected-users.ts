import type { EntityManager } from 'typeorm';
import { FAILURE_IN, keyCondition } from './key-filter';
import { AFTERMATH_MS, causedByCondition } from './likely-cause';
import type { KeyKind } from './series';

/**
 * Links an incident to its users: those whose deliveries failed on its key during it ('failed'), and
 * of those, the ones whose lock or cooldown the likely-cause rule (likely-cause.ts) ties to it
 * ('locked', 'cooldown'). Pumping links the users (if any) whose numbers the surge went to ('failed' = sent to).
 * Returns how many distinct users it affected.
 */
export async function linkAffectedUsers(
  manager: EntityManager,
  incident: { id: number; kind: string; keyKind: KeyKind; key: string; onsetAt: number; endAt: number },
): Promise<number> {
  const types = incident.kind === 'pumping' ? `'code_sent'` : FAILURE_IN;
  await manager.query(
    `INSERT INTO incident_users (incident_id, user_id, role, failures)
     SELECT ?, user_id, 'failed', COUNT(*) FROM events
     WHERE ${keyCondition(incident.keyKind)} AND occurred_at >= ? AND occurred_at <= ? AND type IN (${types})
       AND user_id IS NOT NULL
     GROUP BY user_id`,
    [incident.id, incident.key, incident.onsetAt, incident.endAt],
  );
  await manager.query(
    `INSERT INTO incident_users (incident_id, user_id, role, failures)
     SELECT ?, e.user_id, CASE e.type WHEN 'account_lock' THEN 'locked' ELSE 'cooldown' END, 0
     FROM events e JOIN incidents i ON i.id = ?
     WHERE e.occurred_at >= ? AND e.occurred_at <= ? AND e.type IN ('account_lock', 'cooldown_activated')
       AND e.user_id IN (SELECT user_id FROM incident_users WHERE incident_id = ? AND role = 'failed')
       AND ${causedByCondition('e.user_id', 'e.occurred_at')}
     GROUP BY e.user_id, e.type`,
    [incident.id, incident.id, incident.onsetAt, incident.endAt + AFTERMATH_MS, incident.id],
  );
  const [row] = (await manager.query(`SELECT COUNT(DISTINCT user_id) AS n FROM incident_users WHERE incident_id = ?`, [
    incident.id,
  ])) as { n: number }[];
  return Number(row.n);
}

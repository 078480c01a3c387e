import type { EntityManager } from 'typeorm';
import { DomainError } from '../core/domain-error';
import { causedByCondition, currentBlockAtSql } from './likely-cause';

/**
 * An incident's users for a bulk cooldown reset or unlock: every user whose deliveries failed in it
 * (by email), and of those the ones whose current lock or cooldown the likely-cause rule ties to
 * this very incident (the others are skipped, with why).
 */
export async function incidentRemediation(
  manager: EntityManager,
  incidentId: number,
  now: number,
): Promise<{ emails: string[]; tied: Set<string> }> {
  const [incident] = (await manager.query(`SELECT id FROM incidents WHERE id = ?`, [incidentId])) as unknown[];
  if (!incident) {
    throw new DomainError(
      'NOT_FOUND',
      `incidentId: there is no incident ${incidentId} (the detector may have re-dated it; open it again from Trends).`,
    );
  }
  const users = (await manager.query(
    `SELECT DISTINCT u.email FROM incident_users iu JOIN users u ON u.id = iu.user_id
     WHERE iu.incident_id = ? AND iu.role = 'failed' ORDER BY u.email`,
    [incidentId],
  )) as { email: string }[];
  const tied = (await manager.query(
    `SELECT u.email FROM users u JOIN incidents i ON i.id = ?
     WHERE u.id IN (SELECT user_id FROM incident_users WHERE incident_id = ? AND role = 'failed')
       AND (u.locked_at IS NOT NULL OR u.cooldown_until > ?)
       AND ${causedByCondition('u.id', currentBlockAtSql('u'))}`,
    [incidentId, incidentId, now],
  )) as { email: string }[];
  return { emails: users.map((u) => u.email), tied: new Set(tied.map((u) => u.email.toLowerCase())) };
}

import type { EntityManager } from 'typeorm';
import type { LockView } from '../../shared/contract/users';
import type { UserRow } from './user-row';

interface LockEventRow {
  type: 'admin_lock' | 'account_lock';
  actor: string | null;
  reason: string | null;
}

/**
 * Who locked the account, when and why. The lock and its event are written in one transaction
 * with the same time: an operator's lock is an admin_lock event (actor, reason), the engine's an
 * account_lock after too many failed checks. Without that event (older data), only the stored
 * reason is known.
 */
export async function lockCause(
  manager: EntityManager,
  user: Pick<UserRow, 'id' | 'locked_at' | 'lock_reason'>,
): Promise<LockView | null> {
  if (user.locked_at === null) return null;
  const [event] = (await manager.query(
    `SELECT type, actor, reason FROM events
     WHERE user_id = ? AND occurred_at = ? AND type IN ('admin_lock', 'account_lock')
     ORDER BY id DESC LIMIT 1`,
    [user.id, user.locked_at],
  )) as LockEventRow[];
  if (event?.type === 'admin_lock') {
    return { at: user.locked_at, cause: 'operator', actor: event.actor, reason: event.reason ?? user.lock_reason };
  }
  if (event?.type === 'account_lock') {
    return { at: user.locked_at, cause: 'failures', actor: null, reason: user.lock_reason };
  }
  return { at: user.locked_at, cause: 'unknown', actor: null, reason: user.lock_reason };
}

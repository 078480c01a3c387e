import type { EntityManager } from 'typeorm';
import { appendEvent } from '../events/append';
import { userMessage } from './messages';
import { refusal, type Refusal } from './outcome';
import { eventUser, type UserRow } from '../users/user-row';

export interface SessionRow {
  id: string;
  user_id: number;
  purpose: 'sign_in' | 'caller_check';
  status: 'pending' | 'verified' | 'expired' | 'ended' | 'not_my_number';
  provider: string;
  provider_ref: string | null;
  code_hash: string | null;
  code_sent_at: number | null;
  code_expires_at: number | null;
  actor: string | null;
  created_at: number;
  expires_at: number;
  verified_at: number | null;
  /** The number the code went to (caller checks are bound to it). */
  phone_e164: string | null;
  /** Wrong read-backs of the current code (a caller check allows 3). */
  attempts: number;
}

export async function latestSession(
  manager: EntityManager,
  userId: number,
  purpose: SessionRow['purpose'],
): Promise<SessionRow | null> {
  const rows = (await manager.query(
    `SELECT * FROM verification_sessions WHERE user_id = ? AND purpose = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    [userId, purpose],
  )) as SessionRow[];
  return rows[0] ?? null;
}

export async function sessionById(manager: EntityManager, id: string): Promise<SessionRow | null> {
  const rows = (await manager.query('SELECT * FROM verification_sessions WHERE id = ?', [id])) as SessionRow[];
  return rows[0] ?? null;
}

/** The session a step refers to: the one named, or the user's latest sign-in. */
export async function stepSession(
  manager: EntityManager,
  user: UserRow,
  sessionId: string | undefined,
): Promise<SessionRow | Refusal> {
  const session = sessionId ? await sessionById(manager, sessionId) : await latestSession(manager, user.id, 'sign_in');
  if (!session || session.user_id !== user.id || session.purpose !== 'sign_in') {
    return refusal('NO_SESSION', `There is no sign-in session for ${user.email}; send a code first.`);
  }
  return session;
}

/** Logs an event of a sign-in session with the catalog's message for it, and returns that message. */
export async function logSessionEvent(
  manager: EntityManager,
  type: 'session_expired' | 'code_expired' | 'not_my_number',
  user: UserRow,
  session: SessionRow,
  now: number,
  details?: Record<string, unknown>,
): Promise<string> {
  const message = userMessage(type);
  await appendEvent(manager, {
    occurredAt: now,
    type,
    ...eventUser(user),
    provider: session.provider,
    message,
    sessionId: session.id,
    details,
  });
  return message;
}

/**
 * Every step of an expired session answers Session Expired and logs it; a session that is
 * over for another reason answers SESSION_ENDED. Returns null when the session can go on.
 */
export async function sessionGate(
  manager: EntityManager,
  user: UserRow,
  session: SessionRow,
  now: number,
): Promise<Refusal | null> {
  const expired = session.status === 'expired' || (session.status === 'pending' && now >= session.expires_at);
  if (expired) {
    if (session.status === 'pending') {
      await manager.query(`UPDATE verification_sessions SET status = 'expired' WHERE id = ? AND status = 'pending'`, [
        session.id,
      ]);
    }
    const message = await logSessionEvent(manager, 'session_expired', user, session, now);
    return refusal('SESSION_EXPIRED', message, { sessionId: session.id, expiredAt: session.expires_at });
  }
  if (session.status === 'verified') {
    return refusal('SESSION_ENDED', 'This sign-in is already complete; sign in again to verify again.');
  }
  if (session.status !== 'pending') {
    return refusal('SESSION_ENDED', 'This sign-in has ended. Please sign in again to continue.', {
      sessionId: session.id,
      status: session.status,
    });
  }
  return null;
}

/** Ends the user's pending sign-ins: after a cooldown or lock the user must sign in again. */
export async function endPendingSessions(manager: EntityManager, userId: number): Promise<void> {
  await manager.query(
    `UPDATE verification_sessions SET status = 'ended', code_hash = NULL
     WHERE user_id = ? AND purpose = 'sign_in' AND status = 'pending'`,
    [userId],
  );
}

export async function recordAttempt(
  manager: EntityManager,
  userId: number,
  sessionId: string | null,
  kind: 'send' | 'check' | 'backup_code' | 'trusted_device' | 'temporary_access',
  outcome: string,
  now: number,
): Promise<void> {
  await manager.query(
    'INSERT INTO verification_attempts (session_id, user_id, kind, outcome, occurred_at) VALUES (?, ?, ?, ?, ?)',
    [sessionId, userId, kind, outcome, now],
  );
}

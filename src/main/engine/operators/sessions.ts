import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isLocked } from '../state';
import { refuse } from '../outcome';
import { userById, type UserRow } from '../../users/user-row';

/** The console locks after this long without the operator doing anything (the password unlocks it). */
export const IDLE_LOCK_MS = 15 * 60_000;
/** A session ends this long after the sign-in, whatever happens. */
export const SESSION_MAX_MS = 8 * 3_600_000;
/** High-risk actions ask for the password again when it was given longer ago than this. */
export const REAUTH_MS = 5 * 60_000;
/** Activity is written at most this often (every call would otherwise be a write). */
const TOUCH_EVERY_MS = 30_000;

export type Transport = 'electron' | 'web' | 'cli';

export interface OperatorSessionRow {
  id: string;
  user_id: number;
  transport: Transport;
  second_factor: string;
  created_at: number;
  last_activity_at: number;
  password_at: number;
  expires_at: number;
  ended_at: number | null;
  end_reason: string | null;
}

/** A signed-in operator, as the API hands them to the engine. */
export interface Operator {
  sessionId: string;
  user: UserRow;
  transport: Transport;
  passwordAt: number;
  expiresAt: number;
}

export const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Opens a session for an operator who passed both factors; returns the token (only its hash is kept). */
export async function createOperatorSession(
  manager: EntityManager,
  user: UserRow,
  transport: Transport,
  secondFactor: string,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = now + SESSION_MAX_MS;
  await manager.query(
    `INSERT INTO operator_sessions (id, user_id, transport, second_factor, created_at, last_activity_at, password_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [tokenId(token), user.id, transport, secondFactor, now, now, now, expiresAt],
  );
  return { token, expiresAt };
}

async function sessionRow(manager: EntityManager, token: string): Promise<OperatorSessionRow | null> {
  const [row] = (await manager.query('SELECT * FROM operator_sessions WHERE id = ?', [tokenId(token)])) as
    OperatorSessionRow[] | [];
  return row ?? null;
}

export async function endSession(manager: EntityManager, id: string, reason: string, now: number): Promise<void> {
  await manager.query('UPDATE operator_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL', [
    now,
    reason,
    id,
  ]);
}

/** Ends every open session of an operator (locked, deactivated, demoted, or signed out everywhere). */
export async function endSessionsOf(manager: EntityManager, userId: number, reason: string, now: number) {
  await manager.query(
    'UPDATE operator_sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL',
    [now, reason, userId],
  );
}

/** Why a session cannot be used now, or null when it can. */
function closedReason(row: OperatorSessionRow, user: UserRow, now: number): { code: string; message: string } | null {
  if (now >= row.expires_at || row.end_reason === 'session_expired') {
    return {
      code: 'SESSION_EXPIRED',
      message: 'Your session has expired (8 hours after you signed in). Please sign in again to continue.',
    };
  }
  if (row.ended_at !== null) {
    return { code: 'SIGN_IN_REQUIRED', message: 'You are signed out: sign in to the console again.' };
  }
  if (user.status !== 'active' || user.role === 'employee') {
    return { code: 'NOT_AN_OPERATOR', message: `${user.email} no longer operates the console; the session ended.` };
  }
  if (isLocked(user)) {
    return {
      code: 'ACCOUNT_LOCKED',
      message: 'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.',
    };
  }
  return null;
}

/**
 * The operator a request acts as, from the session token its transport carried (never from the
 * request body). `activity` is true when a person did something (not a background refresh): it
 * keeps the session from the idle lock.
 */
export async function resolveOperator(
  db: Database,
  token: string | null | undefined,
  now: number,
  options: { activity: boolean },
): Promise<Operator> {
  if (!token) refuse('SIGN_IN_REQUIRED', 'Sign in to the console first.');
  const found = await db.read(async (manager) => {
    const row = await sessionRow(manager, token);
    return row ? { row, user: await userById(manager, row.user_id) } : null;
  });
  if (!found || !found.user) refuse('SIGN_IN_REQUIRED', 'You are signed out: sign in to the console again.');
  const { row, user } = found;
  const closed = closedReason(row, user, now);
  if (closed) {
    if (row.ended_at === null && db.writable) {
      await db.transaction((manager) => endSession(manager, row.id, closed.code.toLowerCase(), now));
    }
    refuse(closed.code as never, closed.message);
  }
  if (now - row.last_activity_at >= IDLE_LOCK_MS) {
    refuse('SESSION_LOCKED', 'The console locked after 15 minutes idle: enter your password to go on.', {
      lockedAt: row.last_activity_at + IDLE_LOCK_MS,
      email: user.email,
    });
  }
  if (options.activity && now - row.last_activity_at >= TOUCH_EVERY_MS && db.writable) {
    await db.transaction((manager) =>
      manager.query('UPDATE operator_sessions SET last_activity_at = ? WHERE id = ? AND ended_at IS NULL', [
        now,
        row.id,
      ]),
    );
  }
  return { sessionId: row.id, user, transport: row.transport, passwordAt: row.password_at, expiresAt: row.expires_at };
}

/** What an idle-locked (or any) session needs to go on: the password again. */
export async function refreshPassword(manager: EntityManager, sessionId: string, now: number): Promise<void> {
  await manager.query(
    'UPDATE operator_sessions SET last_activity_at = ?, password_at = ? WHERE id = ? AND ended_at IS NULL',
    [now, now, sessionId],
  );
}

/** The row of a token, for unlocking an idle-locked session (which resolveOperator refuses). */
export async function lockedSession(
  manager: EntityManager,
  token: string | null | undefined,
  now: number,
): Promise<{ row: OperatorSessionRow; user: UserRow }> {
  if (!token) refuse('SIGN_IN_REQUIRED', 'Sign in to the console first.');
  const row = await sessionRow(manager, token);
  const user = row ? await userById(manager, row.user_id) : null;
  if (!row || !user) refuse('SIGN_IN_REQUIRED', 'You are signed out: sign in to the console again.');
  const closed = closedReason(row, user, now);
  if (closed) refuse(closed.code as never, closed.message);
  return { row, user };
}

/** High-risk actions: the password must have been given in the last 5 minutes. */
export function requireRecentPassword(operator: Operator, now: number, what: string): void {
  if (now - operator.passwordAt > REAUTH_MS) {
    refuse(
      'REAUTH_REQUIRED',
      `To ${what}, enter your password again: it was last given more than ${REAUTH_MS / 60_000} minutes ago.`,
    );
  }
}

import type { SessionStatus } from '../../../shared/contract/operators';
import { appendEvent } from '../../events/append';
import type { EngineDeps } from '../deps';
import { countActiveAdministrators, readFirmPolicy } from '../firm-policy';
import { userGate } from '../gates';
import { refuse } from '../outcome';
import { eventUser } from '../../users/user-row';
import { hashPassword, requireStrongPassword, verifyPassword } from './passwords';
import {
  IDLE_LOCK_MS,
  REAUTH_MS,
  endSession,
  lockedSession,
  refreshPassword,
  resolveOperator,
  tokenId,
  type Operator,
} from './sessions';
import { countSignInOperators, operatorSummary } from './sign-in';
import { refuseWrongPassword } from './wrong-password';

/** The banner while 2FA is on firm-wide with fewer than two active administrators (or null). */
export async function adminWarning(deps: EngineDeps): Promise<string | null> {
  return deps.db.read(async (manager) => {
    const firm = await readFirmPolicy(manager);
    const admins = await countActiveAdministrators(manager);
    if (!firm.enabled || admins >= 2) return null;
    return admins === 1
      ? 'Only one administrator is active while 2FA is on firm-wide: if they lose their phone, no one here can disable their 2FA. Make a second administrator.'
      : 'No administrator is active while 2FA is on firm-wide: no one here can disable 2FA for anyone. Contact your distributor (see Troubleshooting).';
  });
}

/** Where this window or tab stands: setup needed, signed in, locked, or signed out. */
export async function sessionStatus(deps: EngineDeps, token: string | null | undefined): Promise<SessionStatus> {
  const now = deps.clock.now();
  const setupNeeded = (await deps.db.read((manager) => countSignInOperators(manager))) === 0;
  const base = { setupNeeded, idleLockMs: IDLE_LOCK_MS, reauthMs: REAUTH_MS, adminWarning: await adminWarning(deps) };
  if (!token) return { ...base, operator: null, locked: false, expiresAt: null, passwordAt: null };
  try {
    const operator = await resolveOperator(deps.db, token, now, { activity: false });
    return {
      ...base,
      operator: operatorSummary(operator.user),
      locked: false,
      expiresAt: operator.expiresAt,
      passwordAt: operator.passwordAt,
    };
  } catch (error) {
    if ((error as { code?: string }).code !== 'SESSION_LOCKED') {
      return { ...base, operator: null, locked: false, expiresAt: null, passwordAt: null };
    }
    const { row, user } = await deps.db.read((manager) => lockedSession(manager, token, now));
    return {
      ...base,
      operator: operatorSummary(user),
      locked: true,
      expiresAt: row.expires_at,
      passwordAt: row.password_at,
    };
  }
}

/**
 * The password again: unlocks a session the idle lock closed, or renews it for high-risk actions.
 * A wrong one counts like a wrong code, as at sign-in.
 */
export async function confirmPassword(
  deps: EngineDeps,
  token: string | null | undefined,
  password: string,
): Promise<{ passwordAt: number }> {
  const now = deps.clock.now();
  const { row, user } = await deps.db.read((manager) => lockedSession(manager, token, now));
  const gate = userGate(user, now);
  if (gate) throw gate.error;
  if (!(await verifyPassword(password, user.password_hash))) {
    await refuseWrongPassword(deps, user.id, 'The password is wrong.');
  }
  await deps.db.transaction((manager) => refreshPassword(manager, row.id, now));
  return { passwordAt: now };
}

/** Locks the session now, as the idle lock would (the window locked itself: see sessionLock). */
export async function lockSession(deps: EngineDeps, operator: Operator): Promise<{ locked: true }> {
  const now = deps.clock.now();
  await deps.db.transaction((manager) =>
    manager.query('UPDATE operator_sessions SET last_activity_at = ? WHERE id = ? AND ended_at IS NULL', [
      now - IDLE_LOCK_MS,
      operator.sessionId,
    ]),
  );
  return { locked: true };
}

export async function signOut(deps: EngineDeps, token: string | null | undefined): Promise<{ signedOut: boolean }> {
  if (!token) return { signedOut: false };
  const now = deps.clock.now();
  await deps.db.transaction((manager) => endSession(manager, tokenId(token), 'signed_out', now));
  return { signedOut: true };
}

/** The operator's own password, with the current one as proof; other sessions of theirs end. */
export async function changeOwnPassword(
  deps: EngineDeps,
  operator: Operator,
  input: { current: string; next: string },
): Promise<{ changedAt: number }> {
  if (!(await verifyPassword(input.current, operator.user.password_hash))) {
    refuse('WRONG_PASSWORD', 'current: the current password is wrong.');
  }
  requireStrongPassword(input.next, operator.user.email, 'next');
  if (input.next === input.current) refuse('WEAK_PASSWORD', 'next: choose a password other than the current one.');
  const passwordHash = await hashPassword(input.next);
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    await manager.query(
      'UPDATE users SET password_hash = ?, password_set_at = ?, password_must_change = 0, updated_at = ? WHERE id = ?',
      [passwordHash, now, now, operator.user.id],
    );
    await manager.query(
      `UPDATE operator_sessions SET ended_at = ?, end_reason = 'password_changed'
       WHERE user_id = ? AND id <> ? AND ended_at IS NULL`,
      [now, operator.user.id, operator.sessionId],
    );
    await refreshPassword(manager, operator.sessionId, now);
    await appendEvent(manager, {
      occurredAt: now,
      type: 'user_changed',
      ...eventUser(operator.user),
      actor: operator.user.email,
      reason: 'Changed their own password',
      details: { change: 'password' },
    });
    return { changedAt: now };
  });
}

import type { EntityManager } from 'typeorm';
import { EVENT_TYPES } from '../../shared/events';
import { maskPhone } from '../../shared/mask';
import { DomainError } from '../core/domain-error';
import { refuse } from './outcome';
import { sessionById, type SessionRow } from './sessions';
import type { UserRow } from '../users/user-row';

/** How long a passed caller check lets its operator act for the user. */
export const CALLER_CHECK_CITABLE_MS = 30 * 60_000;

/** Another operator's admin events on the user void a check (looking at the full number does not). */
const ACTING_TYPES = EVENT_TYPES.filter((t) => t.kind === 'admin' && t.id !== 'phone_revealed').map((t) => t.id);

/**
 * Why a passed check no longer counts, or null while it does: it is bound to the number it went
 * to, and void once the user is locked, their number changes, or another operator acts on them.
 */
export async function voidReason(manager: EntityManager, session: SessionRow, user: UserRow): Promise<string | null> {
  if (session.phone_e164 !== null && session.phone_e164 !== user.phone_e164) {
    return `the number changed since (the code went to ${maskPhone(session.phone_e164)})`;
  }
  // What happened to the user after the check passed, in the log's order (ids, not times: one
  // millisecond can hold several events).
  const [passed] = (await manager.query(
    `SELECT id FROM events WHERE session_id = ? AND type = 'caller_check_passed' ORDER BY id DESC LIMIT 1`,
    [session.id],
  )) as { id: number }[];
  const after = passed ? 'id > ?' : 'occurred_at > ?';
  const [later] = (await manager.query(
    `SELECT type, actor FROM events
     WHERE user_id = ? AND ${after} AND (
       type IN ('admin_lock', 'account_lock', 'phone_changed')
       OR (actor IS NOT NULL AND actor <> ? AND type IN (${ACTING_TYPES.map(() => '?').join(', ')})))
     ORDER BY id LIMIT 1`,
    [user.id, passed ? passed.id : (session.verified_at ?? 0), session.actor ?? '', ...ACTING_TYPES],
  )) as { type: string; actor: string | null }[];
  if (!later) return null;
  if (later.type === 'admin_lock' || later.type === 'account_lock') return 'the account was locked after it';
  if (later.type === 'phone_changed') return 'the number changed after it';
  return `another operator (${later.actor}) acted on the user after it`;
}

/** Whether a passed check still lets its operator act: passed, for this user, recent, not void. */
async function unusableReason(
  manager: EntityManager,
  session: SessionRow,
  user: UserRow,
  operator: UserRow,
  now: number,
): Promise<string | null> {
  if (session.user_id !== user.id || session.purpose !== 'caller_check') return `it is not a check of ${user.email}`;
  if (session.status !== 'verified') return 'it did not pass';
  if (session.actor !== operator.email) return `${session.actor ?? 'another operator'} made it, not you`;
  if ((session.verified_at ?? 0) + CALLER_CHECK_CITABLE_MS <= now) {
    return `it lapsed (a check counts for ${CALLER_CHECK_CITABLE_MS / 60_000} minutes)`;
  }
  return voidReason(manager, session, user);
}

export interface CallerBasis {
  callerCheck: { id: string; verifiedAt: number; actor: string | null; phone: string | null } | null;
  /** An administrator's words for how the caller was verified without a check: flagged in the audit. */
  verifiedAnotherWay: string | null;
}

/**
 * Unlock, cooldown reset, 2FA changes and number changes rest on a passed caller check made by the
 * acting operator for this user (the one cited, or their latest), or, for an administrator only,
 * on "verified another way" and how.
 */
export async function requireCallerCheck(
  manager: EntityManager,
  input: {
    operator: UserRow;
    user: UserRow;
    now: number;
    what: string;
    callerCheckId?: string;
    verifiedAnotherWay?: string;
  },
): Promise<CallerBasis> {
  const { operator, user, now, what } = input;
  if (input.verifiedAnotherWay) {
    if (operator.role !== 'administrator') {
      refuse(
        'NOT_ADMIN',
        `verifiedAnotherWay: only administrators may ${what} without a caller check; ${operator.email} is a ${operator.role}. Verify the caller with a code (Verify the caller) instead.`,
      );
    }
    return { callerCheck: null, verifiedAnotherWay: input.verifiedAnotherWay };
  }
  const how = `Use "Verify the caller": a code goes to ${maskPhone(user.phone_e164) ?? 'their registered phone'} and the caller reads it back to you; then ${what} within ${CALLER_CHECK_CITABLE_MS / 60_000} minutes.`;
  if (input.callerCheckId) {
    const cited = await sessionById(manager, input.callerCheckId);
    const why = cited ? await unusableReason(manager, cited, user, operator, now) : 'there is no such check';
    if (why) {
      throw new DomainError(
        'CALLER_CHECK_INVALID',
        `callerCheckId: caller check ${input.callerCheckId} does not count: ${why}. ${how}`,
      );
    }
    return { callerCheck: basis(cited as SessionRow), verifiedAnotherWay: null };
  }
  const [latest] = (await manager.query(
    `SELECT * FROM verification_sessions WHERE user_id = ? AND purpose = 'caller_check' AND status = 'verified' AND actor = ?
     ORDER BY verified_at DESC LIMIT 1`,
    [user.id, operator.email],
  )) as SessionRow[];
  const why = latest ? await unusableReason(manager, latest, user, operator, now) : null;
  if (!latest || why) {
    const admin =
      operator.role === 'administrator'
        ? ' As an administrator you may instead choose "verified another way" and say how.'
        : '';
    refuse(
      'CALLER_CHECK_REQUIRED',
      `To ${what} for ${user.email}, verify the caller first${why ? ` (your last check ${why})` : ''}. ${how}${admin}`,
    );
  }
  return { callerCheck: basis(latest), verifiedAnotherWay: null };
}

const basis = (session: SessionRow) => ({
  id: session.id,
  verifiedAt: session.verified_at as number,
  actor: session.actor,
  phone: maskPhone(session.phone_e164),
});

/** The event details of an action's basis: the check it rests on, or the flagged "verified another way". */
export function basisDetails(basis: CallerBasis | null): Record<string, unknown> {
  if (!basis) return {};
  if (basis.verifiedAnotherWay) return { verifiedAnotherWay: basis.verifiedAnotherWay, callerCheck: null };
  return { callerCheck: basis.callerCheck };
}

import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AdminActionValue, TemporaryAccessIssuedValue, TemporaryAccessView } from '../../../shared/contract/users';
import type { SignedInValue } from '../../../shared/contract/verify';
import { maskPhone } from '../../../shared/mask';
import { DomainError } from '../../core/domain-error';
import { loadPolicy, policyTimes } from '../../settings/policy';
import { adminAction, type AdminInput } from '../admin-actions';
import type { EngineDeps } from '../deps';
import { recordFailedCheck } from '../failures';
import { throwIf, userGate } from '../gates';
import { at, refuse, settle, timeLeft, type Refusal } from '../outcome';
import { firstMatch, hashSecret, newSessionId } from '../secrets';
import { recordAttempt } from '../sessions';
import { signedIn, type DeviceOptions } from '../sign-in';
import { changes, requireUser, userById, type UserRow } from '../../users/user-row';
import { PHONE_COOL_OFF_MS } from './phone-change';

export const TEMPORARY_ACCESS_MIN_MINUTES = 10;
export const TEMPORARY_ACCESS_MAX_MINUTES = 8 * 60;
export const TEMPORARY_ACCESS_DEFAULT_MINUTES = 60;

// No 0/o, 1/l/i: read out over the phone without confusion. 12 characters: about 60 bits.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

interface AccessRow {
  id: string;
  user_id: number;
  code_hash: string;
  issued_by: string;
  reason: string;
  issued_at: number;
  expires_at: number;
  single_use: number;
  uses: number;
  last_used_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
  ended_by: string | null;
}

function newAccessCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** As people type it: case and the dashes and spaces between groups do not matter. */
export const normaliseAccessCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

const usable = (row: AccessRow, now: number) => row.ended_at === null && row.expires_at > now;

async function openCode(manager: EntityManager, userId: number): Promise<AccessRow | null> {
  const rows = (await manager.query('SELECT * FROM temporary_access_codes WHERE user_id = ? AND ended_at IS NULL', [
    userId,
  ])) as AccessRow[];
  return rows[0] ?? null;
}

export async function temporaryAccessView(
  manager: EntityManager,
  user: UserRow,
  now: number,
): Promise<TemporaryAccessView> {
  const row = await openCode(manager, user.id);
  const coolOffUntil = user.phone_changed_at !== null ? user.phone_changed_at + PHONE_COOL_OFF_MS : null;
  return {
    active:
      row && usable(row, now)
        ? {
            id: row.id,
            issuedBy: row.issued_by,
            issuedAt: row.issued_at,
            expiresAt: row.expires_at,
            singleUse: row.single_use === 1,
            uses: row.uses,
          }
        : null,
    coolOffUntil: coolOffUntil !== null && coolOffUntil > now ? coolOffUntil : null,
  };
}

/**
 * A temporary access code for a verified caller: valid 10 minutes to 8 hours (1 hour by default),
 * single use unless asked otherwise, one open per user (a new one revokes the old), stored hashed
 * and shown this once. Refused for 24 hours after the number changed.
 */
export async function issueTemporaryAccess(
  deps: EngineDeps,
  input: AdminInput & { minutes?: number; multiUse?: boolean },
): Promise<TemporaryAccessIssuedValue> {
  const minutes = input.minutes ?? TEMPORARY_ACCESS_DEFAULT_MINUTES;
  if (!Number.isInteger(minutes) || minutes < TEMPORARY_ACCESS_MIN_MINUTES || minutes > TEMPORARY_ACCESS_MAX_MINUTES) {
    throw new DomainError(
      'INVALID_INPUT',
      `minutes: a temporary access code lasts ${TEMPORARY_ACCESS_MIN_MINUTES} to ${TEMPORARY_ACCESS_MAX_MINUTES} minutes (8 hours).`,
    );
  }
  const code = newAccessCode();
  const codeHash = await hashSecret(normaliseAccessCode(code));
  const id = newSessionId();
  let expiresAt = 0;
  const issued = await adminAction(deps, input, {
    what: 'issue temporary access',
    needsAdministrator: false,
    callerCheck: true,
    apply: async (manager, user, { now, operator }) => {
      if (user.status !== 'active') refuse('USER_DEACTIVATED', `${user.email} is deactivated; reactivate them first.`);
      const coolOff = user.phone_changed_at !== null ? user.phone_changed_at + PHONE_COOL_OFF_MS : 0;
      if (coolOff > now) {
        refuse(
          'PHONE_COOL_OFF',
          `${user.email}'s number changed to ${maskPhone(user.phone_e164)} at ${at(user.phone_changed_at as number)} (by ${user.phone_changed_by ?? 'unknown'}): temporary access cannot be issued until ${at(coolOff)} (${timeLeft(coolOff - now)}), in case the new number is not theirs.`,
          { coolOffUntil: coolOff },
        );
      }
      const previous = await openCode(manager, user.id);
      if (previous) {
        await manager.query(
          `UPDATE temporary_access_codes SET ended_at = ?, end_reason = 'replaced', ended_by = ? WHERE id = ? AND ended_at IS NULL`,
          [now, operator.email, previous.id],
        );
      }
      expiresAt = now + minutes * 60_000;
      await manager.query(
        `INSERT INTO temporary_access_codes (id, user_id, code_hash, issued_by, reason, issued_at, expires_at, single_use)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, user.id, codeHash, operator.email, input.reason, now, expiresAt, input.multiUse ? 0 : 1],
      );
      const replaced = previous && usable(previous, now);
      return {
        type: 'temporary_access_issued',
        summary: `Temporary access for ${user.name} until ${at(expiresAt)} (${input.multiUse ? 'any number of sign-ins' : 'one sign-in'})${replaced ? '; the earlier code no longer works' : ''}. Read the code to the caller now: it is not shown again.`,
        details: {
          accessId: id,
          minutes,
          expiresAt,
          singleUse: !input.multiUse,
          replaced: previous ? { id: previous.id, stillValid: Boolean(replaced) } : null,
        },
      };
    },
  });
  return { ...issued, temporaryAccess: { id, code, expiresAt, singleUse: !input.multiUse } };
}

export async function revokeTemporaryAccess(deps: EngineDeps, input: AdminInput): Promise<AdminActionValue> {
  return adminAction(deps, input, {
    what: 'revoke temporary access',
    needsAdministrator: false,
    callerCheck: false,
    apply: async (manager, user, { now, operator }) => {
      const row = await openCode(manager, user.id);
      if (!row || !usable(row, now))
        refuse('NO_TEMPORARY_ACCESS', `${user.email} has no temporary access code that still works.`);
      await manager.query(
        `UPDATE temporary_access_codes SET ended_at = ?, end_reason = 'revoked', ended_by = ? WHERE id = ? AND ended_at IS NULL`,
        [now, operator.email, row.id],
      );
      return {
        type: 'temporary_access_revoked',
        summary: `${user.name}'s temporary access code no longer works.`,
        details: { accessId: row.id, issuedBy: row.issued_by, uses: row.uses },
      };
    },
  });
}

/**
 * The user signs in with a temporary access code instead of an SMS code. A wrong, used, revoked or
 * expired code counts as a failed check, like a wrong SMS code (towards the cooldown and the lock).
 * The use is a guarded UPDATE, so a single-use code submitted twice at once works once.
 */
export async function useTemporaryAccess(
  deps: EngineDeps,
  input: { email: string; code: string } & DeviceOptions,
): Promise<SignedInValue> {
  const typed = normaliseAccessCode(input.code);
  const before = await deps.db.read(async (manager) => {
    const user = await requireUser(manager, input.email);
    throwIf(userGate(user, deps.clock.now()));
    const rows = (await manager.query(
      'SELECT * FROM temporary_access_codes WHERE user_id = ? ORDER BY issued_at DESC LIMIT 5',
      [user.id],
    )) as AccessRow[];
    return { user, rows };
  });
  const match = await firstMatch(typed, before.rows);

  return settle(
    await deps.db.transaction(async (manager): Promise<SignedInValue | Refusal> => {
      const now = deps.clock.now();
      const policy = await loadPolicy(manager);
      const user = await userById(manager, before.user.id);
      const gate = userGate(user, now);
      if (gate) return gate;
      let used = false;
      if (match) {
        await manager.query(
          `UPDATE temporary_access_codes SET uses = uses + 1, last_used_at = ?,
             ended_at = CASE WHEN single_use = 1 THEN CAST(? AS BIGINT) END, end_reason = CASE WHEN single_use = 1 THEN 'used' END
           WHERE id = ? AND ended_at IS NULL AND expires_at > ? AND (single_use = 0 OR uses = 0)`,
          [now, now, match.id, now],
        );
        used = (await changes(manager)) === 1;
      }
      if (!used) {
        const why = !match ? 'wrong_code' : match.expires_at <= now && match.ended_at === null ? 'expired' : 'ended';
        await recordAttempt(manager, user.id, null, 'temporary_access', why, now);
        return recordFailedCheck(manager, user, policy, now, {
          sessionId: null,
          method: 'temporary_access',
          code:
            why === 'wrong_code'
              ? 'WRONG_CODE'
              : why === 'expired'
                ? 'TEMPORARY_ACCESS_EXPIRED'
                : 'TEMPORARY_ACCESS_USED',
          message:
            why === 'wrong_code'
              ? 'The temporary access code is incorrect.'
              : why === 'expired'
                ? `This temporary access code expired at ${at(match!.expires_at)}; ask your helpdesk for a new one.`
                : 'This temporary access code has been used or revoked; ask your helpdesk for a new one.',
        });
      }
      const sessionId = newSessionId();
      await manager.query(
        `INSERT INTO verification_sessions (id, user_id, purpose, status, provider, created_at, expires_at, verified_at)
         VALUES (?, ?, 'sign_in', 'verified', 'temporary_access', ?, ?, ?)`,
        [sessionId, user.id, now, now + policyTimes(policy).sessionMs, now],
      );
      await recordAttempt(manager, user.id, sessionId, 'temporary_access', 'approved', now);
      const row = match as AccessRow;
      return signedIn(manager, user, policy, now, 'temporary_access', sessionId, input, {
        accessId: row.id,
        issuedBy: row.issued_by,
        singleUse: row.single_use === 1,
        uses: row.uses + 1,
      });
    }),
  );
}

import type { EntityManager } from 'typeorm';
import type { BackupCodesValue, SignedInValue } from '../../shared/contract/verify';
import type { BackupCodesView } from '../../shared/contract/users';
import { appendEvent } from '../events/append';
import { loadPolicy, policyTimes } from '../settings/policy';
import type { EngineDeps } from './deps';
import { recordFailedCheck } from './failures';
import { throwIf, userGate } from './gates';
import { type Refusal, refuse, settle } from './outcome';
import { hashSecret, newSessionId, normaliseCode, randomDigits, firstMatch } from './secrets';
import { latestSession, recordAttempt } from './sessions';
import { signedIn, type DeviceOptions } from './sign-in';
import { changes, eventUser, requireUser, userById } from '../users/user-row';

// 15 digits, like the documents' recovery codes: about 50 bits, far beyond guessing within the lock limit.
const BACKUP_CODE_LENGTH = 15;

interface CodeRow {
  id: number;
  position: number;
  code_hash: string;
  used_at: number | null;
}

/** The current set's codes (not voided), used ones included so a reuse can be told apart. */
async function currentCodes(manager: EntityManager, userId: number): Promise<CodeRow[]> {
  return (await manager.query(
    'SELECT id, position, code_hash, used_at FROM backup_codes WHERE user_id = ? AND voided_at IS NULL ORDER BY position',
    [userId],
  )) as CodeRow[];
}

export async function backupCodesView(manager: EntityManager, userId: number): Promise<BackupCodesView> {
  const [row] = (await manager.query(
    `SELECT COUNT(*) AS total, COALESCE(SUM(used_at IS NULL), 0) AS remaining, MAX(created_at) AS generated_at
     FROM backup_codes WHERE user_id = ? AND voided_at IS NULL`,
    [userId],
  )) as { total: number; remaining: number; generated_at: number | null }[];
  return { remaining: Number(row.remaining), total: Number(row.total), generatedAt: row.generated_at ?? null };
}

/**
 * A new set of single-use backup codes, only within a successfully verified sign-in (the
 * documents: "must be generated while users have access to their account"). Shown once, in
 * order; stored hashed; the previous set stops working.
 */
export async function generateBackupCodes(
  deps: EngineDeps,
  input: { email: string; sessionId?: string },
): Promise<BackupCodesValue> {
  const policy = await deps.db.read((m) => loadPolicy(m));
  const codes = Array.from({ length: policy.backupCodeCount }, () => randomDigits(BACKUP_CODE_LENGTH));
  const hashes = await Promise.all(codes.map((code) => hashSecret(code)));
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const user = await requireUser(manager, input.email);
    throwIf(userGate(user, now, { cooldown: false }));
    const [verified] = (await manager.query(
      `SELECT id, verified_at FROM verification_sessions
       WHERE user_id = ? AND purpose = 'sign_in' AND status = 'verified' AND (? IS NULL OR id = ?)
       ORDER BY verified_at DESC LIMIT 1`,
      [user.id, input.sessionId ?? null, input.sessionId ?? null],
    )) as { id: string; verified_at: number }[];
    const sessionMs = policyTimes(policy).sessionMs;
    if (!verified || verified.verified_at + sessionMs <= now) {
      refuse(
        'VERIFIED_SESSION_REQUIRED',
        `Backup codes can only be generated within a verified sign-in (in the ${sessionMs / 60_000} minutes after it); sign in with a code first.`,
      );
    }
    const [{ generation }] = (await manager.query(
      'SELECT COALESCE(MAX(generation), 0) + 1 AS generation FROM backup_codes WHERE user_id = ?',
      [user.id],
    )) as { generation: number }[];
    await manager.query('UPDATE backup_codes SET voided_at = ? WHERE user_id = ? AND voided_at IS NULL', [
      now,
      user.id,
    ]);
    const voided = await changes(manager);
    for (let i = 0; i < hashes.length; i++) {
      await manager.query(
        'INSERT INTO backup_codes (user_id, generation, position, code_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        [user.id, generation, i + 1, hashes[i], now],
      );
    }
    await appendEvent(manager, {
      occurredAt: now,
      type: 'backup_codes_generated',
      ...eventUser(user),
      actor: user.email,
      sessionId: verified.id,
      details: { count: codes.length, generation, voidedPrevious: voided },
    });
    return { codes, generatedAt: now };
  });
}

/**
 * Signs in with a backup code. Each code works once: the use is a guarded UPDATE
 * (`used_at IS NULL` in its WHERE), so the same code submitted twice at once succeeds once.
 * A wrong or used code counts as a failed check, like a wrong SMS code.
 */
export async function useBackupCode(
  deps: EngineDeps,
  input: { email: string; code: string } & DeviceOptions,
): Promise<SignedInValue> {
  const code = normaliseCode(input.code);
  const before = await deps.db.read(async (manager) => {
    const now = deps.clock.now();
    const user = await requireUser(manager, input.email);
    throwIf(userGate(user, now));
    return { user, codes: await currentCodes(manager, user.id) };
  });
  const match = await firstMatch(code, before.codes);

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
          'UPDATE backup_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND voided_at IS NULL',
          [now, match.id],
        );
        used = (await changes(manager)) === 1;
      }
      if (!used) {
        await recordAttempt(manager, user.id, null, 'backup_code', match ? 'already_used' : 'wrong_code', now);
        return recordFailedCheck(manager, user, policy, now, {
          sessionId: null,
          method: 'backup_code',
          code: match ? 'BACKUP_CODE_USED' : 'WRONG_CODE',
          message: match
            ? 'This backup code has already been used; each code works once.'
            : 'The backup code is incorrect.',
        });
      }
      // The code completes the current sign-in, or stands for one when no code was sent.
      const pending = await latestSession(manager, user.id, 'sign_in');
      let sessionId: string;
      if (pending && pending.status === 'pending' && now < pending.expires_at) {
        sessionId = pending.id;
        await manager.query(
          `UPDATE verification_sessions SET status = 'verified', verified_at = ?, code_hash = NULL WHERE id = ?`,
          [now, sessionId],
        );
      } else {
        sessionId = newSessionId();
        await manager.query(
          `INSERT INTO verification_sessions (id, user_id, purpose, status, provider, created_at, expires_at, verified_at)
           VALUES (?, ?, 'sign_in', 'verified', 'backup_code', ?, ?, ?)`,
          [sessionId, user.id, now, now + policyTimes(policy).sessionMs, now],
        );
      }
      await recordAttempt(manager, user.id, sessionId, 'backup_code', 'approved', now);
      const { remaining } = await backupCodesView(manager, user.id);
      const value = await signedIn(manager, user, policy, now, 'backup_code', sessionId, input, {
        position: match?.position,
        remaining,
      });
      return { ...value, backupCodesRemaining: remaining };
    }),
  );
}

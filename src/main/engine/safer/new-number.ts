import type { EntityManager } from 'typeorm';
import type { SmsProvider } from '../../providers/provider';
import { loadPolicy, policyTimes } from '../../settings/policy';
import type { EngineDeps } from '../deps';
import { recordProviderFailure } from '../failures';
import { type Refusal, settle } from '../outcome';
import { verifySecret, normaliseCode } from '../secrets';
import { userById, type UserRow } from '../../users/user-row';

/** A new number gets 3 tries at its code, then the change (or enrolment) starts again. */
export const NEW_NUMBER_TRIES = 3;

export interface PhoneChangeRow {
  id: string;
  user_id: number;
  kind: 'operator_change' | 'enrolment';
  actor: string | null;
  reason: string | null;
  phone_e164: string;
  phone_country: string | null;
  phone_type: string | null;
  provider: string;
  provider_ref: string | null;
  code_hash: string | null;
  code_sent_at: number | null;
  code_expires_at: number | null;
  attempts: number;
  status: 'pending' | 'confirmed' | 'failed' | 'ended';
  created_at: number;
  decided_at: number | null;
}

export async function latestPhoneChange(
  manager: EntityManager,
  userId: number,
  kind: PhoneChangeRow['kind'],
): Promise<PhoneChangeRow | null> {
  const rows = (await manager.query(
    `SELECT * FROM phone_changes WHERE user_id = ? AND kind = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    [userId, kind],
  )) as PhoneChangeRow[];
  return rows[0] ?? null;
}

export async function phoneChangeById(manager: EntityManager, id: string): Promise<PhoneChangeRow | null> {
  const rows = (await manager.query('SELECT * FROM phone_changes WHERE id = ?', [id])) as PhoneChangeRow[];
  return rows[0] ?? null;
}

/** Ends whatever change of this kind was still waiting: a new start replaces it. */
export async function endPendingChanges(
  manager: EntityManager,
  userId: number,
  kind: PhoneChangeRow['kind'],
  now: number,
): Promise<void> {
  await manager.query(
    `UPDATE phone_changes SET status = 'ended', code_hash = NULL, decided_at = ?
     WHERE user_id = ? AND kind = ? AND status = 'pending'`,
    [now, userId, kind],
  );
}

/** The user as an event about the new number sees them: the number the code went to. */
const atNewNumber = (user: UserRow, change: PhoneChangeRow): UserRow => ({
  ...user,
  phone_e164: change.phone_e164,
  phone_country: change.phone_country,
  phone_carrier: null,
});

/**
 * Sends the code to the new number, outside any transaction, then records it on the change (or,
 * when the provider fails, ends the change and files the failure as the helpdesk sees failures).
 */
export async function deliverNewNumberCode(
  deps: EngineDeps,
  provider: SmsProvider,
  changeId: string,
  code: string | undefined,
  codeHash: string | null,
  message: string,
  actor: string | null,
): Promise<{ codeExpiresAt: number }> {
  const change = (await deps.db.read((m) => phoneChangeById(m, changeId))) as PhoneChangeRow;
  const result = await provider.send({ to: change.phone_e164, code, sessionId: change.id, message });
  return settle(
    await deps.db.transaction(async (manager): Promise<{ codeExpiresAt: number } | Refusal> => {
      const now = deps.clock.now();
      const policy = await loadPolicy(manager);
      const user = await userById(manager, change.user_id);
      if (!result.ok) {
        await manager.query(`UPDATE phone_changes SET status = 'ended', decided_at = ? WHERE id = ?`, [now, change.id]);
        return recordProviderFailure(manager, atNewNumber(user, change), policy, now, result.failure, {
          provider: provider.id,
          sessionId: change.id,
          cooldownOnRateLimit: false,
          details: { purpose: change.kind, actor },
        });
      }
      const codeExpiresAt = now + policyTimes(policy).codeValidityMs;
      await manager.query(
        `UPDATE phone_changes SET code_hash = ?, provider_ref = ?, code_sent_at = ?, code_expires_at = ? WHERE id = ?`,
        [codeHash, result.ref, now, codeExpiresAt, change.id],
      );
      return { codeExpiresAt };
    }),
  );
}

export type NewNumberVerdict = 'approved' | 'rejected' | 'expired' | { code: string; message: string };

/** Compares the code read back (or typed) with the one the new number got: ours (scrypt) or the provider's. */
export async function compareNewNumberCode(
  deps: EngineDeps,
  change: PhoneChangeRow,
  typed: string,
  now: number,
): Promise<NewNumberVerdict> {
  if (now >= (change.code_expires_at ?? 0)) return 'expired';
  const code = normaliseCode(typed);
  const provider = deps.providers.get(change.provider as never);
  if (provider?.generatesCodes) {
    const result = await provider.check({
      to: change.phone_e164,
      code,
      ref: change.provider_ref,
      sessionId: change.id,
    });
    return result.ok ? result.status : { code: result.failure.code, message: result.failure.message };
  }
  return (await verifySecret(code, change.code_hash)) ? 'approved' : 'rejected';
}

/**
 * One wrong (or late) code: counted on the change in a guarded UPDATE (the tries it was read with
 * in the WHERE, so two at once count twice); the third ends it. Returns the tries left.
 */
export async function countWrongTry(
  manager: EntityManager,
  change: PhoneChangeRow,
  now: number,
  expired: boolean,
): Promise<number | null> {
  if (expired) {
    await manager.query(
      `UPDATE phone_changes SET status = 'ended', code_hash = NULL, decided_at = ? WHERE id = ? AND status = 'pending'`,
      [now, change.id],
    );
    return 0;
  }
  const attempts = change.attempts + 1;
  const left = NEW_NUMBER_TRIES - attempts;
  await manager.query(
    `UPDATE phone_changes SET attempts = ?, status = ?, code_hash = CASE WHEN ? > 0 THEN code_hash END,
       decided_at = CASE WHEN ? > 0 THEN NULL ELSE CAST(? AS BIGINT) END
     WHERE id = ? AND status = 'pending' AND attempts = ?`,
    [attempts, left > 0 ? 'pending' : 'failed', left, left, now, change.id, change.attempts],
  );
  const [row] = (await manager.query('SELECT changes() AS n')) as { n: number }[];
  return Number(row.n) === 1 ? left : null;
}

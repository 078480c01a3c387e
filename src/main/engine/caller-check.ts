import type { EntityManager } from 'typeorm';
import type { CallerCheckView } from '../../shared/contract/users';
import type { CallerCheckValue, CallerCodeSentValue } from '../../shared/contract/verify';
import { maskPhone } from '../../shared/mask';
import { appendEvent } from '../events/append';
import { loadPolicy, policyTimes } from '../settings/policy';
import type { EngineDeps } from './deps';
import { recordProviderFailure } from './failures';
import { requireOperator } from '../users/operators';
import { type Refusal, refuse, refusal, settle, timeLeft } from './outcome';
import { hashSecret, newSessionId, normaliseCode, randomDigits, verifySecret } from './secrets';
import { latestSession, sessionById, type SessionRow } from './sessions';
import { eventUser, requireUser, userById, type UserRow } from '../users/user-row';
import { CALLER_CHECK_CITABLE_MS, voidReason } from './caller-check-rule';
import { refuseSelfAction } from './self-action';

/** Wrong read-backs a caller code allows; then a new code is needed. */
export const CALLER_CHECK_TRIES = 3;

/**
 * "Verify the caller": the helpdesk sends a code to the user's registered phone (its SMS says what
 * it is, not the sign-in text) and checks the code the caller reads back. It does not touch the
 * user's own counters (a locked user must be verifiable); a code allows 3 tries, then a new one is
 * needed. A passed check is bound to the operator, the user and the number it went to.
 */
export async function sendCallerCode(
  deps: EngineDeps,
  input: { email: string; actor: string },
): Promise<CallerCodeSentValue> {
  const provider = await deps.providers.active();
  const code = provider.generatesCodes ? undefined : randomDigits(6);
  const codeHash = code ? await hashSecret(code) : null;
  const plan = await deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const policy = await loadPolicy(manager);
    const times = policyTimes(policy);
    const operator = await requireOperator(manager, input.actor, 'verify a caller');
    const user = await requireUser(manager, input.email);
    refuseSelfAction(operator, user, 'verify yourself as a caller');
    if (!user.phone_e164) refuse('NO_PHONE', `${user.email} has no phone number registered to send a code to.`);
    if (user.not_my_number_at !== null) {
      refuse(
        'NUMBER_REPORTED',
        `${user.email} reported that ${maskPhone(user.phone_e164)} is not their number, so a code sent there could reach someone else. Verify the caller another way (in person, or a call back to a number on file), then change the number.`,
      );
    }
    const last = await latestSession(manager, user.id, 'caller_check');
    if (last?.code_sent_at != null && now - last.code_sent_at < times.resendIntervalMs) {
      const retryAt = last.code_sent_at + times.resendIntervalMs;
      refuse('RESEND_TOO_SOON', `A caller code was sent moments ago; send another in ${timeLeft(retryAt - now)}.`, {
        retryAt,
      });
    }
    await manager.query(
      `UPDATE verification_sessions SET status = 'ended', code_hash = NULL
       WHERE user_id = ? AND purpose = 'caller_check' AND status = 'pending'`,
      [user.id],
    );
    const id = newSessionId();
    await manager.query(
      `INSERT INTO verification_sessions (id, user_id, purpose, status, provider, actor, created_at, expires_at, phone_e164)
       VALUES (?, ?, 'caller_check', 'pending', ?, ?, ?, ?, ?)`,
      [id, user.id, provider.id, operator.email, now, now + times.sessionMs, user.phone_e164],
    );
    return { id, user, operator: operator.email, policy };
  });

  const result = await provider.send({
    to: plan.user.phone_e164 as string,
    code,
    sessionId: plan.id,
    purpose: 'caller_check',
  });

  return settle(
    await deps.db.transaction(async (manager): Promise<CallerCodeSentValue | Refusal> => {
      const now = deps.clock.now();
      const user = await userById(manager, plan.user.id);
      const times = policyTimes(plan.policy);
      if (!result.ok) {
        await manager.query(`UPDATE verification_sessions SET status = 'ended' WHERE id = ?`, [plan.id]);
        return recordProviderFailure(manager, user, plan.policy, now, result.failure, {
          provider: provider.id,
          sessionId: plan.id,
          cooldownOnRateLimit: false,
          details: { purpose: 'caller_check', actor: plan.operator },
        });
      }
      await manager.query(
        `UPDATE verification_sessions SET code_hash = ?, provider_ref = ?, code_sent_at = ?, code_expires_at = ? WHERE id = ?`,
        [codeHash, result.ref, now, now + times.codeValidityMs, plan.id],
      );
      await appendEvent(manager, {
        occurredAt: now,
        type: 'code_sent',
        ...eventUser(user),
        provider: provider.id,
        actor: plan.operator,
        sessionId: plan.id,
        details: { purpose: 'caller_check', providerRef: result.ref },
      });
      return {
        checkId: plan.id,
        maskedPhone: maskPhone(user.phone_e164) ?? '',
        codeExpiresAt: now + times.codeValidityMs,
        tries: CALLER_CHECK_TRIES,
      };
    }),
  );
}

export async function checkCallerCode(
  deps: EngineDeps,
  input: { email: string; actor: string; code: string },
): Promise<CallerCheckValue> {
  const before = await deps.db.read(async (manager) => {
    await requireOperator(manager, input.actor, 'verify a caller');
    const user = await requireUser(manager, input.email);
    const session = await latestSession(manager, user.id, 'caller_check');
    if (!session || session.status !== 'pending' || session.code_sent_at === null) {
      refuse('NO_SESSION', `No caller code is waiting for ${user.email}; send one first.`);
    }
    if (session.actor !== input.actor) {
      refuse(
        'NO_SESSION',
        `The caller code waiting for ${user.email} was sent by ${session.actor ?? 'another operator'}; a check is bound to the operator who sent it, so send your own.`,
      );
    }
    return { user, session };
  });
  const provider = deps.providers.get(before.session.provider as never);
  const code = normaliseCode(input.code);
  let verdict: 'approved' | 'rejected' | 'expired' | { code: string; message: string };
  if (provider?.generatesCodes) {
    const result = await provider.check({
      to: before.user.phone_e164 ?? '',
      code,
      ref: before.session.provider_ref,
      sessionId: before.session.id,
    });
    verdict = result.ok ? result.status : { code: result.failure.code, message: result.failure.message };
  } else {
    verdict = (await verifySecret(code, before.session.code_hash)) ? 'approved' : 'rejected';
  }

  return settle(
    await deps.db.transaction(async (manager): Promise<CallerCheckValue | Refusal> => {
      const now = deps.clock.now();
      const operator = await requireOperator(manager, input.actor, 'verify a caller');
      const user = await userById(manager, before.user.id);
      const session = (await sessionById(manager, before.session.id)) as SessionRow;
      if (session.status !== 'pending' || session.code_sent_at !== before.session.code_sent_at) {
        return refusal('SESSION_ENDED', 'This caller check is over; send a new code.');
      }
      if (typeof verdict === 'object') {
        return refusal('PROVIDER_FAILURE', `The provider could not check the code (Error Code: ${verdict.code}).`);
      }
      const expired = verdict === 'expired' || now >= (session.code_expires_at ?? 0);
      const result = verdict === 'approved' && !expired ? 'passed' : expired ? 'expired' : 'wrong_code';
      const attempts = session.attempts + (result === 'wrong_code' ? 1 : 0);
      const triesLeft = Math.max(0, CALLER_CHECK_TRIES - attempts);
      // A wrong read-back keeps the code pending until its 3 tries are used; then a new one is needed.
      const status =
        result === 'passed' ? 'verified' : result === 'expired' ? 'expired' : triesLeft > 0 ? 'pending' : 'ended';
      await manager.query(
        `UPDATE verification_sessions SET status = ?, verified_at = ?, attempts = ?,
           code_hash = CASE WHEN ? = 'pending' THEN code_hash ELSE NULL END
         WHERE id = ? AND status = 'pending'`,
        [status, result === 'passed' ? now : null, attempts, status, session.id],
      );
      await appendEvent(manager, {
        occurredAt: now,
        type: result === 'passed' ? 'caller_check_passed' : 'caller_check_failed',
        ...eventUser(user),
        provider: session.provider,
        actor: operator.email,
        sessionId: session.id,
        details: {
          result,
          phone: maskPhone(session.phone_e164 ?? user.phone_e164),
          ...(result === 'wrong_code' ? { attempt: attempts, triesLeft } : {}),
        },
      });
      if (result === 'expired') {
        return refusal('CODE_EXPIRED', 'The caller read back the code too late: it has expired. Send a new one.');
      }
      if (result === 'wrong_code') {
        return refusal(
          'CALLER_CHECK_FAILED',
          `The code the caller read back does not match the one sent to ${maskPhone(user.phone_e164)}; the failed check is recorded. ${
            triesLeft > 0
              ? `${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left on this code.`
              : `That was the last of ${CALLER_CHECK_TRIES} tries: send a new code.`
          }`,
          { triesLeft },
        );
      }
      return { checkId: session.id, result: 'passed', verifiedAt: now, citableUntil: now + CALLER_CHECK_CITABLE_MS };
    }),
  );
}

/** The user's latest caller check as the user view shows it, and whether the viewer may act on it. */
export async function latestCallerCheck(
  manager: EntityManager,
  user: UserRow,
  now: number,
  viewer: string | null,
): Promise<CallerCheckView | null> {
  const session = await latestSession(manager, user.id, 'caller_check');
  if (!session) return null;
  const citableUntil = session.verified_at !== null ? session.verified_at + CALLER_CHECK_CITABLE_MS : null;
  const voided = session.status === 'verified' ? await voidReason(manager, session, user) : null;
  const result =
    session.status === 'verified'
      ? (citableUntil ?? 0) <= now
        ? 'lapsed'
        : voided
          ? 'void'
          : 'passed'
      : session.status === 'expired' || (session.status === 'pending' && now >= session.expires_at)
        ? 'expired'
        : session.status === 'pending'
          ? 'pending'
          : 'failed';
  return {
    id: session.id,
    result,
    actor: session.actor,
    sentAt: session.code_sent_at,
    verifiedAt: session.verified_at,
    phoneMasked: maskPhone(session.phone_e164),
    triesLeft: result === 'pending' ? Math.max(0, CALLER_CHECK_TRIES - session.attempts) : null,
    citableUntil: result === 'passed' ? citableUntil : null,
    voidReason: result === 'void' ? voided : null,
    mine: viewer !== null && session.actor === viewer,
  };
}

import type { EntityManager } from 'typeorm';
import type { SendCodeValue, SignedInValue, SignInMethod, NotMyNumberValue } from '../../shared/contract/verify';
import { appendEvent } from '../events/append';
import type { CheckResult } from '../providers/provider';
import { maskPhone } from '../../shared/mask';
import { loadPolicy, policyTimes, type Policy } from '../settings/policy';
import type { EngineDeps } from './deps';
import { recordFailedCheck, recordProviderFailure, startCooldown } from './failures';
import { readFirmPolicy } from './firm-policy';
import { throwIf, userGate } from './gates';
import { ENROL_AGAIN_MESSAGE, userMessage } from './messages';
import { Refusal, refuse, refusal, settle, timeLeft } from './outcome';
import { hashSecret, newSessionId, normaliseCode, randomDigits, verifySecret } from './secrets';
import {
  latestSession,
  logSessionEvent,
  recordAttempt,
  sessionById,
  sessionGate,
  stepSession,
  type SessionRow,
} from './sessions';
import { effectiveTwoFactor } from './state';
import { trustDevice, useTrustedDevice } from './trusted-devices';
import { changes, eventUser, requireUser, userById, type UserRow } from '../users/user-row';

const CODE_LENGTH = 6;

export interface DeviceOptions {
  rememberDevice?: boolean;
  deviceLabel?: string;
}

/** A successful sign-in: counters restart (after a check), the event is logged, a device may be remembered. */
export async function signedIn(
  manager: EntityManager,
  user: UserRow,
  policy: Policy,
  now: number,
  method: SignInMethod,
  sessionId: string | null,
  device: DeviceOptions,
  details: Record<string, unknown> = {},
): Promise<SignedInValue> {
  const checked = method === 'sms_code' || method === 'backup_code' || method === 'temporary_access';
  await manager.query(
    checked
      ? `UPDATE users SET failed_checks = 0, consecutive_failures = 0, sends_without_success = 0,
           last_sign_in_at = ?, updated_at = ? WHERE id = ?`
      : 'UPDATE users SET last_sign_in_at = ?, updated_at = ? WHERE id = ?',
    [now, now, user.id],
  );
  if (method === 'trusted_device' && sessionId === null) {
    // A remembered device is a verified sign-in too: it opens a session in which the user may,
    // for example, generate backup codes ("while users have access to their account").
    sessionId = newSessionId();
    await manager.query(
      `INSERT INTO verification_sessions (id, user_id, purpose, status, provider, created_at, expires_at, verified_at)
       VALUES (?, ?, 'sign_in', 'verified', 'trusted_device', ?, ?, ?)`,
      [sessionId, user.id, now, now + policyTimes(policy).sessionMs, now],
    );
  }
  await appendEvent(manager, {
    occurredAt: now,
    type:
      method === 'backup_code'
        ? 'backup_code_used'
        : method === 'temporary_access'
          ? 'temporary_access_used'
          : 'sign_in_succeeded',
    ...eventUser(user),
    sessionId,
    details: { method, ...details },
  });
  const trusted =
    device.rememberDevice && checked
      ? await trustDevice(manager, user, policy, now, device.deviceLabel, sessionId)
      : null;
  return {
    outcome: 'signed_in',
    method,
    sessionId,
    deviceToken: trusted?.token ?? null,
    deviceExpiresAt: trusted?.expiresAt ?? null,
    backupCodesRemaining: null,
  };
}

type SendPlan =
  | { kind: 'done'; value: SendCodeValue }
  | { kind: 'send'; user: UserRow; session: SessionRow; policy: Policy; sendsRemaining: number };

/**
 * "Send code": starts a sign-in, or resends in the current one. The send is reserved in a
 * guarded UPDATE (resend interval and send limit in its WHERE) before the provider is called,
 * so two clicks at once cannot both pass; the provider is called outside any transaction.
 */
export async function sendCode(
  deps: EngineDeps,
  input: { email: string; deviceToken?: string },
): Promise<SendCodeValue> {
  const provider = await deps.providers.active();
  const code = provider.generatesCodes ? undefined : randomDigits(CODE_LENGTH);
  const codeHash = code ? await hashSecret(code) : null;

  const plan = settle(
    await deps.db.transaction(async (manager): Promise<SendPlan | Refusal> => {
      const now = deps.clock.now();
      const policy = await loadPolicy(manager);
      const times = policyTimes(policy);
      const user = await requireUser(manager, input.email);
      throwIf(userGate(user, now, { cooldown: false }));

      // After "Reset 2FA" the user enrols a number again (enrolPhone, confirmEnrolment) before anything else.
      if (user.enrolment_required === 1) {
        return { kind: 'done', value: { outcome: 'enrolment_required', message: ENROL_AGAIN_MESSAGE } };
      }
      if (input.deviceToken && (await useTrustedDevice(manager, user.id, input.deviceToken, now))) {
        return { kind: 'done', value: await signedIn(manager, user, policy, now, 'trusted_device', null, {}) };
      }
      const twoFactor = effectiveTwoFactor(user, now);
      if (twoFactor === 'not_enrolled' && (await readFirmPolicy(manager)).enabled) {
        return {
          kind: 'done',
          value: {
            outcome: 'enrolment_required',
            message: 'Two-factor authentication is required: enter your mobile number (with country code) to enrol.',
          },
        };
      }
      if (twoFactor !== 'enabled') {
        return {
          kind: 'done',
          value: await signedIn(manager, user, policy, now, 'two_factor_off', null, {}, { twoFactor }),
        };
      }
      throwIf(userGate(user, now));
      if (user.not_my_number_at !== null) {
        refuse('NUMBER_REPORTED', userMessage('not_my_number'), { reportedAt: user.not_my_number_at });
      }
      if (!user.phone_e164)
        refuse('NO_PHONE', `${user.email} has no phone number registered. Contact administrator for assistance.`);

      let session = await latestSession(manager, user.id, 'sign_in');
      if (session?.status === 'pending' && now >= session.expires_at) {
        await sessionGate(manager, user, session, now); // records the expiry; a new sign-in starts below
        session = null;
      }
      if (session?.status !== 'pending') session = null;

      if (user.last_send_at !== null && now - user.last_send_at < times.resendIntervalMs) {
        const retryAt = user.last_send_at + times.resendIntervalMs;
        refuse(
          'RESEND_TOO_SOON',
          `A code was sent moments ago. You can request another in ${timeLeft(retryAt - now)}.`,
          {
            retryAt,
          },
        );
      }
      if (user.sends_without_success >= policy.maxSendsWithoutSuccess) {
        await recordAttempt(manager, user.id, session?.id ?? null, 'send', 'refused_send_limit', now);
        return startCooldown(manager, user, policy, now, {
          cause: 'sends',
          sessionId: session?.id ?? null,
          details: { sendsWithoutSuccess: user.sends_without_success, limit: policy.maxSendsWithoutSuccess },
        });
      }
      await manager.query(
        `UPDATE users SET sends_without_success = sends_without_success + 1, last_send_at = ?, updated_at = ?
         WHERE id = ? AND status = 'active' AND locked_at IS NULL AND (cooldown_until IS NULL OR cooldown_until <= ?)
           AND sends_without_success < ? AND (last_send_at IS NULL OR last_send_at <= ?)`,
        [now, now, user.id, now, policy.maxSendsWithoutSuccess, now - times.resendIntervalMs],
      );
      if ((await changes(manager)) !== 1)
        refuse('RESEND_TOO_SOON', 'Another send for this user is in progress; try again.');
      if (!session) {
        session = {
          id: newSessionId(),
          user_id: user.id,
          purpose: 'sign_in',
          status: 'pending',
          provider: provider.id,
          provider_ref: null,
          code_hash: null,
          code_sent_at: null,
          code_expires_at: null,
          actor: null,
          created_at: now,
          expires_at: now + times.sessionMs,
          verified_at: null,
          phone_e164: user.phone_e164,
          attempts: 0,
        };
        await manager.query(
          `INSERT INTO verification_sessions (id, user_id, purpose, status, provider, created_at, expires_at)
           VALUES (?, ?, 'sign_in', 'pending', ?, ?, ?)`,
          [session.id, user.id, provider.id, now, session.expires_at],
        );
      }
      const sendsRemaining = policy.maxSendsWithoutSuccess - (user.sends_without_success + 1);
      return { kind: 'send', user, session, policy, sendsRemaining };
    }),
  );
  if (plan.kind === 'done') return plan.value;

  const { session, policy } = plan;
  const result = await provider.send({ to: plan.user.phone_e164 as string, code, sessionId: session.id });

  return settle(
    await deps.db.transaction(async (manager): Promise<SendCodeValue | Refusal> => {
      const now = deps.clock.now();
      const user = await userById(manager, plan.user.id);
      const times = policyTimes(policy);
      if (!result.ok) {
        // The user never got this code: it counts neither towards the send limit nor the 30-second
        // resend gap, so "Send code" can be tried again at once.
        await manager.query(
          'UPDATE users SET sends_without_success = MAX(0, sends_without_success - 1), last_send_at = ? WHERE id = ?',
          [plan.user.last_send_at, user.id],
        );
        await recordAttempt(manager, user.id, session.id, 'send', `failed:${result.failure.code}`, now);
        return recordProviderFailure(manager, user, policy, now, result.failure, {
          provider: provider.id,
          sessionId: session.id,
          cooldownOnRateLimit: true,
        });
      }
      await manager.query(
        `UPDATE verification_sessions SET code_hash = ?, provider = ?, provider_ref = ?, code_sent_at = ?, code_expires_at = ?
         WHERE id = ? AND status = 'pending'`,
        [codeHash, provider.id, result.ref, now, now + times.codeValidityMs, session.id],
      );
      await recordAttempt(manager, user.id, session.id, 'send', 'sent', now);
      await appendEvent(manager, {
        occurredAt: now,
        type: 'code_sent',
        ...eventUser(user),
        carrier: result.carrier ?? user.phone_carrier,
        provider: provider.id,
        sessionId: session.id,
        details: { purpose: 'sign_in', providerRef: result.ref },
      });
      return {
        outcome: 'code_sent',
        sessionId: session.id,
        maskedPhone: maskPhone(user.phone_e164) ?? '',
        codeExpiresAt: now + times.codeValidityMs,
        sessionExpiresAt: session.expires_at,
        resendAvailableAt: now + times.resendIntervalMs,
        sendsRemaining: Math.max(0, plan.sendsRemaining),
      };
    }),
  );
}

interface CheckSnapshot {
  user: UserRow;
  session: SessionRow;
}

/** A code past its validity: the attempt and a Code Expired event are recorded, the user told. */
async function codeExpired(
  manager: EntityManager,
  user: UserRow,
  session: SessionRow,
  now: number,
  details: Record<string, unknown>,
): Promise<Refusal> {
  await recordAttempt(manager, user.id, session.id, 'check', 'code_expired', now);
  const message = await logSessionEvent(manager, 'code_expired', user, session, now, details);
  return refusal('CODE_EXPIRED', message, details);
}

/** The gates a check passes, in the same order before and after the code is compared. */
async function checkGates(
  manager: EntityManager,
  email: string,
  sessionId: string | undefined,
  now: number,
): Promise<CheckSnapshot | Refusal> {
  const user = await requireUser(manager, email);
  const gate = userGate(user, now);
  if (gate) return gate;
  const session = await stepSession(manager, user, sessionId);
  if (session instanceof Refusal) return session;
  const ended = await sessionGate(manager, user, session, now);
  if (ended) return ended;
  if (session.code_sent_at === null)
    return refusal('NO_CODE_SENT', 'No code has been sent in this sign-in yet; send one first.');
  if (now >= (session.code_expires_at ?? 0)) {
    return codeExpired(manager, user, session, now, { codeExpiredAt: session.code_expires_at });
  }
  return { user, session };
}

/**
 * Checks an SMS code. The gates run in a transaction, the code is compared outside it
 * (scrypt or the provider), and the verdict is applied in a second transaction that runs the
 * gates again, so 20 checks at once end exactly like 20 in a row.
 */
export async function checkCode(
  deps: EngineDeps,
  input: { email: string; code: string; sessionId?: string } & DeviceOptions,
): Promise<SignedInValue> {
  const before = settle(
    await deps.db.transaction((m) => checkGates(m, input.email, input.sessionId, deps.clock.now())),
  );
  const code = normaliseCode(input.code);
  const provider = deps.providers.get(before.session.provider as never);
  let verdict: CheckResult;
  if (provider?.generatesCodes) {
    verdict = await provider.check({
      to: before.user.phone_e164 ?? '',
      code,
      ref: before.session.provider_ref,
      sessionId: before.session.id,
    });
  } else {
    verdict = { ok: true, status: (await verifySecret(code, before.session.code_hash)) ? 'approved' : 'rejected' };
  }

  return settle(
    await deps.db.transaction(async (manager): Promise<SignedInValue | Refusal> => {
      const now = deps.clock.now();
      const policy = await loadPolicy(manager);
      const current = await checkGates(manager, input.email, before.session.id, now);
      if (current instanceof Refusal) return current;
      const { user, session } = current;
      // A resend replaced the code while this one was being compared: an old code is a wrong code.
      const status =
        session.code_sent_at !== before.session.code_sent_at && verdict.ok
          ? 'rejected'
          : verdict.ok
            ? verdict.status
            : null;
      if (!verdict.ok) {
        await recordAttempt(manager, user.id, session.id, 'check', `failed:${verdict.failure.code}`, now);
        return recordProviderFailure(manager, user, policy, now, verdict.failure, {
          provider: session.provider,
          sessionId: session.id,
          cooldownOnRateLimit: true,
        });
      }
      if (status === 'expired') {
        // The provider says the code is no longer valid (Twilio 20404, or a finished verification):
        // logged like our own 3-minute expiry, so the helpdesk sees it the same way.
        return codeExpired(manager, user, session, now, { reportedBy: 'provider' });
      }
      if (status === 'approved') {
        await manager.query(
          `UPDATE verification_sessions SET status = 'verified', verified_at = ?, code_hash = NULL WHERE id = ? AND status = 'pending'`,
          [now, session.id],
        );
        if ((await changes(manager)) !== 1) return refusal('SESSION_ENDED', 'This sign-in is already complete.');
        await recordAttempt(manager, user.id, session.id, 'check', 'approved', now);
        return signedIn(manager, user, policy, now, 'sms_code', session.id, input);
      }
      await recordAttempt(manager, user.id, session.id, 'check', 'wrong_code', now);
      return recordFailedCheck(manager, user, policy, now, {
        sessionId: session.id,
        method: 'sms_code',
        code: 'WRONG_CODE',
        message: userMessage('wrong_code'),
      });
    }),
  );
}

/** "It's not my phone number": the session ends, the user is told to contact their administrator and flagged. */
export async function notMyNumber(
  deps: EngineDeps,
  input: { email: string; sessionId?: string },
): Promise<NotMyNumberValue> {
  return settle(
    await deps.db.transaction(async (manager): Promise<NotMyNumberValue | Refusal> => {
      const now = deps.clock.now();
      const user = await requireUser(manager, input.email);
      const session = await stepSession(manager, user, input.sessionId);
      if (session instanceof Refusal) return session;
      const ended = await sessionGate(manager, user, session, now);
      if (ended) return ended;
      await manager.query(
        `UPDATE verification_sessions SET status = 'not_my_number', code_hash = NULL WHERE id = ? AND status = 'pending'`,
        [session.id],
      );
      await manager.query('UPDATE users SET not_my_number_at = ?, updated_at = ? WHERE id = ?', [now, now, user.id]);
      const message = await logSessionEvent(manager, 'not_my_number', user, session, now);
      return { message, flaggedAt: now };
    }),
  );
}

export { sessionById };

import type { EntityManager } from 'typeorm';
import type {
  OperatorSignInStep,
  OperatorSignedIn,
  OperatorSignInMessages,
  OperatorSummary,
} from '../../../shared/contract/operators';
import type { CodeSentValue, SignedInValue } from '../../../shared/contract/verify';
import { maskPhone } from '../../../shared/mask';
import { appendEvent } from '../../events/append';
import { loadPolicy, policyTimes } from '../../settings/policy';
import { backupCodesView, generateBackupCodes, useBackupCode } from '../backup-codes';
import type { EngineDeps } from '../deps';
import { userGate } from '../gates';
import { refuse, settle } from '../outcome';
import { requirePhone } from '../enrolment';
import { checkCode, sendCode, signedIn } from '../sign-in';
import { revokeTrustedDevices, useTrustedDevice } from '../trusted-devices';
import { changes, findUser, userById, type UserRow } from '../../users/user-row';
import { hashPassword, requireStrongPassword, verifyPassword } from './passwords';
import { createOperatorSession, endSessionsOf, newToken, tokenId, type Transport } from './sessions';
import { refuseWrongPassword } from './wrong-password';

/** What a completed sign-in gives the transport to keep (never the renderer in the web shell). */
export interface IssuedCredentials {
  session: { token: string; expiresAt: number };
  device: { token: string; expiresAt: number } | null;
}

interface PendingRow {
  id: string;
  user_id: number;
  transport: Transport;
  created_at: number;
  expires_at: number;
  verification_session_id: string | null;
  completed_at: number | null;
  new_password_hash: string | null;
}

const WRONG = 'The email or password is wrong.';
export const isOperatorRole = (role: string) => role === 'administrator' || role === 'technician';

export function operatorSummary(user: UserRow): OperatorSummary {
  return { id: user.id, name: user.name, email: user.email, role: user.role as OperatorSummary['role'] };
}

/** Operators who can sign in: active administrators and technicians with a password. */
export async function countSignInOperators(manager: EntityManager): Promise<number> {
  const [row] = (await manager.query(
    `SELECT COUNT(*) AS n FROM users WHERE role IN ('administrator', 'technician') AND status = 'active'
       AND password_hash IS NOT NULL`,
  )) as { n: number }[];
  return Number(row.n);
}

/**
 * The first administrator, on a console no operator can sign in to yet (first start, or a database
 * from before operators signed in: an existing administrator's account may be claimed by its email).
 * They need a phone for the second factor; their recovery codes come at the first sign-in.
 */
export async function bootstrapAdministrator(
  deps: EngineDeps,
  input: { name: string; email: string; phone: string; country?: string; password: string },
): Promise<OperatorSummary> {
  requireStrongPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const phone = requirePhone(input.phone, input.country);
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    if ((await countSignInOperators(manager)) > 0) {
      refuse('SETUP_DONE', 'The console already has an operator who can sign in: sign in, or ask an administrator.');
    }
    let user = await findUser(manager, input.email);
    if (user && user.role !== 'administrator') {
      refuse(
        'EMAIL_TAKEN',
        `${input.email} is ${user.role === 'employee' ? 'an employee' : 'a technician'} here; use another email for the first administrator.`,
      );
    }
    if (user && (user.status !== 'active' || user.password_hash !== null)) {
      refuse(
        'EMAIL_TAKEN',
        `${input.email} is ${user.status !== 'active' ? 'a deactivated' : 'an existing'} administrator whose account setup cannot take over; use another email for the first administrator.`,
      );
    }
    if (user) {
      // An administrator from before operators signed in: claimed with a password and a phone; the
      // codes and devices they had are void, since whoever claims it may not be who had them.
      await manager.query(
        `UPDATE users SET name = ?, password_hash = ?, password_set_at = ?, password_must_change = 0,
           phone_e164 = ?, phone_country = ?, phone_type = ?, two_factor = 'enabled', updated_at = ? WHERE id = ?`,
        [input.name, passwordHash, now, phone.e164, phone.country, phone.type, now, user.id],
      );
      await manager.query('UPDATE backup_codes SET voided_at = ? WHERE user_id = ? AND voided_at IS NULL', [
        now,
        user.id,
      ]);
      await revokeTrustedDevices(manager, user.id, now);
      await endSessionsOf(manager, user.id, 'claimed_at_setup', now);
    } else {
      await manager.query(
        `INSERT INTO users (name, email, role, status, phone_e164, phone_country, phone_type, two_factor,
           password_hash, password_set_at, created_at, updated_at)
         VALUES (?, ?, 'administrator', 'active', ?, ?, ?, 'enabled', ?, ?, ?, ?)`,
        [input.name, input.email, phone.e164, phone.country, phone.type, passwordHash, now, now, now],
      );
    }
    const claimed = user !== null;
    user = (await findUser(manager, input.email)) as UserRow;
    await appendEvent(manager, {
      occurredAt: now,
      type: claimed ? 'user_changed' : 'user_added',
      userId: user.id,
      userName: user.name,
      userEmail: user.email,
      userRole: user.role,
      phone: user.phone_e164,
      country: user.phone_country,
      actor: user.email,
      reason: claimed
        ? 'An existing administrator claimed at setup (password and phone set; old codes and devices void)'
        : 'First administrator of the console (setup)',
      details: { setup: true, claimedExisting: claimed },
    });
    return operatorSummary(user);
  });
}

async function pendingSignIn(
  manager: EntityManager,
  token: string,
  now: number,
): Promise<{ row: PendingRow; user: UserRow }> {
  const [row] = (await manager.query('SELECT * FROM operator_sign_ins WHERE id = ?', [tokenId(token)])) as PendingRow[];
  if (!row || row.completed_at !== null)
    refuse('SIGN_IN_REQUIRED', 'This sign-in is over: start again with your email and password.');
  if (now >= row.expires_at) {
    refuse('SESSION_EXPIRED', 'Your session has expired. Please sign in again to continue.');
  }
  return { row, user: await userById(manager, row.user_id) };
}

/**
 * Step 1: email and password. An account the rules keep out (locked, cooling down, deactivated) is
 * refused with the documents' messages before its password is tried, so guessing gains nothing
 * while it lasts. A wrong password counts like a wrong code, with the same answer whether or not
 * the email exists. A temporary password's replacement is kept with the sign-in and takes effect
 * only once the second factor passes. Operators always pass a second factor (an SMS code, a
 * backup code, or a device remembered at a console sign-in), whatever their own 2FA setting.
 */
export async function startOperatorSignIn(
  deps: EngineDeps,
  input: { email: string; password: string; newPassword?: string; deviceToken?: string | null; transport: Transport },
): Promise<{ step: OperatorSignInStep; issued: IssuedCredentials | null }> {
  const candidate = await deps.db.read((manager) => findUser(manager, input.email));
  const operator = candidate && isOperatorRole(candidate.role) && candidate.password_hash ? candidate : null;
  const gate = operator ? userGate(operator, deps.clock.now()) : null;
  const valid = await verifyPassword(input.password, gate ? null : (operator?.password_hash ?? null));
  if (gate) throw gate.error;
  if (!valid) {
    if (operator) await refuseWrongPassword(deps, operator.id, WRONG);
    refuse('WRONG_PASSWORD', WRONG);
  }
  const user = operator as UserRow;
  const newHash = user.password_must_change
    ? input.newPassword
      ? (requireStrongPassword(input.newPassword, user.email, 'newPassword'), await hashPassword(input.newPassword))
      : refuse('PASSWORD_CHANGE_REQUIRED', 'Your password was given by an administrator: choose your own to go on.')
    : null;
  if (newHash && input.newPassword === input.password) {
    refuse('WEAK_PASSWORD', 'newPassword: choose a password other than the one you were given.');
  }
  return deps.db.transaction(async (manager) => {
    const now = deps.clock.now();
    const fresh = await userById(manager, user.id);
    const gate = userGate(fresh, now);
    if (gate) throw gate.error;
    const policy = await loadPolicy(manager);
    const remembered =
      !newHash && input.deviceToken ? await useTrustedDevice(manager, user.id, input.deviceToken, now) : false;
    if (remembered) {
      await signedIn(manager, fresh, policy, now, 'trusted_device', null, {}, { console: true });
      const session = await createOperatorSession(manager, fresh, input.transport, 'trusted_device', now);
      return {
        step: {
          outcome: 'signed_in',
          operator: operatorSummary(fresh),
          expiresAt: session.expiresAt,
          recoveryCodes: null,
        },
        issued: { session, device: null },
      };
    }
    const token = newToken();
    await manager.query(
      `INSERT INTO operator_sign_ins (id, user_id, transport, created_at, expires_at, new_password_hash)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [tokenId(token), user.id, input.transport, now, now + policyTimes(policy).sessionMs, newHash],
    );
    const codes = await backupCodesView(manager, user.id);
    return {
      step: {
        outcome: 'second_factor',
        pendingToken: token,
        operator: operatorSummary(fresh),
        sms: fresh.phone_e164 && fresh.not_my_number_at === null ? maskPhone(fresh.phone_e164) : null,
        backupCodesRemaining: codes.remaining,
      },
      issued: null,
    };
  });
}

/** Step 2a: the code to the operator's registered phone, through the console's own engine. */
export async function sendOperatorSignInCode(
  deps: EngineDeps,
  input: { pendingToken: string },
): Promise<CodeSentValue> {
  const { user } = await deps.db.read((manager) => pendingSignIn(manager, input.pendingToken, deps.clock.now()));
  const sent = await sendCode(deps, { email: user.email });
  if (sent.outcome !== 'code_sent') {
    refuse('SESSION_ENDED', 'Start the sign-in again.');
  }
  await deps.db.transaction((manager) =>
    manager.query('UPDATE operator_sign_ins SET verification_session_id = ? WHERE id = ?', [
      sent.sessionId,
      tokenId(input.pendingToken),
    ]),
  );
  return sent;
}

/**
 * With the simulated provider (offline, demos), the sign-in screen shows what the operator's
 * simulated phone received since this sign-in started, so the code can be read. With Twilio the code
 * goes to the real phone and nothing is shown.
 */
export async function operatorSignInMessages(
  deps: EngineDeps,
  input: { pendingToken: string },
): Promise<OperatorSignInMessages> {
  const provider = await deps.providers.active();
  return deps.db.read(async (manager) => {
    const { row, user } = await pendingSignIn(manager, input.pendingToken, deps.clock.now());
    if (provider.id !== 'simulated' || !user.phone_e164) return { simulated: false, messages: [] };
    const rows = (await manager.query(
      `SELECT body, sent_at FROM simulated_outbox WHERE phone = ? AND sent_at >= ? ORDER BY id DESC LIMIT 3`,
      [user.phone_e164, row.created_at],
    )) as { body: string; sent_at: number }[];
    return {
      simulated: true,
      messages: rows.map((r) => ({ body: r.body, sentAt: r.sent_at, phone: maskPhone(user.phone_e164) ?? '' })),
    };
  });
}

/**
 * Step 2b: the code (or a backup code) completes the sign-in and opens the session. An
 * administrator's first sign-in also makes their recovery codes, shown this once, in order.
 */
export async function finishOperatorSignIn(
  deps: EngineDeps,
  input: { pendingToken: string; code?: string; backupCode?: string; rememberDevice?: boolean; deviceLabel?: string },
): Promise<{ step: OperatorSignedIn; issued: IssuedCredentials }> {
  const { row, user } = await deps.db.read((manager) => pendingSignIn(manager, input.pendingToken, deps.clock.now()));
  const device = { rememberDevice: input.rememberDevice, deviceLabel: input.deviceLabel ?? 'Console sign-in' };
  let verified: SignedInValue;
  if (input.backupCode) {
    verified = await useBackupCode(deps, { email: user.email, code: input.backupCode, ...device });
  } else if (input.code) {
    if (!row.verification_session_id)
      refuse('NO_CODE_SENT', 'No code has been sent in this sign-in yet; send one first.');
    verified = await checkCode(deps, {
      email: user.email,
      code: input.code,
      sessionId: row.verification_session_id,
      ...device,
    });
  } else {
    refuse('INVALID_INPUT' as never, 'code: enter the code from the SMS, or one of your backup codes.');
  }
  const first =
    user.role === 'administrator' &&
    (await deps.db.read(async (m) => (await backupCodesView(m, user.id)).total === 0)) &&
    verified.sessionId !== null;
  const recoveryCodes = first
    ? (await generateBackupCodes(deps, { email: user.email, sessionId: verified.sessionId as string })).codes
    : null;
  return settle(
    await deps.db.transaction(async (manager) => {
      const now = deps.clock.now();
      await manager.query('UPDATE operator_sign_ins SET completed_at = ? WHERE id = ? AND completed_at IS NULL', [
        now,
        row.id,
      ]);
      if ((await changes(manager)) === 0) {
        refuse('SIGN_IN_REQUIRED', 'This sign-in is over: start again with your email and password.');
      }
      if (row.new_password_hash) {
        await manager.query(
          'UPDATE users SET password_hash = ?, password_set_at = ?, password_must_change = 0, updated_at = ? WHERE id = ?',
          [row.new_password_hash, now, now, user.id],
        );
      }
      const fresh = await userById(manager, user.id);
      const session = await createOperatorSession(manager, fresh, row.transport, verified.method, now);
      return {
        step: {
          outcome: 'signed_in' as const,
          operator: operatorSummary(fresh),
          expiresAt: session.expiresAt,
          recoveryCodes,
        },
        issued: {
          session,
          device:
            verified.deviceToken && verified.deviceExpiresAt
              ? { token: verified.deviceToken, expiresAt: verified.deviceExpiresAt }
              : null,
        },
      };
    }),
  );
}

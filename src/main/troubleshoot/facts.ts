import type { TroubleshootFacts } from '../../shared/contract/troubleshoot';
import { maskPhone } from '../../shared/mask';
import { DomainError } from '../core/domain-error';
import type { Database } from '../db/database';
import { savedFirmPolicy } from '../engine/firm-policy';
import { likelyCausesForUser } from '../incidents/likely-cause';
import { lockCause } from '../users/lock-cause';
import { ERROR_EVENT_IDS } from '../../shared/events';

const DAY = 24 * 3600 * 1000;
const IN_ERRORS = ERROR_EVENT_IDS.map(() => '?').join(', ');

interface UserRow {
  id: number;
  name: string;
  email: string;
  role: string;
  status: string;
  phone_e164: string | null;
  phone_country: string | null;
  phone_type: string | null;
  phone_carrier: string | null;
  two_factor: string;
  two_factor_disabled_until: number | null;
  locked_at: number | null;
  lock_reason: string | null;
  cooldown_until: number | null;
  not_my_number_at: number | null;
  last_sign_in_at: number | null;
  phone_looked_up_at: number | null;
}

/**
 * Gathers, in read-only SQL, the answers the data already holds to the support
 * questions of the 2FA FAQ, so the helpdesk asks the caller only what it cannot know.
 */
export async function troubleshootFacts(db: Database, email: string, now: number): Promise<TroubleshootFacts> {
  return db.read(async (m) => {
    const [user] = (await m.query('SELECT * FROM users WHERE email = ?', [email])) as UserRow[];
    if (!user) throw new DomainError('NOT_FOUND', `No user has the email ${email}.`);
    const since30 = now - 30 * DAY;
    const since7 = now - 7 * DAY;
    const since1 = now - DAY;

    const recentErrors = (await m.query(
      `SELECT type, COUNT(*) AS count, MAX(occurred_at) AS last FROM events
       WHERE user_id = ? AND occurred_at >= ? AND type IN (${IN_ERRORS}) GROUP BY type ORDER BY count DESC`,
      [user.id, since30, ...ERROR_EVENT_IDS],
    )) as { type: string; count: number; last: number }[];
    const [span] = (await m.query(
      `SELECT MIN(occurred_at) AS first, MAX(occurred_at) AS last FROM events
       WHERE user_id = ? AND occurred_at >= ? AND type IN (${IN_ERRORS})`,
      [user.id, since30, ...ERROR_EVENT_IDS],
    )) as { first: number | null; last: number | null }[];
    const hours = (await m.query(
      `SELECT DISTINCT CAST((occurred_at / 3600000) % 24 AS INTEGER) AS hour FROM events
       WHERE user_id = ? AND occurred_at >= ? AND type IN (${IN_ERRORS}) ORDER BY hour`,
      [user.id, since30, ...ERROR_EVENT_IDS],
    )) as { hour: number }[];
    const carrierCodes = (await m.query(
      `SELECT provider_code AS code, COUNT(*) AS count FROM events
       WHERE user_id = ? AND occurred_at >= ? AND type IN ('sms_failure', 'mfa_provider_failure')
         AND provider_code IS NOT NULL GROUP BY provider_code ORDER BY count DESC`,
      [user.id, since30],
    )) as { code: string; count: number }[];
    const [week] = (await m.query(
      `SELECT SUM(type = 'code_sent') AS sent, SUM(type IN ('sign_in_succeeded', 'backup_code_used')) AS ok
       FROM events WHERE user_id = ? AND occurred_at >= ?`,
      [user.id, since7],
    )) as { sent: number | null; ok: number | null }[];
    const [success] = (await m.query(
      `SELECT MAX(occurred_at) AS at FROM events WHERE user_id = ? AND type = 'sign_in_succeeded'`,
      [user.id],
    )) as { at: number | null }[];
    const [phoneChange] = (await m.query(
      `SELECT MAX(occurred_at) AS at FROM events WHERE user_id = ? AND type = 'phone_changed'`,
      [user.id],
    )) as { at: number | null }[];

    let sameCarrierAffectedUsers = 0;
    let sameCarrierUsers = 0;
    if (user.phone_carrier) {
      const [affected] = (await m.query(
        `SELECT COUNT(DISTINCT user_id) AS n FROM events
         WHERE carrier = ? AND type = 'sms_failure' AND occurred_at >= ? AND user_id != ?`,
        [user.phone_carrier, since7, user.id],
      )) as { n: number }[];
      const [all] = (await m.query('SELECT COUNT(*) AS n FROM users WHERE phone_carrier = ?', [
        user.phone_carrier,
      ])) as { n: number }[];
      sameCarrierAffectedUsers = Number(affected.n);
      sameCarrierUsers = Number(all.n);
    }
    const [day] = (await m.query(
      `SELECT COUNT(DISTINCT user_id) AS users, COUNT(DISTINCT carrier) AS carriers,
              SUM(type = 'mfa_provider_failure') AS provider
       FROM events WHERE occurred_at >= ? AND type IN ('sms_failure', 'mfa_provider_failure')`,
      [since1],
    )) as { users: number; carriers: number; provider: number | null }[];
    const firm = await savedFirmPolicy(m);
    const [codes] = (await m.query(
      'SELECT COUNT(*) AS n FROM backup_codes WHERE user_id = ? AND voided_at IS NULL AND used_at IS NULL',
      [user.id],
    )) as { n: number }[];
    const [admins] = (await m.query(
      `SELECT COUNT(*) AS n FROM users WHERE role = 'administrator' AND status = 'active' AND id != ?`,
      [user.id],
    )) as { n: number }[];

    return {
      asOf: now,
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        status: user.status,
        maskedPhone: maskPhone(user.phone_e164),
        country: user.phone_country,
        phoneType: user.phone_type,
        carrier: user.phone_carrier,
        twoFactor: user.two_factor,
        twoFactorDisabledUntil: user.two_factor_disabled_until,
        lockedAt: user.locked_at,
        lock: await lockCause(m, user),
        cooldownUntil: user.cooldown_until,
        notMyNumberAt: user.not_my_number_at,
        lastSignInAt: user.last_sign_in_at,
        phoneLookedUpAt: user.phone_looked_up_at,
      },
      recentErrors: recentErrors.map((r) => ({ type: r.type, count: Number(r.count), last: Number(r.last) })),
      firstRecentError: span.first,
      lastError: span.last,
      errorHours: hours.map((h) => Number(h.hour)),
      carrierCodes: carrierCodes.map((c) => ({ code: String(c.code), count: Number(c.count) })),
      codesSent7d: Number(week.sent ?? 0),
      successes7d: Number(week.ok ?? 0),
      everSucceeded: success.at !== null,
      lastSuccessAt: success.at,
      phoneChangedAt: phoneChange.at,
      sameCarrierAffectedUsers,
      sameCarrierUsers,
      affectedUsers24h: Number(day.users),
      affectedCarriers24h: Number(day.carriers),
      providerFailures24h: Number(day.provider ?? 0),
      firmWideTwoFactor: firm ? firm.enabled : null,
      backupCodesRemaining: Number(codes.n),
      otherActiveAdministrators: Number(admins.n),
      workspace: null,
      likelyCause: await likelyCausesForUser(m, user.email, now),
    };
  });
}

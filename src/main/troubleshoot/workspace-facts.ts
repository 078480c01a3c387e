import type { TroubleshootFacts, WorkspaceCallerFacts } from '../../shared/contract/troubleshoot';
import { ERROR_EVENT_IDS } from '../../shared/events';
import { maskPhone } from '../../shared/mask';
import { DomainError } from '../core/domain-error';
import type { Database } from '../db/database';

const DAY = 24 * 3600 * 1000;
const IN_ERRORS = ERROR_EVENT_IDS.map(() => '?').join(', ');

/** What only the live database knows (its users table, backup codes, operators): said, not guessed. */
export const LIVE_ONLY_FACTS = [
  'whether the account is locked or in cooldown now',
  'its 2FA setting and enrolled phone',
  'the line type from Twilio Lookup',
  'its role and status',
  'unused backup codes',
  'the other administrators',
  'the firm-wide 2FA setting',
] as const;

export interface WorkspaceCaller {
  email?: string;
  phone?: string;
}

/**
 * The troubleshooting facts of a caller in an investigation workspace: found by email (or phone)
 * among the imported events, which carry no user id; every window ends at the caller's newest
 * imported event, and what only the live database knows is listed as not available.
 */
export async function workspaceTroubleshootFacts(
  db: Database,
  workspace: string,
  caller: WorkspaceCaller,
): Promise<TroubleshootFacts> {
  return db.read(async (m) => {
    const byEmail = caller.email !== undefined;
    const who = byEmail ? 'lower(user_email) = lower(?)' : 'phone = ?';
    const key = (byEmail ? caller.email : caller.phone) as string;
    const [person] = (await m.query(
      `SELECT COUNT(*) AS n, MAX(user_name) AS name, MAX(user_email) AS email, MAX(occurred_at) AS last
       FROM events WHERE ${who}`,
      [key],
    )) as { n: number; name: string | null; email: string | null; last: number | null }[];
    if (!Number(person.n)) {
      throw new DomainError(
        'NOT_FOUND',
        `${byEmail ? 'email' : 'phone'}: no imported event of the workspace ${workspace} names ${key}.`,
        { workspace },
      );
    }
    // The caller's own newest imported event is "now": a workspace may hold months of several
    // vendors' files, and the windows are about this caller's trouble.
    const now = Number(person.last);
    // The newest phone, carrier and country the events give for this caller.
    const [line] = (await m.query(
      `SELECT phone, carrier, country FROM events WHERE ${who} AND (phone IS NOT NULL OR carrier IS NOT NULL)
       ORDER BY occurred_at DESC LIMIT 1`,
      [key],
    )) as { phone: string | null; carrier: string | null; country: string | null }[];
    const since30 = now - 30 * DAY;
    const since7 = now - 7 * DAY;
    const since1 = now - DAY;
    const errors = (await m.query(
      `SELECT type, COUNT(*) AS count, MIN(occurred_at) AS first, MAX(occurred_at) AS last FROM events
       WHERE ${who} AND occurred_at >= ? AND type IN (${IN_ERRORS}) GROUP BY type ORDER BY count DESC`,
      [key, since30, ...ERROR_EVENT_IDS],
    )) as { type: string; count: number; first: number; last: number }[];
    const hours = (await m.query(
      `SELECT DISTINCT CAST((occurred_at / 3600000) % 24 AS INTEGER) AS hour FROM events
       WHERE ${who} AND occurred_at >= ? AND type IN (${IN_ERRORS}) ORDER BY hour`,
      [key, since30, ...ERROR_EVENT_IDS],
    )) as { hour: number }[];
    const codes = (await m.query(
      `SELECT provider_code AS code, COUNT(*) AS count FROM events
       WHERE ${who} AND occurred_at >= ? AND type IN ('sms_failure', 'mfa_provider_failure')
         AND provider_code IS NOT NULL GROUP BY provider_code ORDER BY count DESC`,
      [key, since30],
    )) as { code: string; count: number }[];
    const [week] = (await m.query(
      `SELECT SUM(type IN ('code_sent', 'sms_delivered', 'sms_failure')) AS sent,
         SUM(type IN ('sign_in_succeeded', 'backup_code_used')) AS ok
       FROM events WHERE ${who} AND occurred_at >= ?`,
      [key, since7],
    )) as { sent: number | null; ok: number | null }[];
    const [seen] = (await m.query(
      `SELECT SUM(type = 'account_lock') AS locks, MAX(CASE WHEN type = 'account_lock' THEN occurred_at END) AS lastLock,
         SUM(type = 'cooldown_activated') AS cooldowns,
         MAX(CASE WHEN type = 'cooldown_activated' THEN occurred_at END) AS lastCooldown,
         SUM(type IN ('sms_failure', 'mfa_provider_failure')) AS failed,
         MAX(CASE WHEN type = 'sign_in_succeeded' THEN occurred_at END) AS lastSuccess,
         MAX(CASE WHEN type = 'not_my_number' THEN occurred_at END) AS notMine,
         MAX(CASE WHEN type = 'phone_changed' THEN occurred_at END) AS phoneChanged,
         MIN(occurred_at) AS first, MAX(occurred_at) AS last, COUNT(*) AS events
       FROM events WHERE ${who}`,
      [key],
    )) as Record<string, number | null>[];
    let sameCarrierAffectedUsers = 0;
    let sameCarrierUsers = 0;
    if (line?.carrier) {
      const [carrier] = (await m.query(
        `SELECT COUNT(DISTINCT CASE WHEN type = 'sms_failure' AND occurred_at >= ? THEN COALESCE(lower(user_email), phone) END) AS affected,
           COUNT(DISTINCT COALESCE(lower(user_email), phone)) AS everyone
         FROM events WHERE carrier = ? AND NOT (${who})`,
        [since7, line.carrier, key],
      )) as { affected: number; everyone: number }[];
      sameCarrierAffectedUsers = Number(carrier.affected);
      sameCarrierUsers = Number(carrier.everyone);
    }
    const [day] = (await m.query(
      `SELECT COUNT(DISTINCT COALESCE(lower(user_email), phone)) AS users, COUNT(DISTINCT carrier) AS carriers,
         SUM(type = 'mfa_provider_failure') AS provider
       FROM events WHERE occurred_at >= ? AND type IN ('sms_failure', 'mfa_provider_failure')`,
      [since1],
    )) as { users: number; carriers: number; provider: number | null }[];
    const num = (v: number | null | undefined) => (v == null ? null : Number(v));
    const found: WorkspaceCallerFacts = {
      name: workspace,
      foundBy: byEmail ? 'email' : 'phone',
      events: Number(seen.events),
      firstEventAt: Number(seen.first),
      lastEventAt: Number(seen.last),
      failedDeliveries: Number(seen.failed ?? 0),
      locksSeen: Number(seen.locks ?? 0),
      lastLockSeenAt: num(seen.lastLock),
      cooldownsSeen: Number(seen.cooldowns ?? 0),
      lastCooldownSeenAt: num(seen.lastCooldown),
      liveOnly: [...LIVE_ONLY_FACTS],
    };
    return {
      asOf: now,
      user: {
        id: 0,
        name: person.name ?? person.email ?? key,
        email: person.email ?? key,
        role: 'not known in a workspace',
        status: 'not known in a workspace',
        maskedPhone: maskPhone(line?.phone ?? (byEmail ? null : key)),
        country: line?.country ?? null,
        phoneType: null,
        carrier: line?.carrier ?? null,
        twoFactor: 'not known in a workspace',
        twoFactorDisabledUntil: null,
        lockedAt: null,
        lock: null,
        cooldownUntil: null,
        notMyNumberAt: num(seen.notMine),
        lastSignInAt: num(seen.lastSuccess),
        phoneLookedUpAt: null,
      },
      recentErrors: errors.map((r) => ({ type: r.type, count: Number(r.count), last: Number(r.last) })),
      firstRecentError: errors.length ? Math.min(...errors.map((r) => Number(r.first))) : null,
      lastError: errors.length ? Math.max(...errors.map((r) => Number(r.last))) : null,
      errorHours: hours.map((h) => Number(h.hour)),
      carrierCodes: codes.map((c) => ({ code: String(c.code), count: Number(c.count) })),
      codesSent7d: Number(week.sent ?? 0),
      successes7d: Number(week.ok ?? 0),
      everSucceeded: seen.lastSuccess != null,
      lastSuccessAt: num(seen.lastSuccess),
      phoneChangedAt: num(seen.phoneChanged),
      sameCarrierAffectedUsers,
      sameCarrierUsers,
      affectedUsers24h: Number(day.users),
      affectedCarriers24h: Number(day.carriers),
      providerFailures24h: Number(day.provider ?? 0),
      firmWideTwoFactor: null,
      backupCodesRemaining: 0,
      otherActiveAdministrators: 0,
      workspace: found,
    };
  });
}

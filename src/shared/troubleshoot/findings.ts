import type { TroubleshootFacts } from '../contract/troubleshoot';
import type { AdminAction } from '../contract/users';
import { eventType, type EventTypeId } from '../events';
import { utcText } from '../time-text';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'success';

/** One thing the data says about why a caller cannot sign in, and what to do about it. */
export interface Finding {
  id: string;
  severity: FindingSeverity;
  title: string;
  detail: string;
  action: string;
  /** The action on the user's page that does what `action` recommends, when the console can do it. */
  adminAction?: AdminAction;
  /** The events behind the finding, to open in the error log for this user. */
  logTypes?: EventTypeId[];
  /** The incident the finding is about (its page has the users it hit and a bulk reset). */
  incidentId?: number;
}

const LOCK_MESSAGE = 'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.';

/** Why the account is locked, as the data records it: who, when, what reason. */
function lockDetail(facts: TroubleshootFacts): string {
  const { user } = facts;
  const lock = user.lock;
  const since = when(user.lockedAt as number);
  const stays = 'It stays locked until someone at the helpdesk unlocks it.';
  if (lock?.cause === 'operator') {
    return (
      `Locked by ${lock.actor ?? 'an operator'} at ${since}, reason: "${lock.reason ?? 'none recorded'}". ${stays} ` +
      `The user sees the documents' lock message all the same: "${LOCK_MESSAGE}" Tell them an operator locked the account.`
    );
  }
  if (lock?.cause === 'failures') {
    return `Locked at ${since} after ${lock.reason ?? 'repeated failed verification attempts'}. ${stays} The user sees: "${LOCK_MESSAGE}"`;
  }
  return `Locked since ${since}; reason recorded: ${lock?.reason ?? 'none'} (who locked it is not recorded). ${stays} The user sees: "${LOCK_MESSAGE}"`;
}

const NON_MOBILE = new Set([
  'landline',
  'fixed_line',
  'fixedVoip',
  'nonFixedVoip',
  'voip',
  'toll_free',
  'tollFree',
  'premium',
  'shared_cost',
  'sharedCost',
  'uan',
  'voicemail',
  'pager',
]);
const isVoip = (type: string) => /voip/i.test(type);

const when = utcText;

function minutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/**
 * Reads the facts the way the 2FA FAQ's troubleshooting steps do, most blocking first.
 * Pure, so the renderer and the command line draw the same conclusions.
 */
export function findings(facts: TroubleshootFacts): Finding[] {
  const out: Finding[] = [];
  const { user } = facts;
  const codes = new Map(facts.carrierCodes.map((c) => [c.code, c.count]));
  if (facts.workspace) out.push(...seenInWorkspace(facts.workspace));

  if (user.status === 'deactivated') {
    out.push({
      id: 'deactivated',
      severity: 'error',
      title: 'The user is deactivated',
      detail: 'A deactivated user cannot sign in at all; reactivating keeps their 2FA settings and trusted devices.',
      action: 'Reactivate the user if they should have access.',
      adminAction: 'reactivate',
    });
  }
  if (user.lockedAt !== null) {
    out.push({
      id: 'locked',
      severity: 'error',
      title: 'The account is locked',
      detail: lockDetail(facts),
      action: 'Verify the caller, then unlock the account on the Users page.',
      adminAction: 'unlock',
      logTypes: ['account_lock', 'admin_lock', 'wrong_code'],
    });
  }
  if (user.cooldownUntil !== null && user.cooldownUntil > facts.asOf) {
    out.push({
      id: 'cooldown',
      severity: 'warning',
      title: 'The user is in cooldown',
      detail: `Too many failed verification attempts: sends and checks are refused for ${minutes(user.cooldownUntil - facts.asOf)} more minute(s), until ${when(user.cooldownUntil)}.`,
      action: 'Wait for it to clear, or verify the caller and reset the cooldown so they can try now.',
      adminAction: 'reset-cooldown',
      logTypes: ['cooldown_activated', 'wrong_code'],
    });
  }
  const caused = facts.likelyCause;
  const latest = caused?.current ? null : caused?.events[0];
  const cause = caused?.current ?? latest?.cause;
  if (cause) {
    const blocked = user.lockedAt !== null ? 'lock' : 'cooldown';
    const what = caused?.current
      ? `The ${blocked}`
      : `The ${(eventType(latest?.type ?? '')?.label ?? latest?.type ?? 'error').toLowerCase()} at ${when(latest?.at ?? 0)}`;
    const state =
      cause.endedAt === null
        ? `ongoing since ${when(cause.startedAt)}`
        : `from ${when(cause.startedAt)} to ${when(cause.endedAt)}`;
    out.push({
      id: 'incident-cause',
      severity: 'warning',
      title: `Likely caused by ${cause.label}`,
      detail:
        `${what} followed failed deliveries to this user inside the incident ${cause.label} (${state}, ` +
        `${cause.affectedUsers} user${cause.affectedUsers === 1 ? '' : 's'} affected): the caller is one of many, not a one-off.`,
      action:
        cause.endedAt === null
          ? 'Tell the caller it is a known delivery problem: a new code will likely fail too while it lasts. Offer a backup code or temporary access; reset once it is over (the incident page resets all its users at once).'
          : `The incident is over: verify the caller and ${caused?.current ? (blocked === 'lock' ? 'unlock the account' : 'reset the cooldown') : 'send a new code'}; the incident page does it for all its users at once.`,
      adminAction: caused?.current ? (blocked === 'lock' ? 'unlock' : 'reset-cooldown') : undefined,
      logTypes: ['sms_failure', 'mfa_provider_failure', 'account_lock', 'cooldown_activated', 'wrong_code'],
      incidentId: cause.incidentId,
    });
  }
  if (user.notMyNumberAt !== null) {
    out.push({
      id: 'not-my-number',
      severity: 'warning',
      title: 'The user said "It\'s not my phone number"',
      detail: `On ${when(user.notMyNumberAt)} the user said the number shown at sign-in is not theirs.`,
      action: 'Confirm who the caller is by other means, then change the phone number.',
      adminAction: 'set-phone',
      logTypes: ['not_my_number'],
    });
  }
  if (user.twoFactor === 'disabled_permanently') {
    out.push({
      id: '2fa-off',
      severity: 'info',
      title: '2FA is permanently disabled for this user',
      detail: 'An administrator disabled 2FA for this account; the user signs in without a code.',
      action: 'The user can re-enable 2FA from their account settings, or an administrator can.',
      adminAction: 'enable-2fa',
    });
  } else if (user.twoFactor === 'disabled_until' && user.twoFactorDisabledUntil !== null) {
    out.push({
      id: '2fa-paused',
      severity: 'info',
      title: '2FA is temporarily disabled',
      detail: `2FA is off until ${when(user.twoFactorDisabledUntil)}.`,
      action: 'No code is needed until then.',
    });
  } else if (!facts.workspace && (user.twoFactor === 'not_enrolled' || !user.maskedPhone)) {
    out.push({
      id: 'not-enrolled',
      severity: 'warning',
      title: 'The user has no 2FA phone number',
      detail: 'Without an enrolled mobile number no verification code can be sent.',
      action: 'Enrol a mobile number in E.164 format (country code, no leading 0).',
      adminAction: 'set-phone',
    });
  }
  if (user.phoneType && NON_MOBILE.has(user.phoneType)) {
    out.push({
      id: 'non-mobile',
      severity: 'error',
      title: isVoip(user.phoneType) ? 'The number is a VoIP number' : 'The number is not a mobile number',
      detail: `Line type: ${user.phoneType}. Our text message provider can only send to valid mobile numbers; VoIP numbers may not receive verification codes.`,
      action: 'Ask for a mobile number and change it on the Users page.',
      adminAction: 'set-phone',
    });
  }
  if (codes.has('30007') || facts.sameCarrierAffectedUsers >= 3) {
    out.push({
      id: 'carrier-filtering',
      severity: 'warning',
      title: 'The carrier may be blocking the codes as spam',
      detail:
        `${codes.get('30007') ?? 0} message(s) to this user were filtered by the carrier (30007); ` +
        `${facts.sameCarrierAffectedUsers} other user(s) on ${user.carrier ?? 'the same carrier'} had SMS failures in the last 7 days.`,
      action: `The user asks ${user.carrier ?? 'their carrier'} to accept all messages (search "${user.carrier ?? '<provider>'} blocking sms"); if several users are affected, escalate with the message times.`,
      logTypes: ['sms_failure'],
    });
  }
  if (codes.has('30003')) {
    out.push({
      id: 'unreachable',
      severity: 'warning',
      title: 'The handset was unreachable',
      detail: `${codes.get('30003')} message(s) could not reach the phone (30003): switched off or no signal.`,
      action: 'The user checks the phone is on with signal (ask a friend to text them), then retries.',
      logTypes: ['sms_failure'],
    });
  }
  if (codes.has('30005') || codes.has('21211') || codes.has('21614')) {
    out.push({
      id: 'bad-number',
      severity: 'error',
      title: 'The provider says the number does not exist or is not a mobile',
      detail: 'Unknown handset (30005), invalid number (21211) or not a mobile (21614).',
      action: 'Confirm the number with the user and correct it to E.164.',
      adminAction: 'set-phone',
      logTypes: ['sms_failure'],
    });
  }
  if (codes.has('21610')) {
    out.push({
      id: 'opted-out',
      severity: 'error',
      title: 'The user replied STOP',
      detail: 'The carrier blocks our messages because the recipient opted out (21610).',
      action: 'The user texts START to the sender number, then retries.',
      logTypes: ['sms_failure'],
    });
  }
  if (facts.recentErrors.some((e) => e.type === 'mfa_provider_failure')) {
    out.push({
      id: 'provider-failure',
      severity: 'warning',
      title: 'The SMS provider failed for this user',
      detail: `MFA Provider Failure in the last 30 days; ${facts.providerFailures24h} provider failure(s) across all users in the last 24 hours.`,
      action: 'Retry later and check the provider status; escalate if it persists.',
      logTypes: ['mfa_provider_failure'],
    });
  }
  if (!facts.everSucceeded && user.twoFactor === 'enabled') {
    out.push({
      id: 'never-succeeded',
      severity: 'warning',
      title: 'The user has never completed a 2FA sign-in',
      detail: 'No successful verification is recorded since 2FA was enabled: the number itself may be wrong.',
      action: 'Check the number: country code, no leading 0 after it (+4407111222333 must be +447111222333).',
      adminAction: 'set-phone',
    });
  }
  if (facts.codesSent7d >= 3 && facts.successes7d === 0) {
    out.push({
      id: 'no-delivery',
      severity: 'warning',
      title: 'Codes are sent but never used',
      detail: `${facts.codesSent7d} code(s) sent in the last 7 days without a successful sign-in: delivery is failing or delayed past the 3-minute validity.`,
      action: 'Suggest backup codes while the delivery problem is investigated.',
      logTypes: ['code_sent', 'sms_failure', 'code_expired', 'session_expired'],
    });
  }
  if (facts.phoneChangedAt !== null && facts.asOf - facts.phoneChangedAt < 30 * 24 * 3600 * 1000) {
    out.push({
      id: 'phone-changed',
      severity: 'info',
      title: 'The phone number changed recently',
      detail: `Changed on ${when(facts.phoneChangedAt)}.`,
      action: 'Confirm the new number is the one the user now carries.',
    });
  }
  // The FAQ's path for an administrator who cannot sign in (and so cannot help the others).
  if (user.role === 'administrator' && out.some((f) => f.severity === 'error' || f.severity === 'warning')) {
    const others = facts.otherActiveAdministrators;
    out.push({
      id: 'administrator-recovery',
      severity: 'info',
      title: 'An administrator who cannot sign in',
      detail:
        `1. Backup codes: ${facts.backupCodesRemaining > 0 ? `${facts.backupCodesRemaining} unused; the administrator can sign in with one` : 'none unused'}. ` +
        `2. Another administrator who can still sign in can disable their 2FA: ${others === 0 ? 'there is none' : `${others} other active administrator${others === 1 ? '' : 's'}`}. ` +
        "3. Otherwise contact your distributor's customer support team with your firm's URL, the name and email of the administrator who requires site access, the administrator's mobile number and network provider, and confirmation from the firm representative that the firm agrees to disable 2FA for the specified admin user.",
      action:
        facts.backupCodesRemaining > 0
          ? 'Ask the administrator to sign in with a backup code, then fix their 2FA.'
          : others > 0
            ? 'Ask another administrator to disable 2FA for this administrator, temporarily.'
            : "Contact your distributor's customer support team with the details above.",
      ...(facts.backupCodesRemaining === 0 && others > 0 ? { adminAction: 'disable-2fa' as const } : {}),
    });
  }
  if (out.length === 0 && facts.workspace) {
    out.push({
      id: 'nothing-found',
      severity: 'success',
      title: 'Nothing in the imported events explains the problem',
      detail: `${facts.workspace.events} imported event(s) of this caller; no lock, cooldown or failed delivery among them in the 30 days before the newest imported event.`,
      action:
        'What the live console knows (lock, 2FA, phone on file) is not in a workspace: switch back to live to check it.',
    });
  } else if (out.length === 0) {
    out.push({
      id: 'nothing-found',
      severity: 'success',
      title: 'Nothing in the data explains the problem',
      detail: 'The account is active, unlocked, enrolled with a mobile number, with no recent delivery failures.',
      action: 'Walk through the questions with the caller; a delayed delivery may still be the cause.',
    });
  }
  return out;
}

/** In a workspace: the locks and cooldowns the imported events show (whether they still hold is live-only). */
function seenInWorkspace(w: NonNullable<TroubleshootFacts['workspace']>): Finding[] {
  const out: Finding[] = [];
  const live = 'Whether it still holds is known only to the live console: switch back to live to check and act.';
  if (w.locksSeen > 0) {
    out.push({
      id: 'locks-seen',
      severity: 'error',
      title: 'The imported events show the account locked',
      detail: `${w.locksSeen} lock(s) in the imported events, the last at ${when(w.lastLockSeenAt as number)}. ${live}`,
      action: 'Tie the lock to the failures before it (wrong codes, failed deliveries) in the error log.',
      logTypes: ['account_lock', 'admin_lock', 'wrong_code'],
    });
  }
  if (w.cooldownsSeen > 0) {
    out.push({
      id: 'cooldowns-seen',
      severity: 'warning',
      title: 'The imported events show cooldowns',
      detail: `${w.cooldownsSeen} cooldown(s) in the imported events, the last at ${when(w.lastCooldownSeenAt as number)}. ${live}`,
      action: 'Look at what came before each cooldown in the error log.',
      logTypes: ['cooldown_activated', 'wrong_code'],
    });
  }
  return out;
}

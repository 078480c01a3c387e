import { eventLabel } from '../../shared/events';
import { providerCode } from '../../shared/provider-codes';
import type { EventRow } from '../events/bulk';
import { WeightedPicker, pickOne, type Random } from './random';
import type { DemoUser } from './users';

/** Relative frequency of each event type for an ordinary user on an ordinary network. */
export const TYPE_WEIGHTS: [string, number][] = [
  ['code_sent', 36],
  ['sign_in_succeeded', 32],
  ['wrong_code', 8],
  ['code_expired', 3],
  ['session_expired', 2.5],
  ['sms_failure', 3.5],
  ['mfa_provider_failure', 0.5],
  ['cooldown_activated', 1.5],
  ['account_lock', 0.35],
  ['not_my_number', 0.25],
  ['incorrect_phone_number', 0.8],
  ['backup_code_used', 0.7],
  ['caller_check_passed', 0.45],
  ['caller_check_failed', 0.05],
  ['backup_codes_generated', 0.3],
  ['phone_changed', 0.15],
  ['devices_revoked', 0.1],
  ['two_factor_disabled', 0.1],
  ['admin_lock', 0.05],
];

/** Types that repeat-failure users meet more often. */
const USER_FAILURES = new Set([
  'wrong_code',
  'code_expired',
  'session_expired',
  'cooldown_activated',
  'account_lock',
  'incorrect_phone_number',
]);

const SMS_FAILURE_CODES = new WeightedPicker([30, 10, 15, 20, 8, 5, 4]);
const SMS_FAILURE_CODE_IDS = ['30003', '30005', '30008', '30007', '30004', '30006', '21610'];
const PHONE_CODES = ['60200', '21211', '21614', '60205'];
const PROVIDER_FAILURE_CODES = new WeightedPicker([85, 4, 4, 4, 3]);
const PROVIDER_FAILURE_CODE_IDS = ['500', '503', 'TIMEOUT', '20429', '502'];

const REASONS: Record<string, string[]> = {
  caller_check_passed: [
    'Caller verified by SMS code before unlocking',
    'Caller verified by a call-back to the number on file',
  ],
  backup_codes_generated: ['User lost their backup codes', 'New phone; fresh backup codes for the trip'],
  phone_changed: [
    'User changed mobile provider',
    'Number corrected to E.164 without the leading 0',
    'Company phone replaced',
  ],
  devices_revoked: ['Laptop reported stolen', 'User left a shared workstation signed in'],
  two_factor_disabled: [
    'User cannot receive SMS while travelling',
    'Carrier blocking our SMS; disabled until resolved',
  ],
  two_factor_enabled: ['User re-enabled 2FA after signing in'],
  admin_lock: ['Suspicious sign-in attempts reported', 'Staff member on extended leave'],
  admin_unlock: ['Caller verified; unlocked after lockout', 'Unlocked at the user’s request after verification'],
  cooldown_reset: ['Caller verified; cooldown reset so they can try now'],
};

/** Picks a type for one user; tables are cached per (failure factor, carrier factor). */
export class TypePicker {
  private readonly cache = new Map<string, WeightedPicker>();

  pick(random: Random, user: DemoUser): string {
    const key = `${user.failureFactor}:${user.carrier.failureFactor}`;
    let picker = this.cache.get(key);
    if (!picker) {
      picker = new WeightedPicker(
        TYPE_WEIGHTS.map(([type, weight]) => {
          if (type === 'sms_failure') return weight * user.carrier.failureFactor * Math.sqrt(user.failureFactor);
          return USER_FAILURES.has(type) ? weight * user.failureFactor : weight;
        }),
      );
      this.cache.set(key, picker);
    }
    return TYPE_WEIGHTS[picker.pick(random)][0];
  }
}

function hex(random: Random, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

export interface EventOptions {
  /** Forces a provider code (bursts, scripted sequences). */
  code?: string;
  /** The administrator acting, for admin actions. */
  actor?: DemoUser;
  /** Which of 5 attempts, for wrong codes. */
  attempt?: number;
  /** A number of nobody in the directory (SMS pumping): the user columns stay empty. */
  anonymous?: boolean;
}

/** Builds one event row as the engine would have recorded it. */
export function makeEvent(
  random: Random,
  type: string,
  at: number,
  user: DemoUser,
  admins: DemoUser[],
  options: EventOptions = {},
): EventRow {
  const carrier = user.carrier.name;
  let code: string | null = null;
  let message: string;
  let actor: string | null = null;
  let reason: string | null = null;
  let details: string | null = null;
  let provider: string | null = 'twilio';
  const session = `vs_${hex(random, 16)}`;
  switch (type) {
    case 'code_sent':
      message = `Verification code sent by SMS via ${carrier}`;
      break;
    case 'sign_in_succeeded':
      message = 'Signed in with an SMS verification code';
      break;
    case 'wrong_code':
      message = `Incorrect verification code (attempt ${options.attempt ?? 1 + Math.floor(random() * 4)} of 5)`;
      break;
    case 'code_expired':
      message = 'Verification code expired after 3 minutes';
      break;
    case 'session_expired':
      message = 'Sign-in session expired before the code was entered';
      break;
    case 'sms_failure':
      code = options.code ?? SMS_FAILURE_CODE_IDS[SMS_FAILURE_CODES.pick(random)];
      message = `SMS not delivered by ${carrier}: ${providerCode(code)?.title.toLowerCase()} (${code})`;
      details = `{"messageSid":"SM${hex(random, 32)}"}`;
      break;
    case 'mfa_provider_failure':
      code = options.code ?? PROVIDER_FAILURE_CODE_IDS[PROVIDER_FAILURE_CODES.pick(random)];
      message = `MFA Provider Failure, Error Code: ${code}`;
      break;
    case 'incorrect_phone_number':
      code = options.code ?? pickOne(random, PHONE_CODES);
      message = `Phone number refused by the provider: ${providerCode(code)?.title.toLowerCase()} (${code})`;
      break;
    case 'cooldown_activated':
      message = 'Cooldown for 1 hour after 5 failed verification attempts';
      break;
    case 'account_lock':
      message = 'Account locked after 10 consecutive failed verification attempts';
      break;
    case 'not_my_number':
      message = 'User reported that the phone number on file is not theirs';
      break;
    case 'backup_code_used':
      provider = null;
      message = `Signed in with backup code ${1 + Math.floor(random() * 10)} of 10`;
      break;
    default: {
      // Admin actions: who did it and why; the self-service re-enable is the user's own.
      const admin = options.actor ?? (type === 'two_factor_enabled' ? user : pickOne(random, admins));
      provider = null;
      actor = admin.email;
      reason = pickOne(random, REASONS[type] ?? ['Helpdesk request']);
      message = `${eventLabel(type)} by ${admin.name}`;
    }
  }
  const nobody = options.anonymous === true;
  return [
    at,
    type,
    nobody ? null : user.id,
    nobody ? null : user.name,
    nobody ? null : user.email,
    nobody ? null : user.role,
    user.phone,
    user.country.code,
    carrier,
    provider,
    code,
    message,
    actor,
    reason,
    provider ? session : null,
    details,
  ];
}

import type { EventTypeId } from '../../../shared/events';
import { fail, isoTime, oneOf, optText, pick, unixSeconds } from '../fields';
import { importPhone } from '../phone';
import type { ImportFormat } from '../types';
import { hasKeys } from './sample';
import { jsonFormatRecords } from './shared';

const PATH = ['response', 'authlogs'];
const RESULTS = ['success', 'denied', 'fraud', 'error'] as const;

/** Duo `reason` codes of a denied authentication (Admin API v2 authentication log). */
const DENIED_REASONS: Record<string, EventTypeId> = {
  invalid_passcode: 'wrong_code',
  locked_out: 'account_lock',
  user_marked_fraud: 'not_my_number',
  no_response: 'session_expired',
  call_timed_out: 'session_expired',
  no_keys_pressed: 'session_expired',
  user_mistake: 'mfa_denied',
  anomalous_push: 'mfa_denied',
  user_cancelled: 'mfa_denied',
  error: 'mfa_provider_failure',
  deny_unenrolled_user: 'mfa_failure',
  frequent_attempts: 'cooldown_activated',
  // A policy refused the device or place: the challenge was rejected by policy.
  denied_by_policy: 'mfa_denied',
  location_restricted: 'mfa_denied',
  factor_restricted: 'mfa_denied',
  platform_restricted: 'mfa_denied',
  version_restricted: 'mfa_denied',
  software_restricted: 'mfa_denied',
  anonymous_ip: 'mfa_denied',
  rooted_device: 'mfa_denied',
  no_screen_lock: 'mfa_denied',
  no_disk_encryption: 'mfa_denied',
  touch_id_disabled: 'mfa_denied',
  endpoint_is_not_trusted: 'mfa_denied',
  user_disabled: 'mfa_denied',
};

/** result + reason → type; a denial with a reason not listed is "Other MFA Failure" (its reason kept). */
export function duoAuthType(result: (typeof RESULTS)[number], reason: string | null): EventTypeId {
  if (result === 'success') return 'sign_in_succeeded';
  if (result === 'fraud') return 'not_my_number';
  if (result === 'error') return 'mfa_provider_failure';
  return (reason && DENIED_REASONS[reason]) || 'mfa_failure';
}

/**
 * Duo has no phone field: the number shows only in auth_device.name, as `734-555-2342`,
 * `+1 734-555-2342`, or a device name with it in brackets: `My iPhone X (+1 734-555-2342)`.
 */
export function deviceNumber(name: string | null): string | null {
  if (!name) return null;
  const bracketed = /\(([^()]*\d[^()]*)\)\s*$/.exec(name);
  const candidate = (bracketed ? bracketed[1] : name).trim();
  return /^\+?[\d\s().-]{7,}$/.test(candidate) && (candidate.match(/\d/g) ?? []).length >= 7 ? candidate : null;
}

export const duoAuthV2Json: ImportFormat = {
  id: 'duo-auth-v2-json',
  label: 'Duo authentication log v2 (Admin API JSON)',
  provider: 'duo',
  detect: (sample) =>
    sample.json?.shape === 'object' && /"authlogs"\s*:\s*\[/.test(sample.text) && /"txid"/.test(sample.text) ? 90 : 0,
  records: jsonFormatRecords(PATH, (r) => {
    const txid = optText(r.txid, 'txid');
    if (!txid) fail('txid', 'a transaction id', r.txid);
    const occurredAt = r.isotimestamp ? isoTime(r.isotimestamp, 'isotimestamp') : unixSeconds(r.timestamp, 'timestamp');
    const result = oneOf(r.result, 'result', RESULTS);
    const reason = optText(r.reason, 'reason');
    const deviceName = optText(pick(r, 'auth_device.name'), 'auth_device.name');
    const number = deviceNumber(deviceName);
    const { phone, country } = importPhone(number);
    const userName = optText(pick(r, 'user.name'), 'user.name');
    const email = optText(r.email, 'email') ?? (userName?.includes('@') ? userName : null);
    return {
      key: `duo:${txid}`,
      recordId: txid,
      event: {
        occurredAt,
        type: duoAuthType(result, reason),
        userName,
        userEmail: email,
        phone,
        country,
        provider: 'duo',
        providerCode: reason,
        details: {
          vendorCode: reason,
          vendorEvent: `${optText(r.event_type, 'event_type') ?? 'authentication'} ${result}`,
          recordId: txid,
          factor: r.factor ?? null,
          application: pick(r, 'application.name') ?? null,
          authDevice: deviceName,
          ...(number && !phone ? { number } : {}),
        },
      },
    };
  }),
};

/** Kept for detection of the telephony log (whose response is an array, not authlogs). */
export function isDuoTelephonyRow(record: Record<string, unknown> | null): boolean {
  return hasKeys(record, ['context', 'credits', 'phone', 'type']);
}

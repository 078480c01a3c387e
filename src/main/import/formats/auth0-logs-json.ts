import type { EventTypeId } from '../../../shared/events';
import { fail, isoTime, optText, pick } from '../fields';
import type { ImportFormat } from '../types';
import { hasKeys } from './sample';
import { ignored, jsonFormatRecords } from './shared';

/** Auth0 log event type codes (Auth0 docs, "Log event type codes") → type; others are not imported. */
export const AUTH0_TYPES: Record<string, EventTypeId> = {
  s: 'sign_in_succeeded',
  gd_auth_succeed: 'sign_in_succeeded',
  gd_start_auth: 'code_sent',
  gd_send_sms: 'code_sent',
  fp: 'primary_auth_failure',
  gd_auth_failed: 'wrong_code',
  gd_auth_rejected: 'mfa_denied',
  gd_otp_rate_limit_exceed: 'cooldown_activated',
  limit_mu: 'cooldown_activated',
  limit_wc: 'account_lock',
  gd_send_sms_failure: 'sms_failure',
  gd_send_pn_failure: 'mfa_provider_failure',
};

/** Auth0 tenant logs (GET /api/v2/logs): arrays of log events, maybe several pages. */
export const auth0LogsJson: ImportFormat = {
  id: 'auth0-logs-json',
  label: 'Auth0 tenant logs (API JSON)',
  provider: 'auth0',
  detect: (sample) =>
    sample.json?.shape === 'array' && hasKeys(sample.json.first, ['log_id', 'type', 'date']) ? 90 : 0,
  records: jsonFormatRecords([], (r) => {
    // A long numeric string: as a JSON number it would already have lost digits.
    if (typeof r.log_id !== 'string' || r.log_id === '') fail('log_id', 'the log id as a string', r.log_id);
    const logId = r.log_id;
    const code = optText(r.type, 'type');
    if (!code) fail('type', 'an Auth0 event type code', r.type);
    const occurredAt = isoTime(r.date, 'date');
    const type = AUTH0_TYPES[code];
    if (!type) return ignored(`type ${code}`);
    const userName = optText(r.user_name, 'user_name');
    return {
      key: `auth0:${logId}`,
      recordId: logId,
      event: {
        occurredAt,
        type,
        userName,
        userEmail: userName?.includes('@') ? userName : null,
        provider: 'auth0',
        providerCode: code,
        message: optText(r.description, 'description'),
        details: {
          vendorCode: code,
          vendorEvent: code,
          recordId: logId,
          userId: r.user_id ?? null,
          client: r.client_name ?? null,
          connection: r.connection ?? null,
          ip: r.ip ?? null,
          countryCode: pick(r, 'location_info.country_code') ?? null,
          isMobile: r.isMobile ?? r.is_mobile ?? null,
        },
      },
    };
  }),
};

import type { EventTypeId } from '../../../shared/events';
import { fail, isoTime, oneOf, optText, pick } from '../fields';
import { importPhone } from '../phone';
import type { ImportFormat } from '../types';
import { hasKeys } from './sample';
import { jsonFormatRecords } from './shared';
import { errorCodeOf, TWILIO_ERROR_TYPES } from './twilio-message';

const PATH = ['attempts'];

/**
 * Verify Attempts (GET /v2/Attempts): converted = the user entered the code. Unconverted: a mapped
 * delivery error code, else delivered (the code arrived and was never entered) = session expired,
 * else failed/undelivered = SMS failure, else the code was only sent.
 */
export function attemptType(converted: boolean, status: string | null, errorCode: string | null): EventTypeId {
  if (converted) return 'sign_in_succeeded';
  if (errorCode && TWILIO_ERROR_TYPES[errorCode]) return TWILIO_ERROR_TYPES[errorCode];
  if (status === 'delivered') return 'session_expired';
  if (status === 'failed' || status === 'undelivered') return 'sms_failure';
  return 'code_sent';
}

export const twilioVerifyAttemptsJson: ImportFormat = {
  id: 'twilio-verify-attempts-json',
  label: 'Twilio Verify attempts (API JSON)',
  provider: 'twilio',
  detect: (sample) => {
    if (sample.json?.shape !== 'object' || !/"attempts"\s*:\s*\[/.test(sample.text)) return 0;
    const first = sample.json.first ?? null;
    return hasKeys(first, ['attempts']) || /"conversion_status"/.test(sample.text) ? 90 : 0;
  },
  records: jsonFormatRecords(PATH, (r) => {
    const sid = r.sid;
    if (typeof sid !== 'string' || !/^VL[0-9a-f]{32}$/i.test(sid))
      fail('sid', 'an attempt SID (VL and 32 hex digits)', sid);
    const conversion = oneOf(r.conversion_status, 'conversion_status', ['converted', 'unconverted']);
    const data = r.channel_data;
    if (data !== null && data !== undefined && typeof data !== 'object') fail('channel_data', 'an object', data);
    const status = optText(pick(r, 'channel_data.status'), 'channel_data.status');
    const errorCode = errorCodeOf(pick(r, 'channel_data.error_code'), 'channel_data.error_code');
    const fileCountry = optText(pick(r, 'channel_data.country'), 'channel_data.country');
    const to = optText(pick(r, 'channel_data.to'), 'channel_data.to');
    const { phone, country } = importPhone(to, fileCountry);
    return {
      key: `twilio:${sid}`,
      recordId: sid,
      event: {
        occurredAt: isoTime(r.date_created, 'date_created'),
        type: attemptType(conversion === 'converted', status, errorCode),
        phone,
        country: fileCountry?.toUpperCase() ?? country,
        carrier: optText(pick(r, 'channel_data.carrier'), 'channel_data.carrier'),
        provider: 'twilio',
        providerCode: errorCode,
        details: {
          vendorCode: errorCode,
          vendorEvent: `attempt ${conversion}`,
          recordId: sid,
          status,
          channel: r.channel ?? null,
          verificationSid: r.verification_sid ?? null,
          serviceSid: r.service_sid ?? null,
          mcc: pick(r, 'channel_data.mcc') ?? null,
          mnc: pick(r, 'channel_data.mnc') ?? null,
          ...(phone ? {} : { number: to }),
        },
      },
    };
  }),
};

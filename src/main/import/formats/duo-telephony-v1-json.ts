import { fail, isoTime, oneOf, optText, unixSeconds } from '../fields';
import { importPhone } from '../phone';
import { firstJsonRecord } from '../readers/json';
import type { FormatOptions, ImportFormat, ImportInput } from '../types';
import { isDuoTelephonyRow } from './duo-auth-v2-json';
import { jsonFormatRecords } from './shared';

const PATH = ['response'];

/**
 * Duo telephony log v1: usage rows (an SMS or call made, with the credits it cost) with no outcome
 * and no id. Each is Code Sent. The dedup key is the row's own values plus a count of identical
 * rows in a run (two passcode SMS in one second to one phone are two rows).
 */
export const duoTelephonyV1Json: ImportFormat = {
  id: 'duo-telephony-v1-json',
  label: 'Duo telephony log v1 (Admin API JSON)',
  provider: 'duo',
  detect: (sample) =>
    sample.json?.shape === 'object' &&
    /"response"\s*:\s*\[/.test(sample.text) &&
    isDuoTelephonyRow(firstJsonRecord(Buffer.from(sample.text), PATH))
      ? 90
      : 0,
  records: (input: ImportInput, options: FormatOptions) => {
    let previous = '';
    let run = 0;
    return jsonFormatRecords(PATH, (r) => {
      const occurredAt = r.isotimestamp
        ? isoTime(r.isotimestamp, 'isotimestamp')
        : unixSeconds(r.timestamp, 'timestamp');
      const kind = oneOf(r.type, 'type', ['sms', 'phone']);
      const number = optText(r.phone, 'phone');
      if (!number) fail('phone', 'a phone number', r.phone);
      const context = optText(r.context, 'context');
      const identity = `${occurredAt}:${number}:${kind}:${context ?? ''}:${String(r.credits ?? '')}`;
      run = identity === previous ? run + 1 : 0;
      previous = identity;
      const { phone, country } = importPhone(number);
      return {
        key: `duo-telephony:${identity}:${run}`,
        recordId: `${identity}:${run}`,
        event: {
          occurredAt,
          type: 'code_sent',
          phone,
          country,
          provider: 'duo',
          providerCode: null,
          details: {
            vendorCode: context,
            vendorEvent: `telephony ${kind}`,
            recordId: null,
            credits: r.credits ?? null,
            ...(phone ? {} : { number }),
          },
        },
      };
    })(input, options);
  },
};

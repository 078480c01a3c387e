import { isoTime } from '../fields';
import type { ImportFormat } from '../types';
import { hasKeys } from './sample';
import { ndjsonFormatRecords } from './shared';
import { errorCodeOf, messageEvent } from './twilio-message';

const COLUMNS = { sid: 'sid', status: 'status', direction: 'direction' };

/** Twilio BulkExport Messages day file: one Message-like JSON object per line, gzip, UTC ISO dates. */
export const twilioBulkexportNdjson: ImportFormat = {
  id: 'twilio-bulkexport-ndjson',
  label: 'Twilio BulkExport messages day file (NDJSON, maybe .gz)',
  provider: 'twilio',
  detect: (sample) => {
    const first = sample.json?.firstLineIsObject ? sample.json.first : null;
    return hasKeys(first, ['sid', 'status', 'direction', 'to', 'from']) && /^(SM|MM)/.test(String(first!.sid)) ? 90 : 0;
  },
  records: (input) =>
    ndjsonFormatRecords((r) => {
      const sent = r.date_sent ?? r.date_created;
      return messageEvent(
        {
          sid: r.sid,
          status: r.status,
          direction: r.direction,
          from: typeof r.from === 'string' ? r.from : null,
          to: typeof r.to === 'string' ? r.to : null,
          body: typeof r.body === 'string' ? r.body : null,
          errorCode: errorCodeOf(r.error_code, 'error_code'),
          occurredAt: isoTime(sent, r.date_sent != null ? 'date_sent' : 'date_created'),
          extra: {
            numSegments: r.num_segments ?? null,
            accountSid: r.account_sid ?? null,
            messagingServiceSid: r.messaging_service_sid ?? null,
            price: r.price ?? null,
          },
        },
        COLUMNS,
      );
    })(input),
};

import { isoOrRfc2822Time } from '../fields';
import { csvHeaderOf } from './sample';
import type { ImportFormat } from '../types';
import { csvFormatRecords } from './shared';
import { errorCodeOf, messageEvent } from './twilio-message';

/** Reported header (two readers, not Twilio): From,To,Body,Status,SentDate,ApiVersion,NumSegments,ErrorCode,AccountSid,Sid,Direction,Price,PriceUnit */
const REQUIRED = ['Sid', 'Status', 'Direction', 'SentDate', 'From', 'To'];
const COLUMNS = { sid: 'Sid', status: 'Status', direction: 'Direction' };

export const twilioMessagesCsv: ImportFormat = {
  id: 'twilio-messages-csv',
  label: 'Twilio messaging logs (console CSV)',
  provider: 'twilio',
  detect: (sample) => (csvHeaderOf(sample)?.missing(REQUIRED).length === 0 ? 90 : 0),
  records: csvFormatRecords(REQUIRED, (row) =>
    messageEvent(
      {
        sid: row.get('Sid'),
        status: row.get('Status')?.toLowerCase(),
        direction: row.get('Direction')?.toLowerCase(),
        from: row.get('From'),
        to: row.get('To'),
        body: row.get('Body'),
        errorCode: errorCodeOf(row.get('ErrorCode'), 'ErrorCode'),
        occurredAt: isoOrRfc2822Time(row.get('SentDate'), 'SentDate'),
        extra: {
          numSegments: row.get('NumSegments'),
          accountSid: row.get('AccountSid'),
          price: row.get('Price'),
          priceUnit: row.get('PriceUnit'),
        },
      },
      COLUMNS,
    ),
  ),
};

import { fail, isoTime } from '../fields';
import type { ImportFormat } from '../types';
import { entraType } from './entra-signin';
import { csvHeaderOf } from './sample';
import { csvFormatRecords, ignored } from './shared';

/** Reported header (~57 columns); read by name, `Incoming token type` twice, kept apart. */
const REQUIRED = ['Date (UTC)', 'Request ID', 'Sign-in error code'];

export const entraSigninsCsv: ImportFormat = {
  id: 'entra-signins-csv',
  label: 'Microsoft Entra sign-in log (portal CSV)',
  provider: 'entra',
  detect: (sample) => (csvHeaderOf(sample)?.missing(REQUIRED).length === 0 ? 90 : 0),
  records: csvFormatRecords(REQUIRED, (row) => {
    const requestId = row.get('Request ID');
    if (!requestId) fail('Request ID', 'a request id', requestId);
    // The column's name says UTC, so a time written without an offset is UTC.
    const occurredAt = isoTime(row.get('Date (UTC)'), 'Date (UTC)', true);
    const codeText = row.get('Sign-in error code');
    if (!codeText || !/^\d+$/.test(codeText)) fail('Sign-in error code', 'a number (0 for success)', codeText);
    const errorCode = Number(codeText);
    const failureReason = row.get('Failure reason');
    const type = entraType(errorCode, [row.get('Additional Details'), failureReason]);
    if (!type) return ignored(`error code ${errorCode}`);
    return {
      key: `entra:${requestId.toLowerCase()}`,
      recordId: requestId,
      event: {
        occurredAt,
        type,
        userName: row.get('User'),
        userEmail: row.get('Username'),
        provider: 'entra',
        providerCode: codeText,
        message: failureReason,
        sessionId: row.get('Session ID'),
        details: {
          vendorCode: codeText,
          vendorEvent: row.get('Status'),
          recordId: requestId,
          correlationId: row.get('Correlation ID'),
          application: row.get('Application'),
          location: row.get('Location'),
          ipAddress: row.get('IP address'),
          mfaResult: row.get('Multifactor authentication result'),
          mfaMethod: row.get('Multifactor authentication auth method'),
          mfaDetail: row.get('Multifactor authentication auth detail'),
          incomingTokenTypes: [row.get('Incoming token type'), row.get('Incoming token type', 2)],
        },
      },
    };
  }),
};

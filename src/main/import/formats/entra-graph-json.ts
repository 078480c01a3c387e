import { fail, isoTime, optText, pick } from '../fields';
import { firstJsonRecord } from '../readers/json';
import type { ImportFormat } from '../types';
import { entraType } from './entra-signin';
import { hasKeys } from './sample';
import { ignored, jsonFormatRecords } from './shared';

const PATH = ['value'];

/** Microsoft Graph auditLogs/signIns pages: `{value: [...], "@odata.nextLink"}`, maybe several. */
export const entraGraphJson: ImportFormat = {
  id: 'entra-graph-json',
  label: 'Microsoft Entra sign-ins (Graph JSON)',
  provider: 'entra',
  detect: (sample) => {
    if (sample.json?.shape !== 'object' || !/"value"\s*:\s*\[/.test(sample.text)) return 0;
    return hasKeys(firstJsonRecord(Buffer.from(sample.text), PATH), ['id', 'createdDateTime', 'status']) ? 90 : 0;
  },
  records: jsonFormatRecords(PATH, (r) => {
    const id = optText(r.id, 'id');
    if (!id) fail('id', 'a sign-in id', r.id);
    const code = pick(r, 'status.errorCode');
    if (typeof code !== 'number' || !Number.isInteger(code))
      fail('status.errorCode', 'an integer (0 for success)', code);
    const failureReason = optText(pick(r, 'status.failureReason'), 'status.failureReason');
    const additional = optText(pick(r, 'status.additionalDetails'), 'status.additionalDetails');
    const type = entraType(code, [additional, failureReason]);
    if (!type) return ignored(`error code ${code}`);
    return {
      key: `entra:${id.toLowerCase()}`,
      recordId: id,
      event: {
        occurredAt: isoTime(r.createdDateTime, 'createdDateTime'),
        type,
        userName: optText(r.userDisplayName, 'userDisplayName'),
        userEmail: optText(r.userPrincipalName, 'userPrincipalName'),
        provider: 'entra',
        providerCode: String(code),
        message: additional ?? failureReason,
        details: {
          vendorCode: String(code),
          vendorEvent: failureReason,
          recordId: id,
          additionalDetails: additional,
          correlationId: r.correlationId ?? null,
          application: r.appDisplayName ?? null,
          ipAddress: r.ipAddress ?? null,
          location: pick(r, 'location.countryOrRegion') ?? null,
        },
      },
    };
  }),
};

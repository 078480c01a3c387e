import { optText, pick } from '../fields';
import type { ImportFormat } from '../types';
import { oktaEvent, type OktaPrincipal } from './okta-event';
import { hasKeys } from './sample';
import { jsonFormatRecords } from './shared';

const COLUMNS = { uuid: 'uuid', published: 'published', eventType: 'eventType', result: 'outcome.result' };

function principal(value: unknown, column: string): OktaPrincipal | null {
  if (!value || typeof value !== 'object') return null;
  return {
    type: optText(pick(value, 'type'), `${column}.type`),
    alternateId: optText(pick(value, 'alternateId'), `${column}.alternateId`),
    displayName: optText(pick(value, 'displayName'), `${column}.displayName`),
  };
}

/** Okta System Log API (GET /api/v1/logs): arrays of LogEvent, maybe several pages in one file. */
export const oktaLogsJson: ImportFormat = {
  id: 'okta-logs-json',
  label: 'Okta System Log (API JSON)',
  provider: 'okta',
  detect: (sample) =>
    sample.json?.shape === 'array' && hasKeys(sample.json.first, ['uuid', 'published', 'eventType']) ? 90 : 0,
  records: jsonFormatRecords([], (r) => {
    const targets = Array.isArray(r.target) ? r.target : [];
    const targetUser = targets.find((t) => pick(t, 'type') === 'User');
    return oktaEvent(
      {
        uuid: r.uuid,
        published: r.published,
        eventType: r.eventType,
        result: pick(r, 'outcome.result'),
        reason: optText(pick(r, 'outcome.reason'), 'outcome.reason'),
        displayMessage: optText(r.displayMessage, 'displayMessage'),
        actor: principal(r.actor, 'actor'),
        targetUser: principal(targetUser, 'target'),
        phone: optText(pick(r, 'debugContext.debugData.phoneNumber'), 'debugContext.debugData.phoneNumber'),
        sessionId: optText(
          pick(r, 'authenticationContext.externalSessionId'),
          'authenticationContext.externalSessionId',
        ),
        legacyEventType: optText(r.legacyEventType, 'legacyEventType'),
      },
      COLUMNS,
    );
  }),
};

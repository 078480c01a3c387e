import { optText, pick } from '../fields';
import type { ImportFormat } from '../types';
import { oktaEvent } from './okta-event';
import { csvHeaderOf } from './sample';
import { csvFormatRecords, type CsvRow } from './shared';

/** Reported only: the console's "Download CSV" flattens LogEvent to snake_case names with dots. */
const REQUIRED = ['uuid', 'published', 'event_type', 'outcome.result'];
const COLUMNS = { uuid: 'uuid', published: 'published', eventType: 'event_type', result: 'outcome.result' };

function principal(row: CsvRow, prefix: string) {
  const alternateId = row.get(`${prefix}.alternate_id`);
  const displayName = row.get(`${prefix}.display_name`);
  if (!alternateId && !displayName) return null;
  return { type: row.get(`${prefix}.type`), alternateId, displayName };
}

/** The `target` column, where the export writes the target list as JSON: its first User. */
function targetUser(row: CsvRow) {
  const text = row.get('target');
  if (!text?.startsWith('[')) return null;
  try {
    const list = JSON.parse(text) as unknown[];
    const user = list.find((t) => pick(t, 'type') === 'User');
    if (!user) return null;
    return {
      type: 'User',
      alternateId: optText(pick(user, 'alternateId'), 'target'),
      displayName: optText(pick(user, 'displayName'), 'target'),
    };
  } catch {
    return null;
  }
}

export const oktaCsv: ImportFormat = {
  id: 'okta-csv',
  label: 'Okta System Log (console CSV)',
  provider: 'okta',
  detect: (sample) => (csvHeaderOf(sample)?.missing(REQUIRED).length === 0 ? 90 : 0),
  records: csvFormatRecords(REQUIRED, (row) => {
    const target = principal(row, 'target') ?? principal(row, 'target.0') ?? targetUser(row);
    return oktaEvent(
      {
        uuid: row.get('uuid'),
        published: row.get('published'),
        eventType: row.get('event_type'),
        result: row.get('outcome.result'),
        reason: row.get('outcome.reason'),
        displayMessage: row.get('display_message'),
        actor: principal(row, 'actor'),
        targetUser: target && (target.type === 'User' || !target.type) ? target : null,
        phone: row.get('debug_context.debug_data.phone_number'),
        sessionId: row.get('authentication_context.external_session_id'),
        legacyEventType: row.get('legacy_event_type'),
      },
      COLUMNS,
    );
  }),
};

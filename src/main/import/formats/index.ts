import type { ImportFormat } from '../types';
import { auth0LogsJson } from './auth0-logs-json';
import { consoleCsv } from './console-csv';
import { consoleNdjson } from './console-ndjson';
import { duoAuthV2Json } from './duo-auth-v2-json';
import { duoTelephonyV1Json } from './duo-telephony-v1-json';
import { entraGraphJson } from './entra-graph-json';
import { entraSigninsCsv } from './entra-signins-csv';
import { oktaCsv } from './okta-csv';
import { oktaLogsJson } from './okta-logs-json';
import { privacyideaAuditCsv } from './privacyidea-audit-csv';
import { twilioBulkexportNdjson } from './twilio-bulkexport-ndjson';
import { twilioMessagesCsv } from './twilio-messages-csv';
import { twilioVerifyAttemptsJson } from './twilio-verify-attempts-json';

/** Every format the importer knows, by id (`--format`). Detection asks each; the highest score wins. */
export const FORMATS: readonly ImportFormat[] = [
  consoleCsv,
  consoleNdjson,
  twilioMessagesCsv,
  twilioBulkexportNdjson,
  twilioVerifyAttemptsJson,
  oktaLogsJson,
  oktaCsv,
  duoAuthV2Json,
  duoTelephonyV1Json,
  entraSigninsCsv,
  entraGraphJson,
  auth0LogsJson,
  privacyideaAuditCsv,
];

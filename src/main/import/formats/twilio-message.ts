import type { EventTypeId } from '../../../shared/events';
import { fail, oneOf } from '../fields';
import { importPhone } from '../phone';
import { ignored, type Mapped } from './shared';

/** Twilio error codes with a meaning of their own (vendor-formats.md; Twilio's error dictionary). */
export const TWILIO_ERROR_TYPES: Record<string, EventTypeId> = {
  '30003': 'sms_failure', // unreachable destination handset
  '30007': 'sms_failure', // filtered by the carrier
  '30008': 'sms_failure', // unknown error from the carrier
  '21610': 'sms_failure', // the recipient replied STOP
  '30005': 'incorrect_phone_number', // unknown destination handset
  '30006': 'incorrect_phone_number', // landline or unreachable carrier
  '21211': 'incorrect_phone_number', // invalid 'To' number
  '21635': 'incorrect_phone_number', // 'To' cannot be a landline
  '30034': 'mfa_provider_failure', // message from an unregistered (A2P 10DLC) number
};

export const MESSAGE_STATUSES = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'undelivered',
  'failed',
  'receiving',
  'received',
  'canceled',
  'partially_delivered',
] as const;
type Status = (typeof MESSAGE_STATUSES)[number];

export const DIRECTIONS = ['inbound', 'outbound-api', 'outbound-call', 'outbound-reply'] as const;

const SENT: readonly Status[] = ['accepted', 'scheduled', 'queued', 'sending', 'sent'];

/** The type a message status and error code give (never the body's text). */
export function messageType(status: Status, errorCode: string | null): EventTypeId | null {
  if (status === 'failed' || status === 'undelivered')
    return (errorCode && TWILIO_ERROR_TYPES[errorCode]) || 'sms_failure';
  if (status === 'delivered' || status === 'read') return 'sms_delivered';
  if (status === 'received' || status === 'receiving') return 'sms_received';
  if (SENT.includes(status)) return 'code_sent';
  return null;
}

/** A Twilio error code as text ('30007'), or null for none (empty, null, 0). */
export function errorCodeOf(value: unknown, column: string): string | null {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return null;
  const text = String(value);
  if (!/^\d{5}$/.test(text)) return fail(column, 'a five-digit Twilio error code or nothing', value);
  return text;
}

export interface TwilioMessage {
  sid: unknown;
  status: unknown;
  direction: unknown;
  from: string | null;
  to: string | null;
  body: string | null;
  errorCode: string | null;
  occurredAt: number;
  extra: Record<string, unknown>;
}

/** Column names for messages (the CSV's or the JSON's). */
export interface MessageColumns {
  sid: string;
  status: string;
  direction: string;
}

/**
 * One message as one event. The user's number is To for outbound messages and From for inbound
 * ones. Inbound bodies (STOP, replies) are kept as the message; outbound bodies are not imported,
 * since they hold the one-time codes themselves.
 */
export function messageEvent(m: TwilioMessage, columns: MessageColumns): Mapped {
  if (typeof m.sid !== 'string' || !/^(SM|MM)[0-9a-f]{32}$/i.test(m.sid)) {
    fail(columns.sid, 'a message SID (SM or MM and 32 hex digits)', m.sid);
  }
  const status = oneOf(m.status, columns.status, MESSAGE_STATUSES);
  const direction = oneOf(m.direction, columns.direction, DIRECTIONS);
  const type = messageType(status, m.errorCode);
  if (!type) return ignored(`status ${status}`);
  const inbound = direction === 'inbound';
  const userNumber = inbound ? m.from : m.to;
  const { phone, country } = importPhone(userNumber);
  return {
    key: `twilio:${m.sid}`,
    recordId: m.sid,
    event: {
      occurredAt: m.occurredAt,
      type,
      phone,
      country,
      provider: 'twilio',
      providerCode: m.errorCode,
      message: inbound ? m.body : null,
      details: {
        vendorCode: m.errorCode,
        vendorEvent: status,
        recordId: m.sid,
        direction,
        ...(phone ? {} : { number: userNumber }),
        ...(inbound ? { to: m.to } : { from: m.from }),
        ...m.extra,
      },
    },
  };
}

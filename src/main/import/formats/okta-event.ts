import type { EventTypeId } from '../../../shared/events';
import { fail, isoTime, oneOf, optText } from '../fields';
import { importPhone } from '../phone';
import { ignored, type Mapped } from './shared';

export const OUTCOMES = [
  'SUCCESS',
  'FAILURE',
  'SKIPPED',
  'ALLOW',
  'DENY',
  'CHALLENGE',
  'UNKNOWN',
  'UNANSWERED',
] as const;

/** Okta eventType + outcome.result → type (vendor-formats.md); anything else is not imported. */
export function oktaType(eventType: string, result: string | null): EventTypeId | null {
  if (eventType === 'user.session.start') return result === 'FAILURE' ? 'primary_auth_failure' : null;
  if (eventType === 'user.authentication.auth_via_mfa') {
    if (result === 'FAILURE') return 'wrong_code';
    if (result === 'SUCCESS') return 'sign_in_succeeded';
    return null;
  }
  if (eventType.startsWith('system.sms.') || eventType.startsWith('system.voice.')) {
    if (result === 'SUCCESS') return 'code_sent';
    if (result === 'FAILURE') return 'sms_failure';
    return null;
  }
  if (eventType === 'user.account.lock') return 'account_lock';
  if (eventType === 'user.mfa.okta_verify.deny_push') return 'mfa_denied';
  if (eventType === 'user.account.report_suspicious_activity_by_enduser') return 'not_my_number';
  return null;
}

/** The parts of a LogEvent the mapping reads; the JSON and the CSV fill it by their own names. */
export interface OktaFields {
  uuid: unknown;
  published: unknown;
  eventType: unknown;
  result: unknown;
  reason: string | null;
  displayMessage: string | null;
  actor: OktaPrincipal | null;
  /** The first target of type User (SMS sends by "Okta System" name the user there). */
  targetUser: OktaPrincipal | null;
  phone: string | null;
  sessionId: string | null;
  legacyEventType: string | null;
}

export interface OktaPrincipal {
  type: string | null;
  alternateId: string | null;
  displayName: string | null;
}

export interface OktaColumns {
  uuid: string;
  published: string;
  eventType: string;
  result: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function oktaEvent(f: OktaFields, columns: OktaColumns): Mapped {
  if (typeof f.uuid !== 'string' || !UUID.test(f.uuid)) fail(columns.uuid, 'a uuid', f.uuid);
  const occurredAt = isoTime(f.published, columns.published);
  const eventType = optText(f.eventType, columns.eventType);
  if (!eventType) fail(columns.eventType, 'an Okta event type', f.eventType);
  const result =
    f.result === null || f.result === undefined || f.result === '' ? null : oneOf(f.result, columns.result, OUTCOMES);
  const type = oktaType(eventType, result);
  if (!type) return ignored(`eventType ${eventType}${result ? ` ${result}` : ''}`);
  const user = f.actor?.type === 'User' ? f.actor : (f.targetUser ?? (f.actor?.type === 'User' ? f.actor : null));
  const email = user?.alternateId && user.alternateId.includes('@') ? user.alternateId : null;
  const { phone, country } = importPhone(f.phone);
  return {
    key: `okta:${f.uuid.toLowerCase()}`,
    recordId: f.uuid,
    event: {
      occurredAt,
      type,
      userName: user?.displayName ?? null,
      userEmail: email,
      phone,
      country,
      provider: 'okta',
      providerCode: eventType,
      message: f.displayMessage,
      sessionId: f.sessionId,
      details: {
        vendorCode: result,
        vendorEvent: eventType,
        recordId: f.uuid,
        outcomeReason: f.reason,
        legacyEventType: f.legacyEventType,
        ...(user && !email ? { userId: user.alternateId } : {}),
        ...(f.phone && !phone ? { number: f.phone } : {}),
      },
    },
  };
}

import { eventType, type EventTypeId } from '../../shared/events';

/** What the signing-in user sees for an event type, from the documents (the event catalog). */
export function userMessage(type: EventTypeId, code?: string): string {
  const text = eventType(type)?.userMessage ?? '';
  return code ? text.replace('{code}', code) : text;
}

export const LOCKED_MESSAGE = userMessage('account_lock');

/** After "Reset 2FA": what the user sees at their next sign-in. */
export const ENROL_AGAIN_MESSAGE =
  'Your two-factor authentication was reset: enter your mobile number (with country code) to enrol again; a code will be sent to it.';

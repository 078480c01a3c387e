import { eventType, type EventTypeId } from '../../shared/events';

/** What the signing-in user sees for an event type, from the documents (the event catalog). */
export function userMessage(type: EventTypeId, code?: string): string {
  const text = eventType(type)?.userMessage ?? '';
  return code ? text.replace('{code}', code) : text;
}

export const LOCKED_MESSAGE = userMessage('account_lock');

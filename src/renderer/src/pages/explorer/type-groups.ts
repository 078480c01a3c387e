import { EVENT_TYPES, type EventTypeId } from '../../../../shared/events';

export interface TypeGroup {
  label: string;
  ids: EventTypeId[];
}

/** The four types the documents' "Multi-Factor Authentication Errors" window filters on, in its order. */
export const DOCUMENT_TYPES: readonly EventTypeId[] = [
  'account_lock',
  'cooldown_activated',
  'mfa_provider_failure',
  'not_my_number',
];

/** The type filter's groups: the documents' types first, then other errors, sign-in events and admin actions. */
export const TYPE_GROUPS: readonly TypeGroup[] = [
  { label: 'Multi-Factor Authentication Errors', ids: [...DOCUMENT_TYPES] },
  {
    label: 'Other errors',
    ids: EVENT_TYPES.filter((t) => t.kind === 'error' && !DOCUMENT_TYPES.includes(t.id)).map((t) => t.id),
  },
  { label: 'Sign-in', ids: EVENT_TYPES.filter((t) => t.kind === 'info').map((t) => t.id) },
  { label: 'Admin actions', ids: EVENT_TYPES.filter((t) => t.kind === 'admin').map((t) => t.id) },
];

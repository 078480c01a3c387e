/**
 * The event catalog: every event type the console records, its label (the documents'
 * wording first), the message the user saw, and what the helpdesk should do.
 * Shared by the engine, the explorer, exports and the UI.
 */
export type EventKind = 'error' | 'admin' | 'info';

export interface EventTypeInfo {
  id: string;
  label: string;
  kind: EventKind;
  /** What the signing-in user is shown, where the event is one they see. */
  userMessage: string | null;
  /** What the helpdesk should do about it. */
  helpdeskAction: string;
}

const define = <const T extends readonly EventTypeInfo[]>(types: T) => types;

export const EVENT_TYPES = define([
  // The four types the "Multi-Factor Authentication Errors" window filters on, in its order.
  {
    id: 'account_lock',
    label: 'Account Lock',
    kind: 'error',
    userMessage: 'Account locked due to exceeding maximum login attempts. Contact administrator for assistance.',
    helpdeskAction: 'Verify the caller, then unlock the account from the Users page.',
  },
  {
    id: 'cooldown_activated',
    label: 'Cooldown Activated',
    kind: 'error',
    userMessage: 'Too many failed verification attempts. Please wait before trying again, then sign in again.',
    helpdeskAction: 'The cooldown clears by itself after 1 hour; verify the caller and reset it to let them try now.',
  },
  {
    id: 'mfa_provider_failure',
    label: 'MFA Provider Failure',
    kind: 'error',
    userMessage: 'MFA Provider Failure, Error Code: {code}',
    helpdeskAction: 'The SMS provider failed. Retry later and check the provider status; escalate if it persists.',
  },
  {
    id: 'not_my_number',
    label: 'Not My Number',
    kind: 'error',
    userMessage: 'Please contact your administrator for assistance.',
    helpdeskAction: 'Verify who the caller is by other means, then change the phone number on the Users page.',
  },
  {
    id: 'sms_failure',
    label: 'SMS Failure',
    kind: 'error',
    userMessage: 'We could not send your verification code by SMS.',
    helpdeskAction: 'Check the carrier error code; ask the user to check signal and carrier SMS blocking.',
  },
  {
    id: 'incorrect_phone_number',
    label: 'Incorrect Phone Number',
    kind: 'error',
    userMessage: 'The phone number does not match the one associated with your account.',
    helpdeskAction: 'Confirm the number with the user and correct it to E.164 (country code, no leading 0).',
  },
  {
    id: 'session_expired',
    label: 'Session Expired',
    kind: 'error',
    userMessage: 'Your session has expired. Please sign in again to continue.',
    helpdeskAction: 'Ask the user to sign in again and enter the code within 3 minutes.',
  },
  {
    id: 'wrong_code',
    label: 'Wrong Code',
    kind: 'error',
    userMessage: 'The verification code is incorrect. Please try again.',
    helpdeskAction: 'Repeated wrong codes lead to a cooldown; check the user reads the newest code.',
  },
  {
    id: 'code_expired',
    label: 'Code Expired',
    kind: 'error',
    userMessage: 'The verification code has expired. Request a new code.',
    helpdeskAction: 'Codes are valid for 3 minutes; slow delivery points to the carrier.',
  },
  // Imported from other vendors' logs (see docs/import-formats.md); the engine never logs these itself.
  {
    id: 'mfa_denied',
    label: 'MFA Denied',
    kind: 'error',
    userMessage: null,
    helpdeskAction: 'The user or a policy rejected the challenge; ask whether the user declined it, and why.',
  },
  {
    id: 'mfa_failure',
    label: 'Other MFA Failure',
    kind: 'error',
    userMessage: null,
    helpdeskAction: "Read the vendor's code in the details; it fits none of the console's own failures.",
  },
  { id: 'code_sent', label: 'Code Sent', kind: 'info', userMessage: null, helpdeskAction: 'None.' },
  { id: 'sms_delivered', label: 'SMS Delivered', kind: 'info', userMessage: null, helpdeskAction: 'None.' },
  {
    id: 'sms_received',
    label: 'SMS Received',
    kind: 'info',
    userMessage: null,
    helpdeskAction: 'An inbound message (a reply such as STOP); a STOP blocks further codes until START.',
  },
  {
    id: 'primary_auth_failure',
    label: 'Password Failure',
    kind: 'info',
    userMessage: null,
    helpdeskAction: 'A first-factor (password) failure, not an MFA failure.',
  },
  { id: 'sign_in_succeeded', label: 'Sign-in Succeeded', kind: 'info', userMessage: null, helpdeskAction: 'None.' },
  {
    id: 'backup_code_used',
    label: 'Backup Code Used',
    kind: 'info',
    userMessage: null,
    helpdeskAction: 'Suggest the user generates a new set when few remain.',
  },
  {
    id: 'device_trusted',
    label: 'Device Remembered',
    kind: 'info',
    userMessage: null,
    helpdeskAction: 'The device skips the code for 30 days; revoke trusted devices if it is lost.',
  },
  // Admin actions: always carry an actor and a reason.
  { id: 'admin_lock', label: 'Account Locked by Admin', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'admin_unlock', label: 'Account Unlocked', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'cooldown_reset', label: 'Cooldown Reset', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'two_factor_disabled', label: '2FA Disabled', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'two_factor_enabled', label: '2FA Enabled', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'phone_changed', label: 'Phone Number Changed', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  {
    id: 'devices_revoked',
    label: 'Trusted Devices Revoked',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'None.',
  },
  // A helpdesk agent's caller verification: the code the caller read back matched, or did not.
  {
    id: 'caller_check_passed',
    label: 'Caller Check Passed',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'The operator who made it may unlock, reset, change 2FA or the number for 30 minutes.',
  },
  {
    id: 'caller_check_failed',
    label: 'Caller Check Failed',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'The caller read back a wrong or late code: do not act for them; after 3 tries send a new code.',
  },
  {
    id: 'firm_policy_changed',
    label: 'Firm-wide 2FA Changed',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'None.',
  },
  { id: 'user_added', label: 'User Added', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'user_changed', label: 'User Changed', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  {
    id: 'backup_codes_generated',
    label: 'Backup Codes Generated',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'None.',
  },
  { id: 'settings_changed', label: 'Settings Changed', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'phone_revealed', label: 'Phone Number Viewed', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  // An export that wrote full phone numbers (exports mask them unless asked).
  { id: 'export_unmasked', label: 'Unmasked Export', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  // Two-person approval (docs/operators.md): each step of a request.
  {
    id: 'approval_requested',
    label: 'Approval Requested',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'Another administrator approves or rejects it on the Approvals page within 24 hours.',
  },
  { id: 'approval_approved', label: 'Approval Granted', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  { id: 'approval_rejected', label: 'Approval Rejected', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  {
    id: 'approval_expired',
    label: 'Approval Expired',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'No administrator decided within 24 hours; file the request again if it is still needed.',
  },
  // Safer changes for users (docs/operators.md): a new number confirmed by a code read back,
  // "Reset 2FA" and the user's enrolment, temporary access codes.
  {
    id: 'phone_change_started',
    label: 'Phone Change Started',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'The number changes only when the caller reads back the code sent to the new number.',
  },
  {
    id: 'phone_change_rejected',
    label: 'Phone Change Code Rejected',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'The code read back did not match; after 3 tries the change must be started again.',
  },
  {
    id: 'phone_change_notified',
    label: 'Phone Change Notice Sent',
    kind: 'info',
    userMessage: null,
    helpdeskAction: 'The old number and the email were told of the change; a caller who did not ask must call back.',
  },
  { id: 'two_factor_reset', label: '2FA Reset', kind: 'admin', userMessage: null, helpdeskAction: 'None.' },
  {
    id: 'phone_enrolled',
    label: 'Phone Enrolled',
    kind: 'info',
    userMessage: null,
    helpdeskAction: 'The user confirmed a new number with a code sent to it at sign-in.',
  },
  {
    id: 'temporary_access_issued',
    label: 'Temporary Access Issued',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'None.',
  },
  {
    id: 'temporary_access_used',
    label: 'Temporary Access Used',
    kind: 'info',
    userMessage: null,
    helpdeskAction: 'The user signed in with a temporary access code instead of an SMS code.',
  },
  {
    id: 'temporary_access_revoked',
    label: 'Temporary Access Revoked',
    kind: 'admin',
    userMessage: null,
    helpdeskAction: 'None.',
  },
] as const);

export type EventTypeId = (typeof EVENT_TYPES)[number]['id'];
export const EVENT_TYPE_IDS = EVENT_TYPES.map((t) => t.id) as unknown as readonly [EventTypeId, ...EventTypeId[]];

const byId = new Map<string, EventTypeInfo>(EVENT_TYPES.map((t) => [t.id, t]));
export function eventType(id: string): EventTypeInfo | undefined {
  return byId.get(id);
}
export function eventLabel(id: string): string {
  return byId.get(id)?.label ?? id;
}

/** The ids of the error events (what a user met), as opposed to admin actions and info. */
export const ERROR_EVENT_IDS: readonly string[] = EVENT_TYPES.filter((t) => t.kind === 'error').map((t) => t.id);

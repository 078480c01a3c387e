import { z } from 'zod';
import type { LikelyCause } from './incidents';
import type { ApprovalRequestView } from './approvals';
import { auditReason, emailAddress, MAX_TIME_MS, method } from './define';

export const ROLES = ['administrator', 'employee', 'technician'] as const;
export type Role = (typeof ROLES)[number];
export type UserStatus = 'active' | 'deactivated';
export type TwoFactorState = 'enabled' | 'disabled_until' | 'disabled_permanently' | 'not_enrolled';

/**
 * Why a user can or cannot sign in now, the most pressing reason first:
 * deactivated > locked > (2FA off, so no code is needed: two_factor_disabled, not_enrolled,
 * enrolment_required) > cooldown > number_reported > no_phone > code_required (the normal case).
 */
export type SignInState =
  | 'deactivated'
  | 'locked'
  | 'cooldown'
  | 'number_reported'
  | 'two_factor_disabled'
  | 'not_enrolled'
  | 'enrolment_required'
  | 'no_phone'
  | 'code_required';

export const USER_FILTERS = [
  'locked',
  'cooldown',
  '2fa-disabled',
  'not-enrolled',
  'not-my-number',
  'deactivated',
  // "It's not my phone number": accounts whose number another account has too, and recent changes.
  'shares-number',
  'phone-changed',
  // Locked or in cooldown, and the likely-cause rule ties it to an incident (docs/incidents.md).
  'incident-caused',
] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

/** One row of the directory. Times are unix ms; the phone is masked. */
export interface UserSummary {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  twoFactor: TwoFactorState;
  /** Set when 2FA is disabled until a date; after it 2FA applies again by itself. */
  twoFactorDisabledUntil: number | null;
  phoneMasked: string | null;
  phoneType: string | null;
  phoneCountry: string | null;
  phoneCarrier: string | null;
  state: SignInState;
  lockedAt: number | null;
  /** Only while the cooldown runs; null once it has passed. */
  cooldownUntil: number | null;
  /** When the user said "It's not my phone number"; cleared by a phone change. */
  notMyNumberAt: number | null;
  lastSignInAt: number | null;
  createdAt: number;
  /** In the directory: the incident that likely caused the current lock or cooldown, if any. */
  likelyCause?: LikelyCause | null;
}

export interface PhoneView {
  masked: string;
  type: string | null;
  typeLabel: string | null;
  country: string | null;
  carrier: string | null;
  lookedUpAt: number | null;
  /** For landline, VoIP, toll free...: SMS to them fails, as the FAQ says. */
  warning: string | null;
}

export interface TrustedDeviceView {
  id: number;
  label: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  /** Not revoked and not expired: it skips the code now. */
  active: boolean;
}

export interface UserEventView {
  id: number;
  occurredAt: number;
  type: string;
  label: string;
  kind: 'error' | 'admin' | 'info';
  message: string | null;
  providerCode: string | null;
  carrier: string | null;
  actor: string | null;
  reason: string | null;
}

export interface CounterView {
  id: 'failed_checks' | 'consecutive_failures' | 'sends_without_success';
  label: string;
  value: number;
  limit: number;
  /** What reaching the limit does, in words. */
  atLimit: string;
}

export type AdminAction =
  | 'lock'
  | 'unlock'
  | 'reset-cooldown'
  | 'disable-2fa'
  | 'enable-2fa'
  | 'set-phone'
  | 'revoke-devices'
  | 'deactivate'
  | 'reactivate'
  | 'set-role'
  | 'reset-2fa';

/** An admin action as the user view offers it: what it would change, or why it is not available. */
export interface ActionPreview {
  action: AdminAction;
  label: string;
  available: boolean;
  /** Why the action is disabled (for this user, or for this operator). */
  unavailableReason: string | null;
  /** What confirming would change, for the confirmation dialog. */
  consequence: string;
  confirmLabel: string;
  cancelLabel: string;
  danger: boolean;
  requiresAdministrator: boolean;
  /** The helpdesk should verify the caller first (unlock, cooldown reset, 2FA changes). */
  suggestsCallerCheck: boolean;
  /** The action needs a passed caller check made by the signed-in operator (or, for an administrator, "verified another way"). */
  requiresCallerCheck: boolean;
  /** Confirming files a request another administrator approves (two-person approval) instead of acting at once. */
  requiresApproval: boolean;
  /** Asks for the password again when it was given more than 5 minutes ago. */
  highRisk: boolean;
}

/** Why an account is locked: by whom, when, with what reason. */
export interface LockView {
  at: number;
  /**
   * `operator`: an operator locked it (Lock user account); `failures`: the engine did, after too many
   * failed checks in a row; `unknown`: no lock event is recorded (older data), only the stored reason.
   */
  cause: 'operator' | 'failures' | 'unknown';
  /** The operator who locked it. */
  actor: string | null;
  /** The operator's reason, or the engine's ("10 consecutive failed verification attempts"). */
  reason: string | null;
}

/** The status explainer: why the user can or cannot sign in now, and what would change it. */
export interface StatusExplanation {
  state: SignInState;
  /** Set while the account is locked. */
  lock: LockView | null;
  canSignIn: boolean;
  /** A code by SMS (or a trusted device, or a backup code) is needed to sign in. */
  needsCode: boolean;
  headline: string;
  /** What the user sees when they try now, from the documents. */
  userMessage: string | null;
  counters: CounterView[];
  /** When the state clears by itself (cooldown end, 2FA disabled-until date); null if it does not. */
  clearsAt: number | null;
  /** How it clears, to follow "Clears:" ("By itself at 2026-11-22 10:14 UTC; a cooldown reset clears it now."). */
  clearsHow: string;
  notes: string[];
  actions: ActionPreview[];
}

export interface BackupCodesView {
  /** Unused codes of the current set; the codes themselves are never shown again. */
  remaining: number;
  total: number;
  generatedAt: number | null;
}

export interface CallerCheckView {
  id: string;
  /**
   * `lapsed`: passed more than 30 minutes ago; `void`: passed, but the user was locked, their number
   * changed or another operator acted since: no action rests on it any more.
   */
  result: 'pending' | 'passed' | 'failed' | 'expired' | 'lapsed' | 'void';
  actor: string | null;
  sentAt: number | null;
  verifiedAt: number | null;
  /** The number it went to, masked. */
  phoneMasked: string | null;
  /** Wrong read-backs left on a pending code (3 per code). */
  triesLeft: number | null;
  /** Until when an action may rest on a passed check. */
  citableUntil: number | null;
  /** Why a passed check no longer counts (`void`), in words. */
  voidReason: string | null;
  /** True when the signed-in operator made it: only then do their actions rest on it. */
  mine: boolean;
}

/** For "It's not my phone number": who else has this number, and when and by whom it last changed. */
export interface NumberHistoryView {
  sharedWith: { email: string; name: string; status: UserStatus }[];
  changedAt: number | null;
  changedBy: string | null;
}

export interface TemporaryAccessView {
  /** The open code, if it still works (the code itself is never shown again). */
  active: {
    id: string;
    issuedBy: string;
    issuedAt: number;
    expiresAt: number;
    singleUse: boolean;
    uses: number;
  } | null;
  /** Set during the 24 hours after a number change: no temporary access until then. */
  coolOffUntil: number | null;
}

export interface UserView {
  user: UserSummary;
  numberHistory: NumberHistoryView;
  temporaryAccess: TemporaryAccessView;
  phone: PhoneView | null;
  backupCodes: BackupCodesView;
  trustedDevices: TrustedDeviceView[];
  /** The last 20 events of this user, newest first. */
  recentEvents: UserEventView[];
  status: StatusExplanation;
  firmTwoFactor: boolean;
  /** The latest caller verification, so an action can cite it. */
  callerCheck: CallerCheckView | null;
}

export interface UserListValue {
  users: UserSummary[];
  total: number;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface AdminActionValue {
  user: UserSummary;
  eventId: number;
  /** One sentence: what changed. */
  summary: string;
  /** Set-phone: the line-type warning, if any. */
  warning: string | null;
  /** Revoke-devices: how many were revoked. */
  count: number | null;
  /**
   * `applied`: the change is made. `approval_requested`: a two-person action; nothing changed yet,
   * `request` is filed for another administrator (Approvals page) and `eventId` is its approval_requested event.
   */
  outcome: 'applied' | 'approval_requested';
  request: ApprovalRequestView | null;
}

/** Step one of a number change: the code is on its way to the new number. */
export interface PhoneChangeStartedValue extends AdminActionValue {
  phoneChange: { changeId: string; maskedPhone: string; codeExpiresAt: number; triesLeft: number };
}

/** Step two: the number changed; what the old number and the email were told. */
export interface PhoneChangedValue extends AdminActionValue {
  notices: string[];
}

export interface TemporaryAccessIssuedValue extends AdminActionValue {
  /** `code` is shown this once: the console keeps only its hash. */
  temporaryAccess: { id: string; code: string; expiresAt: number; singleUse: boolean };
}

export const BULK_ACTIONS = ['unlock', 'reset-cooldown'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface BulkPreviewValue {
  action: BulkAction;
  /** Exactly who the action would change. */
  affected: { email: string; name: string; lockedAt: number | null; cooldownUntil: number | null }[];
  /** Selected but not changed, with why (not locked, your own account, ...). */
  skipped: { email: string; name: string | null; why: string }[];
  /** A filter matched more users than one bulk action takes. */
  notShown: number;
  /** Set when the selection was an incident's affected users. */
  incidentId?: number;
}

export interface BulkResultValue {
  bulkId: string;
  action: BulkAction;
  done: { email: string; name: string; eventId: number }[];
  skipped: { email: string; why: string }[];
  failed: { email: string; code: string; message: string }[];
}

export interface AddUserValue {
  user: UserSummary;
  warning: string | null;
  /**
   * An operator (administrator or technician) signs in with this password once, then chooses
   * their own: shown to the administrator this once, never stored in clear.
   */
  temporaryPassword: string | null;
}

export interface PhoneCheckValue {
  e164: string;
  masked: string;
  country: string | null;
  type: string;
  warning: string | null;
}

const email = emailAddress();
const reason = auditReason();
const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as GB')
  .transform((c) => c.toUpperCase());
const callerCheckId = z.string().min(1).max(100).optional().describe('a passed caller verification to cite');

/** An administrator's "verified another way": how, in a few words (flagged in the audit). */
export const verifiedAnotherWay = z
  .string()
  .trim()
  .max(300, 'is too long (at most 300 characters)')
  .refine((how) => how.length >= 10 && how.split(/\s+/).length >= 3, {
    message:
      'say how you verified the caller, in a few words (for example "manager callback on the number in HR records")',
  })
  .optional()
  .describe('an administrator proceeding without a caller check says how the caller was verified');

/**
 * What every admin action takes: the user, a reason, optionally a caller check to cite (else the
 * operator's own latest passed one), an administrator's "verified another way", and the explicit
 * confirmation that leaves fewer than two administrators (the operator is the session's).
 */
const adminInput = z.object({
  email,
  reason,
  callerCheckId,
  verifiedAnotherWay,
  confirmFewerAdmins: z.boolean().optional(),
});

export const userMethods = {
  listUsers: method<UserListValue>()(
    z
      .object({
        search: z.string().trim().max(200).optional(),
        filter: z.enum(USER_FILTERS).optional(),
        /** With `phone-changed`: changed in the last N days (default 7). */
        changedWithinDays: z.number().int().min(1).max(3650).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        after: z.string().max(500).optional(),
      })
      .strict(),
  ),
  /** The user view; the actions the signed-in operator may not take are marked. */
  getUser: method<UserView>()(z.object({ email }).strict()),
  addUser: method<AddUserValue>()(
    z
      .object({
        name: z.string().trim().min(1, 'give the name').max(200),
        email,
        role: z.enum(ROLES),
        phone: z.string().max(60).optional(),
        country: country.optional(),
        reason,
      })
      .strict(),
  ),
  /** Normalises a number without saving it: for the form, before a phone change. */
  checkPhone: method<PhoneCheckValue>()(z.object({ phone: z.string().max(60), country: country.optional() }).strict()),
  /** The full number; audited as phone_revealed. */
  revealPhone: method<{ e164: string }>()(z.object({ email, reason }).strict()),
  lockUser: method<AdminActionValue>()(adminInput.strict()),
  unlockUser: method<AdminActionValue>()(adminInput.strict()),
  resetCooldown: method<AdminActionValue>()(adminInput.strict()),
  /** `until` (unix ms) disables 2FA until then; without it, permanently. Administrators only. */
  disableTwoFactor: method<AdminActionValue>()(
    adminInput
      .extend({
        until: z
          .number()
          .int('must be a time in whole milliseconds')
          .positive()
          .max(MAX_TIME_MS, 'is beyond any date the console can show')
          .optional(),
      })
      .strict(),
  ),
  enableTwoFactor: method<AdminActionValue>()(adminInput.strict()),
  /** Step one: a code to the NEW number for the caller to read back; the old number stays until then. */
  changePhone: method<PhoneChangeStartedValue>()(
    adminInput.extend({ phone: z.string().max(60), country: country.optional() }).strict(),
  ),
  /** Step two: the code read back; 3 tries. The old number and the email are told. */
  confirmPhoneChange: method<PhoneChangedValue>()(
    adminInput
      .extend({
        code: z
          .string()
          .trim()
          .regex(/^[\d\s-]{4,40}$/, 'must be the digits of the code'),
      })
      .strict(),
  ),
  /** The user enrols a number again at the next sign-in; trusted devices and backup codes are revoked. */
  resetTwoFactor: method<AdminActionValue>()(adminInput.strict()),
  /** A temporary access code: 10 minutes to 8 hours (default 60), single use unless `multiUse`. */
  issueTemporaryAccess: method<TemporaryAccessIssuedValue>()(
    adminInput
      .extend({
        minutes: z
          .number()
          .int('must be whole minutes')
          .min(10, 'must be at least 10 minutes')
          .max(480, 'must be at most 480 minutes (8 hours)')
          .optional(),
        multiUse: z.boolean().optional(),
      })
      .strict(),
  ),
  revokeTemporaryAccess: method<AdminActionValue>()(adminInput.strict()),
  /** Who a bulk unlock or cooldown reset would change, from the selection or the directory's filter. */
  previewBulkAction: method<BulkPreviewValue>()(
    z
      .object({
        action: z.enum(BULK_ACTIONS),
        emails: z.array(email).min(1, 'select at least one user').max(500, 'at most 500 users at once').optional(),
        search: z.string().trim().max(200).optional(),
        filter: z.enum(USER_FILTERS).optional(),
        /** An incident's affected users whose lock or cooldown the likely-cause rule ties to it. */
        incidentId: z.number().int('must be an incident id').min(1, 'must be an incident id').optional(),
      })
      .strict(),
  ),
  /**
   * Runs it on exactly the previewed users: one reason, one audited event per user, never yourself.
   * Each rests on the operator's own caller check for that user, or (administrators) on one
   * "verified another way" for the batch, flagged in every event.
   */
  runBulkAction: method<BulkResultValue>()(
    z
      .object({
        action: z.enum(BULK_ACTIONS),
        emails: z.array(email).min(1, 'select at least one user').max(500, 'at most 500 users at once'),
        reason,
        verifiedAnotherWay,
        /** From an incident's page: every email must be one of its affected users; recorded in each event. */
        incidentId: z.number().int('must be an incident id').min(1, 'must be an incident id').optional(),
      })
      .strict(),
  ),
  revokeDevices: method<AdminActionValue>()(adminInput.strict()),
  deactivateUser: method<AdminActionValue>()(adminInput.strict()),
  reactivateUser: method<AdminActionValue>()(adminInput.strict()),
  setRole: method<AdminActionValue>()(adminInput.extend({ role: z.enum(ROLES) }).strict()),
};

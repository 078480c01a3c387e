import { z } from 'zod';
import { emailAddress, method, publicMethod } from './define';

/** Stable error codes of the sign-in and admin flows; scripts and the UI branch on these words. */
export const MFA_ERROR_CODES = {
  WRONG_CODE: 'The code does not match; the failure was counted.',
  CODE_EXPIRED: 'The code is older than its validity (3 minutes by default); send a new one.',
  COOLDOWN_ACTIVE: 'Too many failures or sends: sends and checks are refused until the cooldown ends.',
  ACCOUNT_LOCKED: 'The account is locked until a helpdesk operator or admin unlocks it.',
  SESSION_EXPIRED: 'The sign-in session has expired; sign in again.',
  SESSION_ENDED: 'The sign-in session has ended; sign in again.',
  NO_SESSION: 'There is no sign-in session to continue; send a code first.',
  NO_CODE_SENT: 'No code has been delivered in this session yet.',
  RESEND_TOO_SOON: 'Codes can be resent at most once per 30 seconds (by default).',
  NUMBER_REPORTED: 'The user said the number is not theirs; codes are not sent until the number is changed.',
  BACKUP_CODE_USED: 'That backup code was used already; each works once.',
  VERIFIED_SESSION_REQUIRED: 'Backup codes are generated only within a successfully verified sign-in.',
  PROVIDER_FAILURE: 'MFA Provider Failure: the SMS provider failed, with its error code.',
  SMS_FAILURE: 'The SMS could not be delivered (carrier error code in the message).',
  INCORRECT_PHONE_NUMBER: 'The provider refused the destination number.',
  INVALID_PHONE: 'The phone number cannot be used; the message says why.',
  NO_PHONE: 'The user has no phone number registered.',
  USER_DEACTIVATED: 'The user is deactivated.',
  NOT_ADMIN: 'Only administrators may do this.',
  NOT_AN_OPERATOR: 'The acting operator must be an active user of the console.',
  NEEDS_TWO_ADMINS: 'Firm-wide 2FA needs at least two active administrators.',
  LAST_ADMIN: 'The last active administrator cannot be deactivated or demoted while 2FA is on firm-wide.',
  CALLER_CHECK_FAILED: 'The code the caller read back did not match.',
  CALLER_CHECK_INVALID: 'The cited caller verification is not a recent passed check of this user.',
  EMAIL_TAKEN: 'Another user has that email.',
  NOTHING_TO_DO: 'The user is already in the state the action asks for.',
  // Operators signing in to the console (docs/operators.md).
  WRONG_PASSWORD: 'The email or password is wrong; the failure was counted like a wrong code.',
  WEAK_PASSWORD: 'The new password is too short, too long, or contains the email.',
  PASSWORD_CHANGE_REQUIRED: 'The password was given by an administrator: choose your own before going on.',
  SIGN_IN_REQUIRED: 'Sign in to the console first.',
  SESSION_LOCKED: 'The console locked after 15 minutes idle: enter your password to go on.',
  REAUTH_REQUIRED: 'This action needs your password again (it was last given more than 5 minutes ago).',
  SETUP_DONE: 'The first administrator exists already; sign in instead.',
  OPERATOR_SESSION: "A signed-in operator cannot complete a user's sign-in.",
  OPERATOR_ACCOUNT: "An operator's account signs in on the console's sign-in screen, not through a user's sign-in.",
  SELF_ACTION: 'Operators do not act on their own account through the console.',
  CALLER_CHECK_REQUIRED: 'This action needs a passed caller verification made by you.',
  APPROVAL_REQUIRED: 'This action needs another administrator to approve it.',
  NEEDS_SECOND_ADMIN: 'Approval needs a second active administrator, and there is none.',
  FEWER_ADMINS_UNCONFIRMED: 'This leaves fewer than two administrators while 2FA is on firm-wide: confirm it.',
  NOT_APPROVER: 'Only another administrator may decide on this request.',
  REQUEST_CLOSED: 'The request has been decided, has expired, or was withdrawn.',
  // Safer changes for users (docs/operators.md).
  NO_PHONE_CHANGE: 'No change of number is waiting for a code; start one first.',
  PHONE_CHANGE_FAILED: 'The new number was not confirmed in 3 tries; start the change again.',
  PHONE_COOL_OFF: 'The number changed less than 24 hours ago: temporary access cannot be issued yet.',
  NO_TEMPORARY_ACCESS: 'The user has no temporary access code that can be revoked.',
  TEMPORARY_ACCESS_EXPIRED: 'That temporary access code has expired; the failure was counted.',
  TEMPORARY_ACCESS_USED: 'That temporary access code was used already or revoked; the failure was counted.',
  ENROLMENT_NOT_REQUIRED: 'The user does not need to enrol a number.',
} as const;
export type MfaErrorCode = keyof typeof MFA_ERROR_CODES;

export interface CodeSentValue {
  outcome: 'code_sent';
  sessionId: string;
  /** The number the code went to, masked, as the sign-in page shows it. */
  maskedPhone: string;
  codeExpiresAt: number;
  sessionExpiresAt: number;
  resendAvailableAt: number;
  /** Sends left before the resend cooldown starts. */
  sendsRemaining: number;
}

export type SignInMethod = 'sms_code' | 'backup_code' | 'trusted_device' | 'two_factor_off' | 'temporary_access';

export interface SignedInValue {
  outcome: 'signed_in';
  method: SignInMethod;
  sessionId: string | null;
  /** Only when "remember this device" was asked: give it back on the next sign-in. Shown once. */
  deviceToken: string | null;
  deviceExpiresAt: number | null;
  /** Backup-code sign-ins: unused codes left. */
  backupCodesRemaining: number | null;
}

export interface EnrolmentRequiredValue {
  outcome: 'enrolment_required';
  message: string;
}

export type SendCodeValue = CodeSentValue | SignedInValue | EnrolmentRequiredValue;

export interface EnrolmentCodeSentValue {
  outcome: 'enrolment_code_sent';
  enrolmentId: string;
  maskedPhone: string;
  codeExpiresAt: number;
  triesLeft: number;
  /** Landline, VoIP...: SMS to them may fail. */
  warning: string | null;
}

export interface NotMyNumberValue {
  /** "Please contact your administrator for assistance." */
  message: string;
  flaggedAt: number;
}

export interface BackupCodesValue {
  /** In order; shown this once and never again. */
  codes: string[];
  generatedAt: number;
}

export interface CallerCodeSentValue {
  checkId: string;
  maskedPhone: string;
  codeExpiresAt: number;
  /** Wrong read-backs the code allows (3); then a new code is needed. */
  tries: number;
}

export interface CallerCheckValue {
  checkId: string;
  result: 'passed';
  verifiedAt: number;
  /** Your unlock, cooldown reset, 2FA or number change for this user rests on it until then (30 minutes). */
  citableUntil: number;
}

export interface OutboxMessageView {
  id: number;
  /** Masked, as the helpdesk sees every number. */
  phone: string;
  body: string;
  sessionId: string | null;
  sentAt: number;
}

const email = emailAddress();
const code = z
  .string()
  .trim()
  .regex(/^[\d\s-]{4,40}$/, 'must be the digits of the code');
const device = {
  rememberDevice: z.boolean().optional(),
  deviceLabel: z.string().trim().min(1).max(100).optional(),
};

/** The user's side of an SMS sign-in, the helpdesk's caller verification, and the simulated handset. */
export const verifyMethods = {
  /** Starts a sign-in (or resends in the current one). A valid device token skips the code. */
  sendCode: publicMethod<SendCodeValue>()(
    z.object({ email, deviceToken: z.string().min(10).max(200).optional() }).strict(),
  ),
  checkCode: publicMethod<SignedInValue>()(
    z.object({ email, code, sessionId: z.string().max(100).optional(), ...device }).strict(),
  ),
  /** "It's not my phone number": ends the session and flags the user for the helpdesk. */
  notMyNumber: publicMethod<NotMyNumberValue>()(
    z.object({ email, sessionId: z.string().max(100).optional() }).strict(),
  ),
  useBackupCode: publicMethod<SignedInValue>()(z.object({ email, code, ...device }).strict()),
  /** After "Reset 2FA" (or with 2FA on firm-wide and no number): a code to the number the user types. */
  enrolPhone: publicMethod<EnrolmentCodeSentValue>()(
    z
      .object({
        email,
        phone: z.string().max(60),
        country: z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as GB')
          .transform((c) => c.toUpperCase())
          .optional(),
      })
      .strict(),
  ),
  /** The code from the new number: enrols it and signs the user in. */
  confirmEnrolment: publicMethod<SignedInValue>()(z.object({ email, code, ...device }).strict()),
  /** Signs in with a temporary access code from the helpdesk instead of an SMS code. */
  useTemporaryAccess: publicMethod<SignedInValue>()(
    z
      .object({
        email,
        code: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9\s-]{8,40}$/, 'must be the temporary access code, such as abcd-efgh-jkmn'),
        ...device,
      })
      .strict(),
  ),
  /** Within the user's own verified sign-in, named by `sessionId`. */
  generateBackupCodes: publicMethod<BackupCodesValue>()(
    z.object({ email, sessionId: z.string().min(1).max(100) }).strict(),
  ),
  /**
   * The user's own sign-in screen with the simulated provider: what the simulated phone received
   * in this sign-in (a training aid; nothing with a real provider).
   */
  signInMessages: publicMethod<{ simulated: boolean; messages: OutboxMessageView[] }>()(
    z.object({ email, sessionId: z.string().min(1).max(100) }).strict(),
  ),
  sendCallerCode: method<CallerCodeSentValue>()(z.object({ email }).strict()),
  checkCallerCode: method<CallerCheckValue>()(z.object({ email, code }).strict()),
  /** What the simulated provider delivered to the user's phone, newest first: administrators only. */
  outbox: method<{ messages: OutboxMessageView[] }>()(
    z.object({ email, limit: z.number().int().min(1).max(200).optional() }).strict(),
  ),
};

import { z } from 'zod';
import { emailAddress, method } from './define';

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

export type SignInMethod = 'sms_code' | 'backup_code' | 'trusted_device' | 'two_factor_off';

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
}

export interface CallerCheckValue {
  checkId: string;
  result: 'passed';
  verifiedAt: number;
  /** Cite it as `callerCheckId` in an unlock, cooldown reset or 2FA change within this time. */
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
  sendCode: method<SendCodeValue>()(z.object({ email, deviceToken: z.string().min(10).max(200).optional() }).strict()),
  checkCode: method<SignedInValue>()(
    z.object({ email, code, sessionId: z.string().max(100).optional(), ...device }).strict(),
  ),
  /** "It's not my phone number": ends the session and flags the user for the helpdesk. */
  notMyNumber: method<NotMyNumberValue>()(z.object({ email, sessionId: z.string().max(100).optional() }).strict()),
  useBackupCode: method<SignedInValue>()(z.object({ email, code, ...device }).strict()),
  /** Within the user's own verified sign-in, named by `sessionId` (the command line may omit it: the latest). */
  generateBackupCodes: method<BackupCodesValue>()(
    z.object({ email, sessionId: z.string().max(100).optional() }).strict(),
  ),
  sendCallerCode: method<CallerCodeSentValue>()(z.object({ email, actor: email }).strict()),
  checkCallerCode: method<CallerCheckValue>()(z.object({ email, actor: email, code }).strict()),
  /** What the simulated provider delivered to the user's phone, newest first. */
  outbox: method<{ messages: OutboxMessageView[] }>()(
    z.object({ email, limit: z.number().int().min(1).max(200).optional() }).strict(),
  ),
};

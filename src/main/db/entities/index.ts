import { BackupCode } from './backup-code';
import { MfaEvent } from './mfa-event';
import { OutboxMessage } from './outbox-message';
import { Setting } from './setting';
import { TrustedDevice } from './trusted-device';
import { User } from './user';
import { VerificationAttempt } from './verification-attempt';
import { VerificationSession } from './verification-session';

export { BackupCode, MfaEvent, OutboxMessage, Setting, TrustedDevice, User, VerificationAttempt, VerificationSession };

/** Explicit list: a bundle has no folder to glob. */
export const ENTITIES = [
  User,
  VerificationSession,
  VerificationAttempt,
  BackupCode,
  TrustedDevice,
  MfaEvent,
  OutboxMessage,
  Setting,
];

import type { EventTypeId } from '../../../shared/events';

/**
 * Microsoft's fixed strings for an MFA denial (error 500121), as status.additionalDetails or the
 * failure reason carry them. Compared whole (case and outer spaces aside), never searched in.
 */
const MFA_DENIALS: Record<string, EventTypeId> = {
  'mfa denied; user did not respond to mobile app notification': 'session_expired',
  'mfa denied; user declined the authentication': 'mfa_denied',
  'mfa denied; user did not select the correct number': 'mfa_denied',
  'mfa denied; fraud code entered': 'not_my_number',
  'mfa denied; phone app reported fraud': 'not_my_number',
  'mfa denied; duplicate authentication attempt': 'mfa_failure',
};

/** Sign-in error code (0 = success) → type; codes not listed are not imported. */
export function entraType(errorCode: number, reasons: readonly (string | null)[]): EventTypeId | null {
  if (errorCode === 0) return 'sign_in_succeeded';
  if (errorCode === 50126) return 'primary_auth_failure';
  if (errorCode === 50053) return 'account_lock';
  if (errorCode === 500121) {
    for (const reason of reasons) {
      const type = reason ? MFA_DENIALS[reason.trim().toLowerCase()] : undefined;
      if (type) return type;
    }
    return 'mfa_failure';
  }
  return null;
}

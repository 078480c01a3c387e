import twilio from 'twilio';
import TwilioServiceException from 'twilio/lib/base/TwilioServiceException';
import { providerCode } from '../../../shared/provider-codes';
import type { FailureKind, ProviderFailure } from '../provider';

/** Twilio codes that mean the destination number cannot take an SMS code. */
const PHONE_CODES = new Set(['60200', '21211', '21614', '60205']);
/** Twilio codes that mean "not now": Verify's check and send limits, concurrency, the API rate limit. */
const RATE_LIMIT_CODES = new Set(['60202', '60203', '60212', '20429']);
/** Refusals about where the SMS may go (Fraud Guard, geo permissions, region, STOP): delivery failures. */
const DELIVERY_CODES = /^(30\d{3}|21610|21408|60410|60605)$/;

/** How a Twilio code is filed; used for API errors and for delivery failures from the sync alike. */
export function failureKindOf(code: string): FailureKind {
  if (PHONE_CODES.has(code)) return 'incorrect_phone_number';
  if (RATE_LIMIT_CODES.has(code)) return 'rate_limited';
  if (DELIVERY_CODES.test(code)) return 'sms_failure';
  return 'provider_failure';
}

function failure(kind: FailureKind, code: string, detail: string | null | undefined): ProviderFailure {
  const meaning = providerCode(code)?.meaning;
  const said = detail ? `Twilio said: ${detail}` : null;
  const message = [meaning, said].filter(Boolean).join(' ');
  return { kind, code, message: message || `Twilio failed with code ${code}.` };
}

/** What an axios timeout looks like through twilio-node (ECONNABORTED, or ETIMEDOUT with clarified errors). */
function isTimeout(error: { code?: unknown; message?: unknown }): boolean {
  const message = typeof error.message === 'string' ? error.message : '';
  return error.code === 'ETIMEDOUT' || (error.code === 'ECONNABORTED' && /timeout/i.test(message));
}

/**
 * Turns whatever the twilio client threw into a ProviderFailure with a stable code:
 * - HTTP 5xx, JSON body or HTML (where `code` is undefined): provider_failure with the HTTP status,
 *   because that is what the user sees ("MFA Provider Failure, Error Code: 500");
 * - a Twilio error code (legacy RestException or RFC 9457 TwilioServiceException): filed by
 *   `failureKindOf`, with the code's meaning from the shared table;
 * - a refused connection, other network errors and timeouts: provider_failure with ECONNREFUSED,
 *   the errno code, or TIMEOUT.
 */
export function toProviderFailure(error: unknown): ProviderFailure {
  if (error instanceof twilio.RestException || error instanceof TwilioServiceException) {
    const status = Number(error.status);
    const detail = error instanceof TwilioServiceException ? (error.detail ?? error.title) : error.message;
    const twilioCode = error.code ? String(error.code) : null;
    if (status >= 500) {
      return failure('provider_failure', String(status), twilioCode ? `${detail} (Twilio code ${twilioCode})` : detail);
    }
    if (twilioCode) return failure(failureKindOf(twilioCode), twilioCode, detail);
    return failure('provider_failure', String(status), detail);
  }
  const err = (error ?? {}) as { code?: unknown; message?: unknown };
  if (isTimeout(err))
    return failure('provider_failure', 'TIMEOUT', typeof err.message === 'string' ? err.message : null);
  if (typeof err.code === 'string' && /^E[A-Z_]+$/.test(err.code)) {
    const message = typeof err.message === 'string' && err.message ? err.message : `Network error ${err.code}.`;
    return failure('provider_failure', err.code, message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'provider_failure', code: 'UNKNOWN', message: `The Twilio client failed: ${message}` };
}

/** The Twilio error code of a thrown error, if it carries one (20404 for "verification not found"). */
export function twilioErrorCode(error: unknown): number | null {
  if (error instanceof twilio.RestException || error instanceof TwilioServiceException) {
    return error.code ? Number(error.code) : null;
  }
  return null;
}

/**
 * What the engine needs from an SMS provider. Two shapes exist in the wild:
 * - the provider delivers a code the engine made (simulated provider; the engine hashes it);
 * - the provider makes and checks the code itself (Twilio Verify).
 * `generatesCodes` says which; the engine enforces the 3-minute validity, cooldown and
 * lock on top either way.
 */
export type ProviderId = 'simulated' | 'twilio';

/** How a provider failure is filed: it picks the event type the helpdesk sees. */
export type FailureKind =
  /** The provider itself failed (HTTP 5xx, refused connection, timeout). */
  | 'provider_failure'
  /** The destination is invalid or not a mobile (60200, 21211, 21614, 60205). */
  | 'incorrect_phone_number'
  /** The carrier did not deliver (30003–30008, 21610, ...). */
  | 'sms_failure'
  /** The provider refuses more sends/checks for now (60202, 60203, 20429). */
  | 'rate_limited';

export interface ProviderFailure {
  kind: FailureKind;
  /** The provider's code as text: '500', '60200', 'ECONNREFUSED', 'TIMEOUT'. */
  code: string;
  message: string;
}

export type SendResult =
  { ok: true; ref: string | null; carrier?: string | null } | { ok: false; failure: ProviderFailure };

/** approved: right code; rejected: wrong code; expired: the provider no longer knows it. */
export type CheckResult =
  { ok: true; status: 'approved' | 'rejected' | 'expired' } | { ok: false; failure: ProviderFailure };

export interface SendRequest {
  /** E.164 destination. */
  to: string;
  /** The code to deliver, when the provider does not make its own. */
  code?: string;
  /** The engine's session id, for correlating in the outbox or logs. */
  sessionId: string;
  /** A caller check's SMS says what it is (the simulated provider's text; Twilio Verify keeps its template). */
  purpose?: 'sign_in' | 'caller_check';
  /**
   * The text around the code, `{code}` where it goes, for codes that are not a sign-in (a new
   * number's confirmation). Providers that make their own codes use their own template.
   */
  message?: string;
}

export interface CheckRequest {
  to: string;
  code: string;
  ref: string | null;
  sessionId: string;
}

export interface SmsProvider {
  readonly id: ProviderId;
  readonly generatesCodes: boolean;
  send(request: SendRequest): Promise<SendResult>;
  /** Only called when `generatesCodes` is true. */
  check(request: CheckRequest): Promise<CheckResult>;
  /**
   * A plain notice without a code ("your number was changed"). Optional: Twilio Verify sends only
   * codes, so a provider without it cannot notify and the engine says so.
   */
  notify?(to: string, body: string): Promise<SendResult>;
}

/** Line type and carrier of a number (Twilio Lookup v2 line_type_intelligence). */
export interface LookupResult {
  /** mobile, landline, fixedVoip, nonFixedVoip, tollFree, ... as the provider says. */
  lineType: string | null;
  carrier: string | null;
  countryCode: string | null;
}

/** Optional capability: providers that can look a number up implement this. */
export interface PhoneLookup {
  lookup(e164: string): Promise<{ ok: true; value: LookupResult } | { ok: false; failure: ProviderFailure }>;
}

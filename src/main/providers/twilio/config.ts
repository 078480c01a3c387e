/** Everything the Twilio provider needs to talk to Twilio, resolved from Settings, secrets and the environment. */
export interface TwilioConfig {
  accountSid: string;
  /** Basic auth: the account's Auth Token, or an API key (SID and secret) acting for the account. */
  auth: { kind: 'auth_token'; token: string } | { kind: 'api_key'; sid: string; secret: string };
  verifyServiceSid: string;
  /** Look numbers up (Lookup v2 line type intelligence) when a phone number is set or changed. */
  lookupEnabled: boolean;
  /** Replaces https://*.twilio.com (protocol and host) on every request; null for Twilio itself. */
  baseUrl: string | null;
  /** Per request; a request still unanswered after this is a provider failure with code TIMEOUT. */
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** SIDs as Twilio writes them: two letters and 32 hex digits. */
export const SID_PATTERNS = {
  accountSid: /^AC[0-9a-fA-F]{32}$/,
  apiKeySid: /^SK[0-9a-fA-F]{32}$/,
  verifyServiceSid: /^VA[0-9a-fA-F]{32}$/,
} as const;

/** The username and password of the Basic auth Twilio expects. */
export function basicAuth(config: TwilioConfig): { username: string; password: string } {
  return config.auth.kind === 'auth_token'
    ? { username: config.accountSid, password: config.auth.token }
    : { username: config.auth.sid, password: config.auth.secret };
}

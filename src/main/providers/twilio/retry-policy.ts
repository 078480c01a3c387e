/**
 * Our own retry policy for Twilio, used instead of the client's `autoRetry`, which retries every
 * HTTP 429, including Verify's 60202/60203 limits that will not clear for minutes (and, for a
 * send, would text the user a second code). Only reads are retried, and only on 20429 (the API's
 * request-rate limit) and on network errors that mean the request never reached Twilio.
 */
export interface RetryPolicy {
  /** Retries after the first try; 0 turns retrying off. */
  maxRetries: number;
  /** The first wait; it doubles on each retry. */
  baseDelayMs: number;
  /** No single wait is longer than this, whatever Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 4_000 };

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Errors raised before Twilio saw the request (or after it dropped the connection mid-read).
// A request timeout is not among them: the operator already waited the whole timeout once.
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);

export function isTransientNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code);
}

/** Twilio's API request-rate limit, as opposed to the Verify limits that also answer 429. */
export function isApiRateLimit(statusCode: number, body: unknown): boolean {
  if (statusCode !== 429) return false;
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  return (parsed as { code?: unknown } | null)?.code === 20429;
}

/** The wait before retry number `retry` (1-based): doubling from the base, Retry-After if longer, capped. */
export function backoffDelay(policy: RetryPolicy, retry: number, retryAfterSeconds?: number): number {
  const exponential = policy.baseDelayMs * 2 ** (retry - 1);
  const asked = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 0;
  return Math.min(policy.maxDelayMs, Math.max(exponential, asked));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

import twilio from 'twilio';
import { basicAuth, type TwilioConfig } from './config';
import { RoutedRequestClient } from './request-client';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retry-policy';

export type TwilioClient = twilio.Twilio;

export interface TwilioClientDeps {
  /** The backoff's wait; tests pass one that returns at once. */
  sleep?: Sleep;
  retry?: RetryPolicy;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; uri: string }) => void;
}

/**
 * The official twilio client, with our HTTP layer (base URL override, timeout, read-only
 * retries) and the library's own autoRetry off, so a 429 from Verify's send limit is never
 * retried into a second SMS.
 */
export function createTwilioClient(config: TwilioConfig, deps: TwilioClientDeps = {}): TwilioClient {
  const httpClient = new RoutedRequestClient({
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    retry: deps.retry ?? DEFAULT_RETRY_POLICY,
    sleep: deps.sleep,
    onRetry: deps.onRetry,
  });
  const { username, password } = basicAuth(config);
  return twilio(username, password, {
    accountSid: config.accountSid,
    httpClient,
    autoRetry: false,
    timeout: config.timeoutMs,
  });
}
